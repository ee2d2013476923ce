import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { ApiKeyScope } from '../../domain/policy.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { IdParams, Text } from '../../http/schemas.js';

export async function apiKeyRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/me/api-keys', {
    schema: {
      tags: ['API 密钥'], summary: '新建 API 密钥（密钥仅显示一次）',
      body: Type.Optional(Type.Object({
        name: Type.Optional(Text(50)),
        scope: Type.Optional(Type.Union([Type.Literal('read'), Type.Literal('upload')], { description: 'read：只读数据（默认）；upload：另可上传数据新版本（数据发布员）' })),
        endsWithPassword: Type.Optional(Type.Boolean({ description: '修改密码后此密钥失效' })),
      })),
    },
    config: { audit: 'apiKey.create' },
  }, async (req, reply) => {
    authorize(req, 'me.apiKey.manage');
    const scope: ApiKeyScope = req.body?.scope ?? 'read';
    if (scope === 'upload') authorize(req, 'me.apiKey.upload');
    const created = await ctx.apiKeys.create(accountOf(req).id, { name: req.body?.name ?? '', scope, endsWithPassword: req.body?.endsWithPassword ?? false });
    req.auditDetail = JSON.stringify({ scope: created.scope, endsWithPassword: created.endsWithPassword });
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
