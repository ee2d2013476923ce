import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { Paging, Text } from '../../http/schemas.js';

export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/audit', {
    schema: {
      tags: ['安全审计'], summary: '审计日志（安全审计员）',
      querystring: Type.Object({ action: Type.Optional(Text(100)), actorId: Type.Optional(Text(64)), ...Paging }),
    },
  }, async (req) => {
    authorize(req, 'audit.read');
    return ctx.audit.list(req.query);
  });

  app.get('/api/v1/audit/verify', { schema: { tags: ['安全审计'], summary: '校验审计日志哈希链' } }, async (req) => {
    authorize(req, 'audit.read');
    const broken = await ctx.audit.verify();
    return { intact: broken === null, firstBroken: broken, algorithm: ctx.config.auditHash };
  });
}
