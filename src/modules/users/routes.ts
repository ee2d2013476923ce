import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { CREDIT_LEVELS, ROLES } from '../../domain/roles.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { IdParams, Paging, Text } from '../../http/schemas.js';

export async function userRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/users', {
    schema: {
      tags: ['用户管理'], summary: '用户列表（主管部门）',
      querystring: Type.Object({ q: Type.Optional(Text(50)), role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)))), ...Paging }),
    },
  }, async (req) => {
    authorize(req, 'user.list');
    return ctx.users.list(req.query);
  });

  app.patch('/api/v1/users/:id', {
    schema: {
      tags: ['用户管理'], summary: '设置角色、所属部门、信用等级或状态', params: IdParams,
      body: Type.Object({
        roles: Type.Optional(Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { maxItems: ROLES.length })),
        departmentId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 64 })])),
        creditLevel: Type.Optional(Type.Union(CREDIT_LEVELS.map((l) => Type.Literal(l)))),
        status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
      }),
    },
    config: { audit: 'user.update' },
  }, async (req) => {
    authorize(req, 'user.manage', await ctx.users.policyFacts(req.params.id, req.body));
    req.auditDetail = JSON.stringify(req.body);
    return ctx.users.update(req.params.id, req.body);
  });
}
