import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { IdParams, Text } from '../../http/schemas.js';

const SourceFields = {
  name: Text(100, 1),
  kind: Type.Union([Type.Literal('ckan'), Type.Literal('dcat')], { description: 'ckan：CKAN Action API 站点；dcat：DCAT 目录文件（Turtle、RDF/XML 或 JSON-LD，可按 hydra 分页）' }),
  url: Text(2000, 1),
  departmentId: Text(64, 1),
  schedule: Type.Optional(Text(100, 0)),
};

const tags = ['目录采集'];

/** 目录采集: the authority's harvest sources, their runs and their schedule. */
export async function harvestRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/harvest/sources', { schema: { tags, summary: '采集源列表（含最近一次运行）' } }, async (req) => {
    authorize(req, 'harvest.manage');
    return ctx.harvest.list();
  });

  app.post('/api/v1/harvest/sources', {
    schema: {
      tags, body: Type.Object(SourceFields),
      summary: '登记采集源：CKAN 站点或 DCAT 目录，按计划（cron，默认每天 2:30）采集为指定开放主体的目录；地址须在 SHUKAI_SOURCE_HOSTS 允许的主机内',
    },
    config: { audit: 'harvest.source.create' },
  }, async (req, reply) => {
    authorize(req, 'harvest.manage');
    const id = await ctx.harvest.register(req.body, accountOf(req).id);
    req.auditTarget = id;
    reply.status(201);
    return ctx.harvest.get(id);
  });

  app.get('/api/v1/harvest/sources/:id', { schema: { tags, summary: '采集源详情：最近一次运行（状态、时间、新增/更新/恢复/撤回/未变/失败数、错误）、下次运行时间、运行记录', params: IdParams } }, async (req) => {
    authorize(req, 'harvest.manage');
    return ctx.harvest.get(req.params.id);
  });

  app.patch('/api/v1/harvest/sources/:id', {
    schema: { tags, summary: '修改采集源', params: IdParams, body: Type.Partial(Type.Object(SourceFields), { minProperties: 1 }) },
    config: { audit: 'harvest.source.update' },
  }, async (req) => {
    authorize(req, 'harvest.manage');
    await ctx.harvest.change(req.params.id, req.body);
    return ctx.harvest.get(req.params.id);
  });

  app.post('/api/v1/harvest/sources/:id/pause', { schema: { tags, summary: '暂停按计划采集（仍可立即采集）', params: IdParams }, config: { audit: 'harvest.source.pause' } }, async (req) => {
    authorize(req, 'harvest.manage');
    await ctx.harvest.pause(req.params.id);
    return ctx.harvest.get(req.params.id);
  });

  app.post('/api/v1/harvest/sources/:id/resume', { schema: { tags, summary: '恢复按计划采集', params: IdParams }, config: { audit: 'harvest.source.resume' } }, async (req) => {
    authorize(req, 'harvest.manage');
    await ctx.harvest.resume(req.params.id);
    return ctx.harvest.get(req.params.id);
  });

  app.delete('/api/v1/harvest/sources/:id', {
    schema: { tags, summary: '删除采集源：其目录撤回并转为该开放主体的自有目录', params: IdParams },
    config: { audit: 'harvest.source.delete' },
  }, async (req, reply) => {
    authorize(req, 'harvest.manage');
    await ctx.harvest.remove(req.params.id);
    reply.status(204);
  });

  app.post('/api/v1/harvest/sources/:id/run', {
    schema: { tags, summary: '立即采集：返回运行任务 id（已有排队或运行中的任务时返回该任务）', params: IdParams },
    config: { audit: 'harvest.source.run' },
  }, async (req, reply) => {
    authorize(req, 'harvest.manage');
    const jobId = await ctx.harvest.runNow(req.params.id, accountOf(req).id);
    // After the command commits, so the runner finds the job it is woken for.
    await ctx.database.unitOfWork.afterCommit(async () => ctx.jobRunner.nudge());
    reply.status(202);
    return { jobId };
  });
}
