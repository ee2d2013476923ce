/**
 * One run of a source, as a durable job: fetch the data into the blob store, skip it when
 * nothing is new, otherwise hand it to the same ingest an upload goes through (types, rejects,
 * consistency review, versions) and wait for that to finish. A failure leaves the live version
 * as it was, is recorded on the source with its stable code, tells the resource's keepers, and
 * raises an alert for the authority.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Selectable } from 'kysely';
import type { SourceTable } from '../../db/schema.js';
import type { UnitOfWork } from '../../db/unit-of-work.js';
import { AppError, describeError, errorCatalogue } from '../../domain/errors.js';
import type { JobContext, JobDefinition, JobQueue } from '../../jobs/queue.js';
import type { JobRunner } from '../../jobs/runner.js';
import type { BlobStore } from '../blobs/store.js';
import type { CatalogService } from '../catalog/service.js';
import type { NotificationService } from '../notifications/service.js';
import type { ResourceService } from '../resources/service.js';
import type { AlertService } from '../system/alerts.js';
import { rowsSince } from './cursor.js';
import { fetchDatabaseSource } from './fetch-database.js';
import { fetchUrlSource, type FetchedFile, type SourceLimits } from './fetch-url.js';
import type { SourceReach } from './reach.js';
import { SOURCE_RUN_JOB, type SourceRunPayload, type SourceService } from './service.js';
import { openSecret } from './settings.js';

export interface SourceRunOutcome {
  status: 'succeeded' | 'unchanged';
  version?: number;
  rows?: number;
}

interface Deps {
  sources: SourceService;
  reach: SourceReach;
  blobs: BlobStore;
  resources: ResourceService;
  catalog: CatalogService;
  jobs: JobQueue;
  jobRunner: JobRunner;
  notifications: NotificationService;
  alerts: AlertService;
  unitOfWork: UnitOfWork;
  secretKey: Buffer;
}

const INGEST_POLL_MS = 500;

export class SourceRuns {
  /** `limits` is read at each run: the operator's defaults, which a test may shorten. */
  constructor(private readonly deps: Deps, readonly limits: SourceLimits) {}

  readonly job: JobDefinition<SourceRunPayload, SourceRunOutcome> = {
    kind: SOURCE_RUN_JOB,
    // A run cut short by a dying process is tried once more; a failing source waits for its next time.
    maxAttempts: 2,
    run: async (ctx) => {
      try {
        return await this.run(ctx);
      } catch (err) {
        await this.recordFailure(ctx.id, err);
        throw err;
      }
    },
    onFailure: (job, reason) => this.recordFailure(job.id, reason),
  };

  private async run({ id: jobId, signal }: JobContext<SourceRunPayload>): Promise<SourceRunOutcome> {
    const { sources, blobs, resources } = this.deps;
    const started = await sources.startRun(jobId);
    if (!started) throw new AppError('NOT_FOUND', undefined, '数据源已删除');
    const { run, source } = started;
    const fetched = await this.fetch(source);
    const contentHash = await sha256Of(await blobs.read(fetched.blobKey));
    const nothingNew = source.mode === 'incremental' ? fetched.rows === 0 : contentHash === source.content_hash;
    if (nothingNew) {
      await blobs.remove(fetched.blobKey);
      await sources.finishRun(run.id, source.id, { status: 'unchanged', contentHash, highWater: source.high_water });
      return { status: 'unchanged' };
    }
    const resource = await resources.get(source.resource_id);
    const incrementalMode = source.key_field ? 'upsert' : 'append';
    const mode = resource.current_version === null ? 'replace' : source.mode === 'incremental' ? incrementalMode : source.mode;
    let ingest: { version: number; jobId: string };
    try {
      ingest = await resources.startTableUpload(source.resource_id, fetched.blobKey, fetched.fileName,
        { mode, key: source.key_field ?? undefined, strict: false }, source.created_by);
    } catch (err) {
      await blobs.remove(fetched.blobKey);
      throw err;
    }
    await sources.noteVersion(run.id, ingest.version);
    const outcome = await this.awaitIngest(ingest.jobId, signal);
    await sources.finishRun(run.id, source.id, { status: 'succeeded', version: ingest.version, rows: outcome.rows, contentHash, highWater: fetched.highWater });
    return { status: 'succeeded', version: ingest.version, rows: outcome.rows };
  }

  private async fetch(source: Selectable<SourceTable>): Promise<FetchedFile & { rows?: number; highWater: string | null }> {
    const { reach, blobs } = this.deps;
    const secret = openSecret(source.secret, this.deps.secretKey);
    const cursor = source.mode === 'incremental' && source.cursor_field ? { field: source.cursor_field, after: source.high_water } : undefined;
    if (source.kind === 'url') {
      const file = await fetchUrlSource(reach, blobs, this.limits, { url: source.location, format: source.format, jsonPath: source.json_path, authorization: secret.authorization });
      if (!cursor) return { ...file, highWater: null };
      try {
        return await rowsSince(blobs, file, cursor.field, cursor.after, this.limits.maxBytes);
      } catch (err) {
        await blobs.remove(file.blobKey);
        throw err;
      }
    }
    return fetchDatabaseSource(reach, blobs, this.limits, { kind: source.kind, connection: secret.connection!, query: source.query!, cursor });
  }

  /**
   * Runs the ingest job here, or waits for the worker that took it. Its failure becomes this
   * run's, with the ingest's own code (a file that does not parse, a duplicate key…).
   */
  private async awaitIngest(jobId: string, signal: AbortSignal): Promise<{ rows: number }> {
    await this.deps.jobRunner.runOne(jobId);
    for (;;) {
      const job = await this.deps.jobs.get(jobId);
      if (job.status === 'succeeded') return { rows: Number((job.result as { rows?: number } | null)?.rows ?? 0) };
      // The ingest's reason reads "CODE: message", as this run's own failures do.
      if (job.status === 'failed') throw new Error(job.error ?? 'INTERNAL: 导入失败');
      signal.throwIfAborted();
      await sleep(INGEST_POLL_MS);
    }
  }

  /** Records the failure once, and tells those who keep the resource and the authority. */
  private async recordFailure(jobId: string, err: unknown): Promise<void> {
    const { code, message } = codeOf(err);
    await this.deps.unitOfWork.run(async () => {
      const failed = await this.deps.sources.failRun(jobId, code, message);
      if (!failed || failed.repeated) return;
      const source = await this.deps.sources.row(failed.run.source_id);
      const resource = await this.deps.resources.get(source.resource_id);
      const entry = await this.deps.catalog.row(resource.entry_id);
      const title = `${entry.title}（${resource.name}）`;
      await this.deps.notifications.notify({
        to: { may: 'source.manage', facts: { departmentId: entry.department_id }, department: entry.department_id },
        kind: 'source.failed', params: { title, error: message }, link: `/admin/catalog/${encodeURIComponent(entry.id)}`,
      });
      await this.deps.alerts.raise('source.failed', `数据源运行失败：「${title}」，${source.location}：${message}`);
    });
  }
}

/** A stable code and its Chinese message, from a thrown error or a job's recorded reason ("CODE: message"). */
function codeOf(err: unknown): { code: string; message: string } {
  const text = typeof err === 'string' ? err : describeError(err);
  const match = /^([A-Z_]+): ([\s\S]*)$/.exec(text);
  if (match && match[1]! in errorCatalogue) return { code: match[1]!, message: match[2]! };
  return { code: 'INTERNAL', message: text };
}

async function sha256Of(content: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of content) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
