import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { parseAnchor } from '../../domain/audit-chain.js';
import { AppError } from '../../domain/errors.js';
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

  app.get('/api/v1/audit/verify', {
    schema: {
      tags: ['安全审计'], summary: '校验审计日志哈希链（可附此前记下的链头 anchor=seq:hash，以发现末尾被截断或重写）',
      querystring: Type.Object({ anchor: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })) }),
    },
  }, async (req) => {
    authorize(req, 'audit.read');
    const anchors = (req.query.anchor ?? []).map((text) => {
      const anchor = parseAnchor(text);
      if (!anchor) throw new AppError('VALIDATION_FAILED', 'anchor', '链头格式应为 seq:hash（64 位十六进制）');
      return anchor;
    });
    const broken = await ctx.audit.verify(anchors);
    return { intact: broken === null, firstBroken: broken, algorithm: ctx.config.auditHash, head: await ctx.audit.head() };
  });
}
