import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import type { Database, DialectAdapter } from '../../db/adapter.js';
import { FactCache } from '../../db/fact-cache.js';
import type { EntryStatus, OpenType, ResourceVersionTable } from '../../db/schema.js';
import { checkConsistency, type ConsistencyReport } from '../../domain/consistency.js';
import type { DataItem } from '../../domain/catalog.js';
import { AppError } from '../../domain/errors.js';
import { dropDataTable, ingestFile, listDataTables, tableNameFor, type DataTable, type IngestResult, type TableField } from '../../datastore/index.js';
import type { BlobStore } from '../blobs/store.js';
import type { CatalogService } from '../catalog/service.js';
import { JobNotReady, type JobContext, type JobDefinition, type JobQueue } from '../../jobs/queue.js';
import type { UnitOfWork } from '../../db/unit-of-work.js';
import { MAX_SAMPLE_SIZE, type SampleSettings } from './sample.js';

export interface IngestPayload {
  resourceId: string;
  version: number;
  blobKey: string;
  fileName: string;
  mode: 'replace' | 'append' | 'upsert';
  key?: string | undefined;
  strict: boolean;
  actorId: string | null;
}

export interface IngestOutcome {
  resourceId: string;
  version: number;
  rows: number;
  rejected: number;
  consistent: boolean;
  /** Held for the authority's review instead of going live. */
  held: boolean;
}

export interface UploadOptions {
  mode: 'replace' | 'append' | 'upsert';
  key?: string | undefined;
  strict: boolean;
}

/**
 * Read contexts remembered per process: a few kilobytes each (the live table's fields), so a
 * crawler walking every resource of a big portal cannot make them a memory problem.
 */
const READ_CONTEXTS_KEPT = 2_000;
/** How soon an append waiting for the version before it looks again. */
const WAIT_FOR_EARLIER_MS = 1_000;

/** What a read of a resource needs; shared by every request while cached, so never changed. */
export interface ReadContext {
  readonly resource: {
    id: string; kind: 'table' | 'file'; name: string; fileName: string | null; contentType: string | null; blobKey: string | null;
    /** How its sample data set is drawn (restricted entries). */
    sample: SampleSettings;
  };
  readonly entryId: string;
  readonly entryTitle: string;
  readonly facts: { departmentId: string; openType: OpenType; status: EntryStatus; harvested: boolean };
  readonly table: (DataTable & { version: number }) | null;
}

/**
 * 数据准备与归集: resources of a catalog entry and their versions. Every upload is a new
 * version written beside the live one; a version goes live in one small transaction, or is
 * held for review when it does not match the catalog.
 */
export class ResourceService {
  private readonly contexts: FactCache<string, ReadContext>;

  constructor(
    private readonly db: Database,
    private readonly adapter: DialectAdapter,
    private readonly blobs: BlobStore,
    private readonly jobs: JobQueue,
    private readonly catalog: CatalogService,
    private readonly keepVersions: number,
    private readonly unitOfWork: UnitOfWork,
  ) {
    this.contexts = new FactCache(adapter.changes, { maxEntries: READ_CONTEXTS_KEPT });
  }

  readonly ingestJob: JobDefinition<IngestPayload, IngestOutcome> = {
    kind: 'ingest',
    // A killed ingest starts over from the kept upload once; then it fails for good.
    maxAttempts: 2,
    run: async (ctx) => {
      try {
        return await this.runIngest(ctx);
      } finally {
        // A new live version is read at once by whoever waited for this job, in this process
        // too, without waiting for the change watch to hear of the commit.
        this.adapter.changes.touch();
      }
    },
    onFailure: (job, reason) => this.failVersion(job.id, reason),
  };

