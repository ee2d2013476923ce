import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { SourceRunTable, SourceTable } from '../../db/schema.js';
import type { UnitOfWork } from '../../db/unit-of-work.js';
import type { UpdateFrequency } from '../../domain/catalog.js';
import { AppError } from '../../domain/errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import { nextRunAfter } from '../../jobs/cron-schedule.js';
import { checkSchedule, scheduleFor } from './schedule.js';
import { checkMode, type CheckedSettings, type SourceMode } from './settings.js';

export const SOURCE_RUN_JOB = 'source-run';

/** What a run job carries: the source's id only (its credentials stay sealed in the source's row). */
export interface SourceRunPayload {
  sourceId: string;
}

export interface SourceChange {
  schedule?: string | undefined;
  mode?: SourceMode | undefined;
  key?: string | null | undefined;
  cursorField?: string | null | undefined;
  paused?: boolean | undefined;
}

/** How many runs a source's history shows. */
const HISTORY = 20;

/**
 * 数据汇聚: the sources a resource's data is fetched from, when they run next, and the record of
 * their runs. A run is a durable job (run-job.ts); this service queues it, once, however many
 * ask at the same moment.
 */
export class SourceService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly unitOfWork: UnitOfWork,
    private readonly timezone: string,
  ) {}

  async register(resourceId: string, settings: CheckedSettings, schedule: string | undefined, frequency: UpdateFrequency, actorId: string | null): Promise<string> {
    const id = randomUUID();
    const cron = schedule === undefined ? scheduleFor(frequency, id) : checkSchedule(schedule, this.timezone);
    const now = new Date();
    await this.db.insertInto('sources').values({
      id, resource_id: resourceId, kind: settings.kind, location: settings.location, secret: settings.secret, query: settings.query,
      format: settings.format, json_path: settings.jsonPath, schedule: cron, mode: settings.mode, key_field: settings.key,
      cursor_field: settings.cursorField, paused: 0, next_run_at: nextRunAfter(cron, this.timezone, now), content_hash: null, high_water: null,
      created_by: actorId, created_at: now.toISOString(), updated_at: now.toISOString(),
    }).execute();
    return id;
  }

  async row(id: string): Promise<Selectable<SourceTable>> {
    const row = await this.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  /** A source as its keepers see it: where and when, never its credentials. */
  async view(id: string) {
    const source = await this.row(id);
    const runs = await this.db.selectFrom('source_runs').selectAll().where('source_id', '=', id)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(HISTORY).execute();
    return presentSource(source, runs);
  }

  async listForResource(resourceId: string) {
    const sources = await this.db.selectFrom('sources').selectAll().where('resource_id', '=', resourceId).orderBy('created_at').execute();
    return Promise.all(sources.map((s) => this.view(s.id)));
  }

  /** Changes when and how a source runs; a changed schedule (or a resumed source) is next due by its new rule. */
  async change(id: string, change: SourceChange): Promise<void> {
    const source = await this.row(id);
    const mode = checkMode({
      mode: change.mode ?? source.mode,
      key: change.key === undefined ? source.key_field ?? undefined : change.key ?? undefined,
      cursorField: change.cursorField === undefined ? source.cursor_field ?? undefined : change.cursorField ?? undefined,
    });
    const schedule = change.schedule === undefined ? source.schedule : checkSchedule(change.schedule, this.timezone);
    const paused = change.paused === undefined ? source.paused : Number(change.paused);
    const now = new Date();
    const rescheduled = schedule !== source.schedule || (source.paused && !paused);
    const updated = await this.db.updateTable('sources').set({
      mode: mode.mode, key_field: mode.key, cursor_field: mode.cursorField, schedule, paused,
      next_run_at: rescheduled ? nextRunAfter(schedule, this.timezone, now) : source.next_run_at,
      // A new cursor starts from the beginning: the old mark belonged to another field.
      high_water: mode.cursorField === source.cursor_field ? source.high_water : null,
      updated_at: now.toISOString(),
    }).where('id', '=', id).where('updated_at', '=', source.updated_at).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
  }

  /** Removes a source and its history; a run already under way finds it gone and stops. */
  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('source_runs').where('source_id', '=', id).execute();
    const deleted = await this.db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw new AppError('NOT_FOUND');
  }

  /**
   * Queues a run and answers its job; a run already queued or running is the answer to a second
   * request (the job queue's de-duplication key holds across processes and transactions).
   */
  async requestRun(id: string, trigger: SourceRunTable['trigger'], actorId: string | null): Promise<{ jobId: string; runId: string }> {
    await this.row(id);
    const payload: SourceRunPayload = { sourceId: id };
    const jobId = await this.jobs.enqueue(SOURCE_RUN_JOB, payload, actorId, { dedupeKey: `${SOURCE_RUN_JOB}:${id}` });
    // The unique job id decides between two requests that got the same job: the second records nothing.
    await this.db.insertInto('source_runs').values({
      id: randomUUID(), source_id: id, job_id: jobId, trigger, status: 'queued', version: null, rows: null,
      error_code: null, error: null, created_at: new Date().toISOString(), finished_at: null,
    }).onConflict((oc) => oc.column('job_id').doNothing()).execute();
    const run = await this.db.selectFrom('source_runs').select('id').where('job_id', '=', jobId).executeTakeFirstOrThrow();
    return { jobId, runId: run.id };
  }

  /**
   * Queues the runs of every source due at `at`. Each source's next time is moved on by a
   * guarded update first, so that of several processes firing the same minute only one queues it.
   */
  async enqueueDue(at: Date): Promise<number> {
    const due = await this.db.selectFrom('sources').select(['id', 'schedule', 'next_run_at'])
      .where('paused', '=', 0).where('next_run_at', '<=', at.toISOString()).execute();
    let queued = 0;
    for (const source of due) {
      queued += await this.unitOfWork.run(async () => {
        const moved = await this.db.updateTable('sources').set({ next_run_at: nextRunAfter(source.schedule, this.timezone, at) })
          .where('id', '=', source.id).where('next_run_at', '=', source.next_run_at).executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return 0;
        await this.requestRun(source.id, 'schedule', null);
        return 1;
      });
    }
    return queued;
  }

  /** The run a job carries out, marked running; null when the source or the run is gone. */
  async startRun(jobId: string): Promise<{ run: Selectable<SourceRunTable>; source: Selectable<SourceTable> } | null> {
    const run = await this.db.selectFrom('source_runs').selectAll().where('job_id', '=', jobId).executeTakeFirst();
    const source = run && await this.db.selectFrom('sources').selectAll().where('id', '=', run.source_id).executeTakeFirst();
    if (!run || !source) return null;
    await this.db.updateTable('source_runs').set({ status: 'running' }).where('id', '=', run.id).execute();
    return { run, source };
  }

  async noteVersion(runId: string, version: number): Promise<void> {
    await this.db.updateTable('source_runs').set({ version }).where('id', '=', runId).execute();
  }

  /** A good run: what it fetched becomes the mark the next one compares with. */
  async finishRun(runId: string, sourceId: string, outcome: { status: 'succeeded' | 'unchanged'; version?: number | undefined; rows?: number | undefined; contentHash: string; highWater: string | null }): Promise<void> {
    await this.unitOfWork.run(async () => {
      await this.db.updateTable('source_runs').set({
        status: outcome.status, version: outcome.version ?? null, rows: outcome.rows ?? null, finished_at: new Date().toISOString(),
      }).where('id', '=', runId).execute();
      await this.db.updateTable('sources').set({ content_hash: outcome.contentHash, high_water: outcome.highWater }).where('id', '=', sourceId).execute();
    });
  }

  /** A failed run, unless already recorded; answers whether the run before it had failed the same way. */
  async failRun(jobId: string, code: string, message: string): Promise<{ run: Selectable<SourceRunTable>; repeated: boolean } | null> {
    const failed = await this.db.updateTable('source_runs').set({ status: 'failed', error_code: code, error: message, finished_at: new Date().toISOString() })
      .where('job_id', '=', jobId).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
    if (!failed) return null;
    const before = await this.db.selectFrom('source_runs').select(['status', 'error_code']).where('source_id', '=', failed.source_id)
      .where('id', '!=', failed.id).where('status', 'in', ['succeeded', 'unchanged', 'failed'])
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return { run: failed, repeated: before?.status === 'failed' && before.error_code === code };
  }
}

