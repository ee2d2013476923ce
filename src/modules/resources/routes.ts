import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { DataItem } from '../../domain/catalog.js';
import { AppError } from '../../domain/errors.js';
import { exportTable, type FieldProfile } from '../../datastore/index.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { runCommand } from '../../http/commands.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { unreadableBody } from '../../http/multipart.js';
import { IdParams, Text } from '../../http/schemas.js';
import { isPublicUse } from './counters.js';
import { countGrantUse, FILTERS_MAX_CHARS, liveTable, readerContext, readRecords, scopedProfile, scopedTable } from './reading.js';
import { sniffContentType } from './sniff.js';

const UploadQuery = Type.Object({
  mode: Type.Optional(Type.Union([Type.Literal('replace'), Type.Literal('append'), Type.Literal('upsert')], { default: 'replace' })),
  key: Type.Optional(Text(64, 1)),
  strict: Type.Optional(Type.Boolean({ default: false })),
});

const RecordsQuery = Type.Object({
  filters: Type.Optional(Type.String({ maxLength: FILTERS_MAX_CHARS })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(Type.String({ maxLength: 500 })),
  fields: Type.Optional(Type.String({ maxLength: 4000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  cursor: Type.Optional(Type.String({ maxLength: 2000 })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});

export async function resourceRoutes(app: App, ctx: AppContext): Promise<void> {
  const maxUploadBytes = ctx.config.maxUploadMb * 1024 * 1024;

  const readContext = (req: FastifyRequest, resourceId: string) => readerContext(ctx, req, resourceId);
  const facts = async (req: FastifyRequest, resourceId: string) => (await readContext(req, resourceId)).facts;

  /** Receives the multipart file into the blob store; the request body never sits in memory. */
  const receive = async (req: FastifyRequest) => {
    const part = await req.file({ limits: { fileSize: maxUploadBytes, files: 1 } }).catch(unreadableBody);
    if (!part) throw new AppError('VALIDATION_FAILED', 'file', '请选择要上传的文件');
    // The multipart header is past the NUL guard, and PostgreSQL text cannot hold the name:
    // refused before anything is stored, the rest of the body read and dropped.
    if (part.filename.includes('\0')) {
      part.file.resume();
      throw new AppError('VALIDATION_FAILED', 'file', '文件名中含有空字符（NUL）');
    }
    const extension = (/\.[a-z0-9]{1,8}$/i.exec(part.filename)?.[0] ?? '').toLowerCase();
    const { key, size } = await ctx.blobs.put(part.file, maxUploadBytes, extension).catch(unreadableBody);
    return { key, size, fileName: part.filename.slice(0, 200) };
  };

  /**
   * Receives the file first, outside any transaction, and only then runs the command that
   * creates what it belongs to: a refused upload leaves neither a resource without data nor a
   * stray blob, and no transaction waits for a slow client.
   */
  const startUpload = async (req: FastifyRequest, reply: FastifyReply, kind: 'table' | 'file', resourceOf: () => Promise<string>, query: Static<typeof UploadQuery>) => {
    const upload = await receive(req);
    try {
      const contentType = kind === 'file' ? await sniffContentType(ctx.blobs, upload, upload.fileName) : null;
      return await runCommand(ctx, req, reply, async () => {
        const resourceId = await resourceOf();
        if (contentType !== null) {
          await ctx.resources.attachFile(resourceId, upload.key, upload.fileName, upload.size, contentType);
          reply.status(201);
          return { resourceId, version: 1, jobId: null };
        }
        const started = await ctx.resources.startTableUpload(resourceId, upload.key, upload.fileName,
          { mode: query.mode ?? 'replace', key: query.key, strict: query.strict ?? false }, accountOf(req).id);
        await ctx.database.unitOfWork.afterCommit(async () => ctx.jobRunner.nudge());
        reply.status(202);
        return { resourceId, ...started };
      });
    } catch (err) {
      await ctx.blobs.remove(upload.key);
      throw err;
    }
  };

  app.post('/api/v1/catalog/:id/resources', {
    schema: {
      tags: ['数据资源'], summary: '新建资源并上传（表格数据入库为新版本；文件类资源存为附件）', consumes: ['multipart/form-data'], params: IdParams,
      querystring: Type.Composite([UploadQuery, Type.Object({ name: Type.Optional(Text(100)), kind: Type.Optional(Type.Union([Type.Literal('table'), Type.Literal('file')])) })]),
    },
    config: { audit: 'resource.create', ownsTransaction: true },
  }, async (req, reply) => {
    const entry = await ctx.catalog.policyFacts(req.params.id);
    authorize(req, 'catalog.read', entry);
    authorize(req, 'catalog.edit', entry);
    await ctx.catalog.assertAcceptsData(req.params.id);
    const kind = req.query.kind ?? 'table';
    return startUpload(req, reply, kind, async () => {
      const resourceId = await ctx.resources.create(req.params.id, req.query.name ?? '', kind);
      req.auditTarget = resourceId;
      return resourceId;
    }, req.query);
  });

  app.post('/api/v1/resources/:id/versions', {
    schema: { tags: ['数据资源'], summary: '上传新版本（全量替换、追加或按主键更新）', consumes: ['multipart/form-data'], params: IdParams, querystring: UploadQuery },
    config: { audit: 'resource.upload', ownsTransaction: true },
  }, async (req, reply) => {
    const f = await facts(req, req.params.id);
    authorize(req, 'resource.upload', f);
    const resource = await ctx.resources.get(req.params.id);
    // Checked before the file is received (and again in the command): a refused upload stores nothing.
    await ctx.catalog.assertAcceptsData(resource.entry_id);
    return startUpload(req, reply, resource.kind, async () => resource.id, req.query);
  });

  app.get('/api/v1/resources/:id/versions', { schema: { tags: ['数据资源'], summary: '版本列表及一致性审核报告', params: IdParams } }, async (req) => {
    authorize(req, 'catalog.internal.read', await facts(req, req.params.id));
    return { items: await ctx.resources.versions(req.params.id) };
  });

  app.get('/api/v1/resources/:id/versions/:version/rejects', {
    schema: { tags: ['数据资源'], summary: '下载被拒绝行报告（CSV）', params: Type.Object({ id: Text(64, 1), version: Type.Integer({ minimum: 1 }) }) },
  }, async (req, reply) => {
    authorize(req, 'catalog.internal.read', await facts(req, req.params.id));
    const report = await ctx.resources.rejectsReport(req.params.id, req.params.version);
    reply.header('content-disposition', contentDisposition(`rejects-v${req.params.version}.csv`)).type('text/csv; charset=utf-8');
    return reply.send(report);
  });

  app.get('/api/v1/resources/:id/records', {
    schema: { tags: ['数据资源'], summary: '查询记录（过滤、全文、排序、字段、分页、游标）', params: IdParams, querystring: RecordsQuery },
  }, async (req) => readRecords(ctx, req, req.params.id, req.query));

  app.get('/api/v1/resources/:id/stats', {
    schema: { tags: ['数据资源'], summary: '统计分析（每个数据项的空值率、去重数、极值、均值、高频值、分布；受限开放数据的被授权方只见授权的数据项）', params: IdParams },
  }, async (req) => {
    const context = await readContext(req, req.params.id);
    authorize(req, 'resource.stats', context.facts);
    const table = liveTable(context.table);
    const { profile } = await ctx.resources.version(req.params.id, table.version);
    return { version: table.version, rowCount: table.rowCount, fields: scopedProfile(JSON.parse(profile ?? '[]') as FieldProfile[], context.scope) };
  });

  app.get('/api/v1/resources/:id/download', {
    schema: {
      tags: ['数据资源'], summary: '下载（CSV、XLSX、JSON、XML；流式输出；受限开放数据仅限约定以下载方式提供的授权，只含授权的数据项）', params: IdParams,
      querystring: Type.Object({
        format: Type.Optional(Type.Union(['csv', 'xlsx', 'json', 'xml'].map((f) => Type.Literal(f)))),
        bom: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])),
        header: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('title')], { description: 'CSV / XLSX 表头：数据项名称（name，默认）或中文名称（title）' })),
      }),
    },
  }, async (req, reply) => {
    const context = await readContext(req, req.params.id);
    const { resource, entryId, entryTitle, facts: f, table: live, scope } = context;
    authorize(req, 'resource.download', f);
    // A file cannot be cut down to the granted data items: it is not a grantee's to download.
    if (resource.kind === 'file' && scope) throw new AppError('FORBIDDEN', undefined, '文件类资源无法按授权的数据项提供');
    if (isPublicUse(req.actor, f)) {
      ctx.counters.hit('resources', resource.id, 'downloads');
      ctx.counters.hit('catalog_entries', entryId, 'downloads');
    }
    if (resource.kind === 'file') {
      if (!resource.blobKey) throw new AppError('NOT_FOUND', undefined, '该资源尚无文件');
      reply.header('content-disposition', contentDisposition(resource.fileName ?? resource.name)).type(resource.contentType ?? 'application/octet-stream');
      return reply.send(await ctx.blobs.read(resource.blobKey));
    }
    const table = scopedTable(liveTable(live), scope);
    countGrantUse(ctx, context, table.rowCount);
    const format = (req.query.format ?? 'csv') as 'csv' | 'xlsx' | 'json' | 'xml';
    const titles = req.query.header === 'title' ? titlesOf(table.fields, JSON.parse((await ctx.catalog.row(entryId)).fields) as DataItem[]) : undefined;
    const out = exportTable(ctx.database.db, ctx.database.adapter, table, format, { bom: req.query.bom === '1' || req.query.bom === 'true', titles });
    reply.header('content-disposition', contentDisposition(`${entryTitle}-${resource.name}.${out.extension}`)).type(out.contentType);
    return reply.send(out.stream);
  });

  app.get('/api/v1/jobs/:id', { schema: { tags: ['后台任务'], summary: '任务状态与进度', params: IdParams } }, async (req) => {
    const job = await ctx.jobs.get(req.params.id);
    authorize(req, 'job.read', { ownerId: job.createdBy });
    return job;
  });
}

/**
 * The multipart parser's own errors (no boundary, a body cut off mid-file) are plain errors
 * without a code: the client sent something unreadable. Ours and the system's (a full disk)
 * keep theirs.
 */
/** A header row for people: each field's declared Chinese name, or its name where none is declared. */
function titlesOf(fields: readonly { name: string }[], declared: readonly DataItem[]): string[] {
  const title = new Map(declared.map((d) => [d.name, d.title.trim()]));
  return fields.map((f) => title.get(f.name) || f.name);
}
