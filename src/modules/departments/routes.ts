import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { IdParams, Text } from '../../http/schemas.js';

const DepartmentFields = {
  name: Text(100, 1),
  kind: Type.Optional(Type.Union([Type.Literal('provider'), Type.Literal('authority')])),
  responsibleUnit: Text(100, 1),
  contactPerson: Text(50, 1),
  contactPhone: Text(20, 1),
  contactEmail: Text(254, 1),
  address: Type.Optional(Text(200)),
  description: Type.Optional(Text(2000)),
};

export async function departmentRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/departments', { schema: { tags: ['开放主体'], summary: '开放主体及联系人（公开）' } }, async (req) => {
    authorize(req, 'department.read');
    return { items: await ctx.departments.list() };
  });

  app.get('/api/v1/departments/:id', { schema: { tags: ['开放主体'], summary: '开放主体详情', params: IdParams } }, async (req) => {
    authorize(req, 'department.read');
    return ctx.departments.get(req.params.id);
  });

  app.post('/api/v1/departments', {
    schema: { tags: ['开放主体'], summary: '新建开放主体', body: Type.Object(DepartmentFields) },
    config: { audit: 'department.create' },
  }, async (req, reply) => {
    authorize(req, 'department.create');
    const department = await ctx.departments.create(req.body);
    req.auditTarget = department.id;
    reply.status(201);
    return department;
  });

  app.patch('/api/v1/departments/:id', {
    schema: { tags: ['开放主体'], summary: '修改开放主体', params: IdParams, body: Type.Partial(Type.Object(DepartmentFields)) },
    config: { audit: 'department.update' },
  }, async (req) => {
    authorize(req, 'department.update');
    return ctx.departments.update(req.params.id, req.body);
  });
}
