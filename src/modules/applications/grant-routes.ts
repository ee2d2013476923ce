import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { can } from '../../domain/policy.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { IdParams, Text } from '../../http/schemas.js';

const TAGS = ['数据使用授权'];

export async function grantRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/me/grants', {
    schema: { tags: TAGS, summary: '我的数据使用授权：数据项、期限、状态与使用情况' },
  }, async (req) => {
    authorize(req, 'me.read');
    return ctx.grants.listMine(accountOf(req));
  });

  app.get('/api/v1/grants', {
    schema: { tags: TAGS, summary: '工作人员查看授权：主管部门看全部，开放主体看本部门数据的授权' },
  }, async (req) => {
    authorize(req, 'workflow.tasks');
    const actor = accountOf(req);
    return ctx.grants.listForStaff(actor, can(actor, 'workflow.supervise') ? null : actor.departmentId);
  });

  app.get('/api/v1/grants/:id', {
    schema: { tags: TAGS, summary: '授权详情', params: IdParams },
  }, async (req) => ctx.grants.get(req.params.id, req.actor));

  const Reason = Type.Object({ reason: Text(1000, 1) });
  app.post('/api/v1/grants/:id/suspend', {
    schema: { tags: TAGS, summary: '暂停授权（主管部门或开放主体，须说明理由；下一次请求起生效）', params: IdParams, body: Reason },
    config: { audit: 'grant.suspend' },
  }, async (req) => {
    await ctx.grants.suspend(req.params.id, req.actor, req.body.reason);
    return ctx.grants.get(req.params.id, req.actor);
  });

  app.post('/api/v1/grants/:id/resume', {
    schema: { tags: TAGS, summary: '恢复已暂停的授权', params: IdParams },
    config: { audit: 'grant.resume' },
  }, async (req) => {
    await ctx.grants.resume(req.params.id, req.actor);
    return ctx.grants.get(req.params.id, req.actor);
  });

  app.post('/api/v1/grants/:id/revoke', {
    schema: { tags: TAGS, summary: '撤销授权（主管部门或开放主体，须说明理由；下一次请求起生效）', params: IdParams, body: Reason },
    config: { audit: 'grant.revoke' },
  }, async (req) => {
    await ctx.grants.revoke(req.params.id, req.actor, req.body.reason);
    return ctx.grants.get(req.params.id, req.actor);
  });
}
