import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { IdParams } from '../../http/schemas.js';
import { isPublicUse } from './counters.js';
import { liveTable, readerContext } from './reading.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { MAX_SAMPLE_SIZE, readSample, sampleCsv, sampleJson } from './sample.js';

/** 抽样数据集 of restricted resources (rule 二.2): the masked sample, and how its keepers draw it. */
export async function sampleRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/resources/:id/sample', {
    schema: {
      tags: ['数据资源'], summary: '受限开放资源的抽样数据集（敏感数据项已脱敏；须实名认证并同意授权协议）', params: IdParams,
      querystring: Type.Object({
        format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')])),
        header: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('title')], { description: 'CSV 表头：数据项名称（name，默认）或中文名称（title）' })),
      }),
    },
  }, async (req, reply) => {
    const { resource, entryId, entryTitle, facts, table } = await readerContext(ctx, req, req.params.id);
    // Unconditional data is had whole, prohibited data not at all: only restricted data has a sample.
    if (facts.openType !== 'restricted' || resource.kind !== 'table') throw new AppError('NOT_FOUND', undefined, '该资源没有抽样数据集');
    authorize(req, 'resource.sample.read', facts);
    const { fields } = await ctx.catalog.applicationTerms(entryId);
    const sample = await readSample(ctx.database.db, liveTable(table), fields, resource.sample, resource.id);
    if (isPublicUse(req.actor, facts)) {
      ctx.counters.hit('resources', resource.id, 'downloads');
      ctx.counters.hit('catalog_entries', entryId, 'downloads');
    }
    const format = req.query.format ?? 'csv';
    reply.header('content-disposition', contentDisposition(`${entryTitle}-${resource.name}-样例数据.${format}`));
    if (format === 'json') return sampleJson(sample, resource.id);
    return reply.type('text/csv; charset=utf-8').send(sampleCsv(sample, req.query.header ?? 'name'));
  });

  app.put('/api/v1/resources/:id/sample-settings', {
    schema: {
      tags: ['数据资源'], summary: '设置抽样数据集：随机抽取的行数（size），或指定的行号（rowIds，按存储顺序从 1 起），二者选一', params: IdParams,
      body: Type.Object({
        size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SAMPLE_SIZE })),
        rowIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: MAX_SAMPLE_SIZE, uniqueItems: true })),
      }),
    },
    config: { audit: 'resource.sample.update' },
  }, async (req) => {
    const { facts } = await readerContext(ctx, req, req.params.id);
    authorize(req, 'resource.sample.manage', facts);
    const settings = await ctx.resources.setSample(req.params.id, req.body);
    req.auditDetail = JSON.stringify({ size: settings.size, chosen: settings.rowIds !== null });
    return { ...settings, selection: settings.rowIds ? 'chosen' : 'random' };
  });
}
