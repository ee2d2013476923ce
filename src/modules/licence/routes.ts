import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { Text } from '../../http/schemas.js';

export async function licenceRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/licence', { schema: { tags: ['授权协议'], summary: '当前版本的数据开放授权许可使用协议' } }, async (req) => {
    authorize(req, 'licence.read');
    const licence = await ctx.licence.current();
    const accepted = req.actor.kind === 'account' ? await ctx.licence.hasAcceptedCurrent(req.actor.id) : false;
    return { ...licence, accepted };
  });

  app.post('/api/v1/licence/accept', {
    schema: { tags: ['授权协议'], summary: '同意协议', body: Type.Object({ version: Type.Integer({ minimum: 1 }) }) },
    config: { audit: 'licence.accept' },
  }, async (req) => {
    authorize(req, 'licence.accept');
    await ctx.licence.accept(accountOf(req).id, req.body.version, req.ip);
    req.auditDetail = JSON.stringify({ version: req.body.version });
    return { accepted: true, version: req.body.version };
  });

  app.put('/api/v1/licence', {
    schema: { tags: ['授权协议'], summary: '发布新版本协议（主管部门）', body: Type.Object({ title: Text(100, 1), text: Text(20000, 10) }) },
    config: { audit: 'licence.publish' },
  }, async (req) => {
    authorize(req, 'licence.manage');
    const version = await ctx.licence.publish(req.body.title, req.body.text, accountOf(req).id);
    return { version };
  });
}