  /** `id` is the demo seed's, so that documented examples can name its resources; otherwise a new one. */
  async create(entryId: string, name: string, kind: 'table' | 'file', id: string = randomUUID()): Promise<string> {
    await this.catalog.row(entryId);
    const now = new Date().toISOString();
    await this.db.insertInto('resources').values({
      id, entry_id: entryId, name: name.trim() || '数据集', kind, current_version: null, held_version: null,
      file_name: null, file_size: null, content_type: null, blob_key: null, created_at: now, updated_at: now,
    }).execute();
    return id;
  }

  async get(id: string) {
    const row = await this.db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async listForEntry(entryId: string) {
    const rows = await this.db.selectFrom('resources').selectAll().where('entry_id', '=', entryId).orderBy('created_at').execute();
    return Promise.all(rows.map(async (r) => {
      // Plain files have no version rows: their content is the one blob.
      const current = r.kind === 'table' && r.current_version !== null ? await this.version(r.id, Number(r.current_version)) : null;
      return {
        id: r.id, name: r.name, kind: r.kind, currentVersion: r.current_version, heldVersion: r.held_version,
        fileName: r.file_name, fileSize: r.file_size, contentType: r.content_type,
        rowCount: current?.row_count ?? null,
        fields: current?.fields ? (JSON.parse(current.fields) as TableField[]).map((f) => ({ name: f.name, type: f.type })) : [],
        updatedAt: r.updated_at, views: Number(r.views), downloads: Number(r.downloads), apiCalls: Number(r.api_calls),
        sample: r.kind === 'table' ? sampleSettingsOf(r) : null,
      };
    }));
  }

  /**
   * Queues a tabular upload as the next version; the upload itself is already a blob. The
   * version number and the job that fills it are made in one transaction, which first takes
   * the resource's row: parallel uploads get consecutive numbers, and a refused one leaves no
   * job behind.
   */
  async startTableUpload(resourceId: string, blobKey: string, fileName: string, opts: UploadOptions, actorId: string | null): Promise<{ version: number; jobId: string }> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('resources').set({ updated_at: new Date().toISOString() }).where('id', '=', resourceId).execute();
      const resource = await this.get(resourceId);
      if (resource.kind !== 'table') throw new AppError('VALIDATION_FAILED', 'resourceId', '文件类资源不能导入数据表');
      if (opts.mode === 'upsert' && !opts.key) throw new AppError('VALIDATION_FAILED', 'key', '按主键更新须指定主键字段');
      if (opts.mode !== 'replace' && resource.current_version === null) throw new AppError('VALIDATION_FAILED', 'mode', '首个版本只能全量导入');
      await this.catalog.assertAcceptsData(resource.entry_id);
      const last = await trx.selectFrom('resource_versions').select('version').where('resource_id', '=', resourceId).orderBy('version', 'desc').limit(1).executeTakeFirst();
      const version = Number(last?.version ?? 0) + 1;
      const payload: IngestPayload = { resourceId, version, blobKey, fileName, mode: opts.mode, key: opts.key, strict: opts.strict, actorId };
      const jobId = await this.jobs.enqueue('ingest', payload, actorId);
      await trx.insertInto('resource_versions').values({
        id: randomUUID(), resource_id: resourceId, version, status: 'ingesting', mode: opts.mode, table_name: null, fields: null,
        row_count: null, rejected_count: null, checksum: null, source_format: null, source_encoding: null, source_name: fileName,
        profile: null, consistency: null, rejects_blob: null, error: null, job_id: jobId, created_by: actorId,
        created_at: new Date().toISOString(), completed_at: null,
      }).execute();
      return { version, jobId };
    });
  }

  /** Stores a plain file (PDF, ZIP, shapefile…) as the resource's content; the file it replaces goes once this commits. */
  async attachFile(resourceId: string, blobKey: string, fileName: string, size: number, contentType: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const resource = await this.get(resourceId);
      await this.catalog.assertAcceptsData(resource.entry_id);
      const now = new Date().toISOString();
      await trx.updateTable('resources').set({ file_name: fileName, file_size: size, content_type: contentType, blob_key: blobKey, current_version: 1, updated_at: now })
        .where('id', '=', resourceId).execute();
      await this.catalog.recordDataUpdate(resource.entry_id);
      const replaced = resource.blob_key;
      if (replaced) await this.unitOfWork.afterCommit(() => this.blobs.remove(replaced));
    });
  }

  /**
   * How the resource's sample data set is drawn: `rowIds` its keepers chose (by row number in
   * stored order, from 1), or `size` rows at random; one or the other.
   */
  async setSample(resourceId: string, choice: { size?: number | undefined; rowIds?: number[] | undefined }): Promise<SampleSettings> {
    const resource = await this.get(resourceId);
    if (resource.kind !== 'table') throw new AppError('VALIDATION_FAILED', 'resourceId', '文件类资源没有抽样数据集');
    if ((choice.size === undefined) === (choice.rowIds === undefined)) {
      throw new AppError('VALIDATION_FAILED', 'size', '请指定随机抽样的行数（size）或指定的行号（rowIds），二者选一');
    }
    const settings: SampleSettings = choice.rowIds ? { size: choice.rowIds.length, rowIds: [...choice.rowIds].sort((a, b) => a - b) } : { size: choice.size!, rowIds: null };
    if (settings.size < 1 || settings.size > MAX_SAMPLE_SIZE) throw new AppError('VALIDATION_FAILED', 'size', `抽样行数须在 1 到 ${MAX_SAMPLE_SIZE} 之间`);
    await this.db.updateTable('resources').set({
      sample_size: settings.size, sample_row_ids: settings.rowIds ? JSON.stringify(settings.rowIds) : null,
    }).where('id', '=', resourceId).execute();
    return settings;
  }

  /** Everyone who uploaded data to an entry's resources: a review's separation of duties counts them as its authors. */
  async uploaderIds(entryId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('resource_versions').innerJoin('resources', 'resources.id', 'resource_versions.resource_id')
      .select('resource_versions.created_by').distinct()
      .where('resources.entry_id', '=', entryId).where('resource_versions.created_by', 'is not', null).execute();
    return rows.map((r) => r.created_by!);
  }

  /**
   * Fills the version its job was made with. A job finds that version by its own id and does
   * nothing destructive unless the version is still waiting for it: a job whose version is
   * gone, or already complete (a retry after the commit), leaves every table as it is.
   */
  private async runIngest({ id: jobId, payload, progress, signal }: JobContext<IngestPayload>): Promise<IngestOutcome> {
    const own = await this.db.selectFrom('resource_versions').selectAll().where('job_id', '=', jobId).executeTakeFirst();
    if (!own) throw new AppError('NOT_FOUND', undefined, '该任务对应的数据版本不存在');
    if (own.status !== 'ingesting') return outcomeOf(own, await this.get(own.resource_id));
    // An append or upsert builds on the version before it: it waits while that is still loading.
    if (payload.mode !== 'replace') {
      const loading = await this.db.selectFrom('resource_versions').select('version').where('resource_id', '=', payload.resourceId)
        .where('version', '<', payload.version).where('status', '=', 'ingesting').orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (loading) throw new JobNotReady(`等待第 ${Number(loading.version)} 版导入完成后再导入`, WAIT_FOR_EARLIER_MS);
    }
    const resource = await this.get(payload.resourceId);
    const entry = await this.catalog.row(resource.entry_id);
    const declared = JSON.parse(entry.fields) as DataItem[];
    const tableName = tableNameFor(payload.resourceId, payload.version);
    // A retried job finds its own half-written table from the attempt that died.
    await dropDataTable(this.db, this.adapter, tableName);
    // Rejected rows go to a local file first; a report with rows in it then becomes a blob.
    const rejectsPath = await this.blobs.scratchPath('.csv');
    let rejectsKey: string | null = null;
    let result: IngestResult;
    const previous = payload.mode === 'replace' ? undefined : await this.previousTable(payload.resourceId, payload.version);
    try {
      result = await this.blobs.withLocalFile(payload.blobKey, async (filePath) => ingestFile(this.db, this.adapter, {
        resourceId: payload.resourceId,
        version: payload.version,
        filePath,
        fileName: payload.fileName,
        declaredFields: declared.length ? declared.map((d) => ({ name: d.name, type: d.type, filterable: d.filterable, sensitive: d.sensitive })) : undefined,
        mode: payload.mode,
        key: payload.key,
        previous,
        strict: payload.strict,
        rejectsPath,
        signal,
        onProgress: (p) => progress(p.totalBytes ? p.bytesRead / p.totalBytes : 0, `已处理 ${p.rows} 行`),
      }));
      if (result.rejectedCount > 0) rejectsKey = (await this.blobs.adopt(rejectsPath, '.csv')).key;
    } finally {
      await rm(rejectsPath, { force: true });
    }
    const report = this.consistencyOf(declared, entry.data_format, result);
    const held = await this.commitVersion(own.id, payload, resource.name, declared, result, report, rejectsKey, previous?.version ?? null);
    return { resourceId: payload.resourceId, version: payload.version, rows: result.rowCount, rejected: result.rejectedCount, consistent: report.consistent, held };
  }

  private consistencyOf(declared: DataItem[], declaredFormat: string, result: IngestResult): ConsistencyReport {
    const filled = Object.fromEntries(result.profile.map((p) => [p.name, result.rowCount - p.nullCount]));
    // With nothing declared yet, the first version defines the 数据项: compare it with itself.
    const items = declared.length ? declared : inferredItems(result.fields);
    return checkConsistency(items, declaredFormat, { ...result, filled });
  }

  /**
   * The version becomes complete, in one transaction with all that follows: the catalog says
   * whether it goes live or waits for review (`dataArrived`), a live one's fields and data dates
   * reach the entry, and versions past the kept count expire. Answers whether it is held.
   * `basedOn`: the version an append or upsert copied, which must still be the one before it.
   */
  private async commitVersion(
    versionId: string, payload: IngestPayload, resourceName: string, declared: DataItem[],
    result: IngestResult, report: ConsistencyReport, rejectsKey: string | null, basedOn: number | null,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      const completed = await trx.updateTable('resource_versions').set({
        status: 'ready', table_name: result.tableName, fields: JSON.stringify(result.fields), row_count: result.rowCount, rows_in_order: result.rowsInOrder ? 1 : 0,
        rejected_count: result.rejectedCount, checksum: result.checksum, source_format: result.format, source_encoding: result.encoding,
        profile: JSON.stringify(result.profile), consistency: JSON.stringify(report), rejects_blob: rejectsKey, completed_at: now,
      }).where('id', '=', versionId).where('status', '=', 'ingesting').executeTakeFirst();
      if (Number(completed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', undefined, '该数据版本已不在导入中');
      const { entry_id: entryId } = await this.get(payload.resourceId);
      // Takes the entry's row: every commit and review of its data is in line behind it, so
      // what is read after it (which version is live, which came before this one) is current.
      const placement = await this.catalog.dataArrived(entryId, {
        consistent: report.consistent, actorId: payload.actorId, description: `“${resourceName}”第 ${payload.version} 版`,
      });
      if (payload.mode !== 'replace' && ((await this.previousTable(payload.resourceId, payload.version))?.version ?? null) !== basedOn) {
        throw new AppError('CONFLICT', undefined, '本版本所依据的上一版本在导入期间已被驳回或删除，本版本未生效，请重新上传');
      }
      const resource = await this.get(payload.resourceId);
      if (placement === 'held') {
        await trx.updateTable('resources').set({ held_version: payload.version, updated_at: now }).where('id', '=', payload.resourceId).execute();
      } else if (Number(resource.current_version ?? 0) < payload.version) {
        // Of uploads finishing out of order, the newest stays live.
        await trx.updateTable('resources').set({ current_version: payload.version, updated_at: now }).where('id', '=', payload.resourceId).execute();
        // A held version's fields wait for its approval, as its rows do.
        if (declared.length === 0) await this.catalog.adoptFields(entryId, inferredItems(result.fields), payload.actorId);
        await this.catalog.recordDataUpdate(entryId);
      }
      await this.expireOldVersions(payload.resourceId);
      return placement === 'held';
    });
  }

  /**
   * A job that failed for good: its version, if still waiting for it, is marked failed and its
   * half-written table dropped. Nothing else is touched, whatever the payload says.
   */
  private async failVersion(jobId: string, reason: string): Promise<void> {
    const failed = await this.db.updateTable('resource_versions').set({ status: 'failed', error: reason, completed_at: new Date().toISOString() })
      .where('job_id', '=', jobId).where('status', '=', 'ingesting').returning(['resource_id', 'version']).executeTakeFirst();
    if (failed) await dropDataTable(this.db, this.adapter, tableNameFor(failed.resource_id, Number(failed.version)));
  }

  /** After review, in its transaction: held versions of the entry's resources go live, or are discarded. */
  async settleHeld(entryId: string, approve: boolean): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const held = await trx.selectFrom('resources').select(['id', 'held_version']).where('entry_id', '=', entryId).where('held_version', 'is not', null).execute();
      for (const r of held) {
        const version = await this.version(r.id, Number(r.held_version));
        if (approve) {
          await trx.updateTable('resources').set({ current_version: r.held_version, held_version: null, updated_at: new Date().toISOString() }).where('id', '=', r.id).execute();
          if (version.fields) await this.catalog.adoptFields(entryId, inferredItems(JSON.parse(version.fields) as TableField[]), version.created_by);
        } else {
          await trx.updateTable('resources').set({ held_version: null }).where('id', '=', r.id).execute();
          await trx.updateTable('resource_versions').set({ status: 'rejected' }).where('id', '=', version.id).execute();
          if (version.table_name) await this.dropAfterCommit(version.table_name);
        }
      }
      if (approve && held.length) await this.catalog.recordDataUpdate(entryId);
    });
  }

  /** A table no version reads any more goes once the change that let go of it commits. */
  private async dropAfterCommit(tableName: string): Promise<void> {
    await this.unitOfWork.afterCommit(() => dropDataTable(this.db, this.adapter, tableName));
  }

  async hasHeld(entryId: string): Promise<boolean> {
    return Boolean(await this.db.selectFrom('resources').select('id').where('entry_id', '=', entryId).where('held_version', 'is not', null).executeTakeFirst());
  }

  async version(resourceId: string, version: number): Promise<Selectable<ResourceVersionTable>> {
    const row = await this.db.selectFrom('resource_versions').selectAll().where('resource_id', '=', resourceId).where('version', '=', version).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async versions(resourceId: string) {
    const rows = await this.db.selectFrom('resource_versions').selectAll().where('resource_id', '=', resourceId).orderBy('version', 'desc').execute();
    const resource = await this.get(resourceId);
    return rows.map((v) => ({
      version: Number(v.version), status: v.status, mode: v.mode, rowCount: v.row_count, rejectedCount: v.rejected_count,
      checksum: v.checksum, format: v.source_format, encoding: v.source_encoding, sourceName: v.source_name,
      consistency: v.consistency ? (JSON.parse(v.consistency) as ConsistencyReport) : null, error: v.error, jobId: v.job_id,
      createdBy: v.created_by, createdAt: v.created_at, completedAt: v.completed_at, hasRejects: Boolean(v.rejects_blob),
      current: Number(resource.current_version) === Number(v.version), held: Number(resource.held_version) === Number(v.version),
    }));
  }

  /**
   * A resource, its entry's policy facts and its live table: the read path of every records,
   * statistics and download request, remembered until any of them changes (db/fact-cache.ts).
   */
  async readContext(resourceId: string): Promise<ReadContext> {
    return this.contexts.getOrLoad(resourceId, () => this.loadReadContext(resourceId));
  }

  /**
   * The read context in one query. The statistics are not part of it: /stats reads them from
   * the version (they can be large, and every remembered context would hold them).
   */
  private async loadReadContext(resourceId: string): Promise<ReadContext> {
    const row = await this.db.selectFrom('resources')
      .innerJoin('catalog_entries', 'catalog_entries.id', 'resources.entry_id')
      .leftJoin('resource_versions', (join) => join.onRef('resource_versions.resource_id', '=', 'resources.id')
        .onRef('resource_versions.version', '=', 'resources.current_version'))
      .select([
        'resources.id', 'resources.kind', 'resources.name', 'resources.file_name', 'resources.content_type', 'resources.blob_key',
        'resources.sample_size', 'resources.sample_row_ids',
        'catalog_entries.id as entry_id', 'catalog_entries.title as entry_title', 'catalog_entries.department_id', 'catalog_entries.open_type',
        'catalog_entries.status', 'catalog_entries.harvest_source_id', 'resource_versions.version', 'resource_versions.status as version_status', 'resource_versions.table_name',
        'resource_versions.fields', 'resource_versions.row_count', 'resource_versions.rows_in_order',
      ])
      .where('resources.id', '=', resourceId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const live = row.kind === 'table' && row.version_status === 'ready' && row.table_name;
    return {
      resource: {
        id: row.id, kind: row.kind, name: row.name, fileName: row.file_name, contentType: row.content_type, blobKey: row.blob_key,
        sample: sampleSettingsOf(row),
      },
      entryId: row.entry_id,
      entryTitle: row.entry_title,
      // A harvested entry's data is its source's to keep (policy: ownEntryKeeper), here as in the catalog.
      facts: { departmentId: row.department_id, openType: row.open_type, status: row.status, harvested: row.harvest_source_id !== null },
      table: live ? { tableName: row.table_name!, fields: JSON.parse(row.fields!) as TableField[], rowCount: Number(row.row_count), rowsInOrder: Number(row.rows_in_order) === 1, version: Number(row.version) } : null,
    };
  }

  /** The live table of a resource, as readers see it. */
  async currentTable(resourceId: string, version?: number): Promise<DataTable & { version: number; profile: unknown }> {
    const resource = await this.get(resourceId);
    const wanted = version ?? resource.current_version;
    if (wanted === null || resource.kind !== 'table') throw new AppError('NOT_FOUND', undefined, '该资源尚无数据');
    const v = await this.version(resourceId, Number(wanted));
    if (v.status !== 'ready' || !v.table_name) throw new AppError('NOT_FOUND', undefined, '该版本不可读');
    // A held version is not public: only the current one, or an older ready one, may be read.
    if (version !== undefined && Number(resource.held_version) === version) throw new AppError('NOT_FOUND');
    return { tableName: v.table_name, fields: JSON.parse(v.fields!), rowCount: Number(v.row_count), rowsInOrder: Number(v.rows_in_order) === 1, version: Number(v.version), profile: JSON.parse(v.profile ?? '[]') };
  }

  /**
   * What an append or upsert to `version` builds on: the newest complete version before it (the
   * live one, or one held for review), whatever later uploads have done meanwhile.
   */
  private async previousTable(resourceId: string, version: number): Promise<(DataTable & { version: number }) | undefined> {
    const v = await this.db.selectFrom('resource_versions').selectAll().where('resource_id', '=', resourceId)
      .where('version', '<', version).where('status', '=', 'ready').orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!v) return undefined;
    return { version: Number(v.version), tableName: v.table_name!, fields: JSON.parse(v.fields!), rowCount: Number(v.row_count), rowsInOrder: Number(v.rows_in_order) === 1 };
  }

  /** The version's rejected rows as CSV. */
  async rejectsReport(resourceId: string, version: number): Promise<Readable> {
    const v = await this.version(resourceId, version);
    if (!v.rejects_blob) throw new AppError('NOT_FOUND');
    return this.blobs.read(v.rejects_blob);
  }

  /** Older versions stay readable up to the configured count; beyond it their tables go. */
  private async expireOldVersions(resourceId: string): Promise<void> {
    const resource = await this.get(resourceId);
    const keep = new Set([Number(resource.current_version), Number(resource.held_version)]);
    const ready = await this.db.selectFrom('resource_versions').select(['id', 'version', 'table_name']).where('resource_id', '=', resourceId)
      .where('status', '=', 'ready').orderBy('version', 'desc').execute();
    // Nor what an append or upsert still loading builds on (previousTable): the version before it.
    const loading = await this.db.selectFrom('resource_versions').select('version').where('resource_id', '=', resourceId)
      .where('status', '=', 'ingesting').where('mode', '!=', 'replace').execute();
    for (const { version } of loading) {
      const before = ready.find((v) => Number(v.version) < Number(version));
      if (before) keep.add(Number(before.version));
    }
    const older = ready.filter((v) => !keep.has(Number(v.version))).slice(Math.max(0, this.keepVersions - 1));
    for (const v of older) {
      await this.db.updateTable('resource_versions').set({ status: 'expired' }).where('id', '=', v.id).execute();
      if (v.table_name) await this.dropAfterCommit(v.table_name);
    }
  }

  /**
   * After a crash (run after the job runner's own recovery): versions whose job failed for good
   * are marked failed, and every data table is dropped unless a complete version owns it or a
   * live worker elsewhere is still writing it. A requeued ingest writes its table anew.
   */
  async recoverAfterCrash(): Promise<void> {
    const ingesting = await this.db.selectFrom('resource_versions').leftJoin('jobs', 'jobs.id', 'resource_versions.job_id')
      .select(['resource_versions.id', 'resource_versions.resource_id', 'resource_versions.version', 'jobs.status as job_status'])
      .where('resource_versions.status', '=', 'ingesting').execute();
    for (const v of ingesting.filter((x) => x.job_status === 'failed' || x.job_status === null)) {
      await this.db.updateTable('resource_versions').set({ status: 'failed', error: '进程中断，导入未完成' }).where('id', '=', v.id).execute();
    }
    const ready = await this.db.selectFrom('resource_versions').select('table_name').where('status', '=', 'ready').execute();
    const keep = new Set([
      ...ready.map((v) => v.table_name),
      ...ingesting.filter((v) => v.job_status === 'running').map((v) => tableNameFor(v.resource_id, Number(v.version))),
    ]);
    for (const table of await listDataTables(this.db, this.adapter)) {
      if (!keep.has(table)) await dropDataTable(this.db, this.adapter, table);
    }
  }
}

/** What a job reports of a version that was already complete when the job ran again. */
function outcomeOf(v: Selectable<ResourceVersionTable>, resource: { held_version: number | null }): IngestOutcome {
  const consistency = v.consistency ? (JSON.parse(v.consistency) as ConsistencyReport) : null;
  return {
    resourceId: v.resource_id, version: Number(v.version), rows: Number(v.row_count ?? 0), rejected: Number(v.rejected_count ?? 0),
    consistent: consistency?.consistent ?? true, held: Number(resource.held_version) === Number(v.version),
  };
}

function sampleSettingsOf(row: { sample_size: number; sample_row_ids: string | null }): SampleSettings {
  return { size: Number(row.sample_size), rowIds: row.sample_row_ids ? (JSON.parse(row.sample_row_ids) as number[]) : null };
}

/** 数据项 proposed from what the data revealed: names and types, titles to be written by the keeper. */
function inferredItems(fields: TableField[]): DataItem[] {
  return fields.map((f) => ({ name: f.name, title: f.name, type: f.type, description: '', unit: '', filterable: f.filterable, sensitive: false, requestable: true }));
}
