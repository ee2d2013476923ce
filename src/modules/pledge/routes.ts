import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { Text } from '../../http/schemas.js';

/** 安全承诺书: the current text every application accepts by version, and each version as it was. */
export async function pledgeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/pledge', { schema: { tags: ['授权协议'], summary: '当前版本的安全承诺书（申请受限开放数据时按版本确认）' } }, async (req) => {
    authorize(req, 'pledge.read');
    return ctx.pledge.current();
  });

  app.get('/api/v1/pledge/versions/:version', {
    schema: { tags: ['授权协议'], summary: '安全承诺书的某一版本（申请所确认的版本原文）', params: Type.Object({ version: Type.Integer({ minimum: 1 }) }) },
  }, async (req) => {
    authorize(req, 'pledge.read');
    return ctx.pledge.version(req.params.version);
  });

  app.put('/api/v1/pledge', {
    schema: { tags: ['授权协议'], summary: '发布新版本安全承诺书（主管部门管理员）', body: Type.Object({ title: Text(100, 1), text: Text(20000, 10) }) },
    config: { audit: 'pledge.publish' },
  }, async (req) => {
    authorize(req, 'pledge.manage');
    const version = await ctx.pledge.publish(req.body.title, req.body.text, accountOf(req).id);
    req.auditDetail = JSON.stringify({ version });
    return { version };
  });
}
