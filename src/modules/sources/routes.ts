import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { UpdateFrequency } from '../../domain/catalog.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/policy.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { IdParams, Text } from '../../http/schemas.js';
import { checkSettings, SOURCE_FORMATS, SOURCE_KINDS, SOURCE_MODES } from './settings.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const SourceBody = Type.Object({
  kind: literals(SOURCE_KINDS),
  url: Type.Optional(Text(2000, 1)),
  authorization: Type.Optional(Text(4000, 1)),
  connection: Type.Optional(Text(2000, 1)),
  query: Type.Optional(Text(20_000, 1)),
  format: Type.Optional(literals(SOURCE_FORMATS)),
  jsonPath: Type.Optional(Text(200, 1)),
  schedule: Type.Optional(Text(100, 1)),
  mode: literals(SOURCE_MODES),
  key: Type.Optional(Text(64, 1)),
  cursorField: Type.Optional(Text(64, 1)),
});

const SourceChangeBody = Type.Object({
  schedule: Type.Optional(Text(100, 1)),
  mode: Type.Optional(literals(SOURCE_MODES)),
  key: Type.Optional(Type.Union([Text(64, 1), Type.Null()])),
  cursorField: Type.Optional(Type.Union([Text(64, 1), Type.Null()])),
  paused: Type.Optional(Type.Boolean()),
}, { minProperties: 1 });

/** 数据汇聚: a resource's sources, their runs, and running one now. */
export async function sourceRoutes(app: App, ctx: AppContext): Promise<void> {
  /** The resource's entry's facts; an entry the caller may not know of is refused as unknown. */
  const resourceFacts = async (req: FastifyRequest, resourceId: string) => {
    // Sources are console business: a visitor is asked to sign in before anything is looked up.
    authorize(req, 'catalog.console');
    const { facts } = await ctx.resources.readContext(resourceId);
    authorize(req, 'catalog.read', facts);
    return facts;
  };
  const sourceFacts = async (req: FastifyRequest, sourceId: string) => {
    authorize(req, 'catalog.console');
    return resourceFacts(req, (await ctx.sources.row(sourceId)).resource_id);
  };
  const withAbilities = <T extends object>(req: FastifyRequest, facts: object, view: T) => ({ ...view, abilities: { manage: can(req.actor, 'source.manage', facts) } });

  app.post('/api/v1/resources/:id/sources', {
    schema: { tags: ['数据资源'], summary: '登记数据源（网址或 PostgreSQL / MySQL 查询，按计划或手动归集）', params: IdParams, body: SourceBody },
    config: { audit: 'source.create' },
  }, async (req, reply) => {
    authorize(req, 'source.manage', await resourceFacts(req, req.params.id));
    const resource = await ctx.resources.get(req.params.id);
    if (resource.kind !== 'table') throw new AppError('VALIDATION_FAILED', 'kind', '文件类资源不能登记数据源');
    const entry = await ctx.catalog.row(resource.entry_id);
    const settings = checkSettings(req.body, ctx.sourceReach, ctx.config.secretKey);
    const id = await ctx.sources.register(resource.id, settings, req.body.schedule, entry.update_frequency as UpdateFrequency, accountOf(req).id);
    req.auditTarget = id;
    // Where it reads from, never with what credentials.
    req.auditDetail = `${settings.kind} ${settings.location}`;
    reply.status(201);
    return { id };
  });

  app.get('/api/v1/resources/:id/sources', {
    schema: { tags: ['数据资源'], summary: '资源的数据源及其运行情况', params: IdParams },
  }, async (req) => {
    const facts = await resourceFacts(req, req.params.id);
    authorize(req, 'source.read', facts);
    return { items: (await ctx.sources.listForResource(req.params.id)).map((s) => withAbilities(req, facts, s)) };
  });

  app.get('/api/v1/sources/:id', {
    schema: { tags: ['数据资源'], summary: '数据源详情：上次运行、下次运行、运行记录', params: IdParams },
  }, async (req) => {
    const facts = await sourceFacts(req, req.params.id);
    authorize(req, 'source.read', facts);
    return withAbilities(req, facts, await ctx.sources.view(req.params.id));
  });

  app.patch('/api/v1/sources/:id', {
    schema: { tags: ['数据资源'], summary: '修改数据源的运行计划、更新方式，或暂停、恢复', params: IdParams, body: SourceChangeBody },
    config: { audit: 'source.update' },
  }, async (req) => {
    authorize(req, 'source.manage', await sourceFacts(req, req.params.id));
    await ctx.sources.change(req.params.id, req.body);
    return ctx.sources.view(req.params.id);
  });

  app.delete('/api/v1/sources/:id', {
    schema: { tags: ['数据资源'], summary: '删除数据源（已归集的数据版本保留）', params: IdParams },
    config: { audit: 'source.delete' },
  }, async (req, reply) => {
    authorize(req, 'source.manage', await sourceFacts(req, req.params.id));
    await ctx.sources.remove(req.params.id);
    reply.status(204);
  });

  app.post('/api/v1/sources/:id/run', {
    schema: { tags: ['数据资源'], summary: '立即运行数据源（已在排队或运行时返回同一任务）', params: IdParams },
    config: { audit: 'source.run' },
  }, async (req, reply) => {
    authorize(req, 'source.manage', await sourceFacts(req, req.params.id));
    const run = await ctx.sources.requestRun(req.params.id, 'manual', accountOf(req).id);
    await ctx.database.unitOfWork.afterCommit(async () => ctx.jobRunner.nudge());
    reply.status(202);
    return run;
  });
}
