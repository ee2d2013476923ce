import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { IdParams, Text } from '../../http/schemas.js';

export async function apiKeyRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/me/api-keys', {
    schema: { tags: ['API 密钥'], summary: '新建 API 密钥（密钥仅显示一次）', body: Type.Optional(Type.Object({ name: Type.Optional(Text(50)) })) },
    config: { audit: 'apiKey.create' },
  }, async (req, reply) => {
    authorize(req, 'me.apiKey.manage');
    const created = await ctx.apiKeys.create(accountOf(req).id, req.body?.name ?? '');
    req.auditTarget = created.id;
    reply.status(201);
    return created;
  });

  app.get('/api/v1/me/api-keys', { schema: { tags: ['API 密钥'], summary: '我的 API 密钥' } }, async (req) => {
    authorize(req, 'me.apiKey.manage');
    return { items: await ctx.apiKeys.list(accountOf(req).id) };
  });

  app.delete('/api/v1/me/api-keys/:id', {
    schema: { tags: ['API 密钥'], summary: '吊销 API 密钥', params: IdParams },
    config: { audit: 'apiKey.revoke' },
  }, async (req) => {
    authorize(req, 'me.apiKey.manage');
    await ctx.apiKeys.revoke(accountOf(req).id, req.params.id);
    return { ok: true };
  });
}