function presentSource(s: Selectable<SourceTable>, runs: Selectable<SourceRunTable>[]) {
  const finished = runs.find((r) => r.status !== 'queued' && r.status !== 'running');
  return {
    id: s.id, resourceId: s.resource_id, kind: s.kind,
    // The URL as given, or the database as user@host:port/db: a password never comes back.
    location: s.location, hasCredentials: s.secret !== null,
    query: s.query, format: s.format, jsonPath: s.json_path, mode: s.mode, key: s.key_field, cursorField: s.cursor_field,
    schedule: s.schedule, paused: Boolean(Number(s.paused)), nextRunAt: Number(s.paused) ? null : s.next_run_at, highWater: s.high_water,
    running: runs.some((r) => r.status === 'queued' || r.status === 'running'),
    lastRun: finished ? runView(finished) : null,
    runs: runs.map(runView),
    createdAt: s.created_at,
  };
}

function runView(r: Selectable<SourceRunTable>) {
  return {
    id: r.id, jobId: r.job_id, trigger: r.trigger, status: r.status, at: r.finished_at ?? r.created_at, startedAt: r.created_at,
    version: r.version === null ? undefined : Number(r.version), rows: r.rows === null ? undefined : Number(r.rows),
    error: r.error_code ? { code: r.error_code, message: r.error ?? '' } : undefined,
  };
}
