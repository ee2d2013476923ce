/**
 * 目录采集: the harvest sources the authority registers — another portal's CKAN Action API or a
 * DCAT document, imported on a schedule as one department's entries — and their runs, each a
 * durable job (run.ts). A source is reached only at a host the operator allows; that is checked
 * when it is registered and again, after DNS and at every redirect, whenever it is read.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { HarvestSourceTable } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { HarvestedEntries } from '../catalog/harvested.js';
import type { SearchIndexer } from '../catalog/service.js';
import { parseSourceUrl } from '../sources/fetch.js';
import type { SourceReach } from '../sources/reach.js';
import { HarvestRuns, type RunView } from './runs.js';
import { nextRunAfter } from '../../jobs/cron-schedule.js';
import { checkSchedule, DEFAULT_SCHEDULE } from './schedule.js';

export const HARVEST_JOB = 'harvest.run';

export interface HarvestJobPayload {
  sourceId: string;
  trigger: 'schedule' | 'manual';
}

export interface SourceInput {
  name: string;
  kind: 'ckan' | 'dcat';
  url: string;
  departmentId: string;
  schedule: string;
}

/** One open run per source, however many ask for it (schedule, several processes, a double click). */
export const runKey = (sourceId: string) => `harvest:${sourceId}`;

export class HarvestSources {
  readonly runs: HarvestRuns;

  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly reach: SourceReach,
    private readonly entries: HarvestedEntries,
    private readonly search: SearchIndexer,
    private readonly timezone: string,
  ) {
    this.runs = new HarvestRuns(db);
  }

  async register(input: Omit<SourceInput, 'schedule'> & { schedule?: string | undefined }, actorId: string): Promise<string> {
    const source = { ...input, schedule: input.schedule?.trim() || DEFAULT_SCHEDULE };
    await this.check(source);
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db.insertInto('harvest_sources').values({
      id, name: source.name.trim(), kind: source.kind, url: source.url.trim(), department_id: source.departmentId, schedule: source.schedule,
      status: 'active', next_run_at: nextRunAfter(source.schedule, this.timezone, new Date()), created_by: actorId, created_at: now, updated_at: now,
    }).execute();
    return id;
  }

  async row(id: string): Promise<Selectable<HarvestSourceTable>> {
    const row = await this.db.selectFrom('harvest_sources').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async list() {
    const rows = await this.db.selectFrom('harvest_sources').selectAll().orderBy('created_at').orderBy('id').execute();
    const latest = await this.runs.latest(rows.map((r) => r.id));
    const views = await Promise.all(rows.map((r) => this.view(r, latest.get(r.id) ?? null)));
    return { items: views };
  }

  /** The source, its last run and next run, the last runs, and how many entries it keeps. */
  async get(id: string) {
    const row = await this.row(id);
    const runs = await this.runs.recent(id, 20);
    const kept = await this.db.selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('harvest_source_id', '=', id).where('status', '=', 'published').executeTakeFirstOrThrow();
    return { ...(await this.view(row, runs[0] ?? null)), publishedEntries: Number(kept.n), runs };
  }

  async change(id: string, patch: Partial<SourceInput>): Promise<void> {
    const row = await this.row(id);
    const next: SourceInput = {
      name: patch.name ?? row.name, kind: patch.kind ?? row.kind, url: patch.url ?? row.url,
      departmentId: patch.departmentId ?? row.department_id, schedule: patch.schedule?.trim() || row.schedule,
    };
    await this.check(next, id);
    await this.guarded(row, {
      name: next.name.trim(), kind: next.kind, url: next.url.trim(), department_id: next.departmentId, schedule: next.schedule,
      next_run_at: row.status === 'active' ? nextRunAfter(next.schedule, this.timezone, new Date()) : null,
    });
  }

  /** Stops the schedule (a run already under way finishes); run now still works. */
  async pause(id: string): Promise<void> {
    const row = await this.row(id);
    if (row.status === 'paused') throw new AppError('CONFLICT', undefined, '采集源已暂停');
    await this.guarded(row, { status: 'paused', next_run_at: null });
  }

  async resume(id: string): Promise<void> {
    const row = await this.row(id);
    if (row.status === 'active') throw new AppError('CONFLICT', undefined, '采集源未暂停');
    await this.guarded(row, { status: 'active', next_run_at: nextRunAfter(row.schedule, this.timezone, new Date()) });
  }

  /**
   * Removes the source. Its entries are withdrawn and become the department's own (to edit and
   * submit like any other); its runs and record of remote ids go with it.
   */
  async remove(id: string): Promise<void> {
    const row = await this.row(id);
    const running = await this.db.selectFrom('harvest_runs').select('id').where('source_id', '=', id).where('status', '=', 'running').executeTakeFirst();
    if (running) throw new AppError('CONFLICT', undefined, '采集正在运行，请在运行结束后再删除');
    const released = await this.entries.release(id, `采集源「${row.name}」已删除，目录撤回并转为本部门自有目录`);
    await this.db.deleteFrom('harvest_records').where('source_id', '=', id).execute();
    await this.db.deleteFrom('harvest_runs').where('source_id', '=', id).execute();
    const res = await this.db.deleteFrom('harvest_sources').where('id', '=', id).where('row_version', '=', Number(row.row_version)).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new AppError('CONFLICT');
    await this.search.indexEntries(released);
  }

  /** Enqueues a run now, or answers the one already queued or running. */
  async runNow(id: string, actorId: string): Promise<string> {
    await this.row(id);
    return this.jobs.enqueue(HARVEST_JOB, { sourceId: id, trigger: 'manual' } satisfies HarvestJobPayload, actorId, { dedupeKey: runKey(id) });
  }

  /**
   * Enqueues the runs of every active source whose time has come, and moves each one's next run
   * on in the same transaction, guarded by the time it read: however many processes fire at
   * once, a source's time enqueues one run.
   */
  async enqueueDue(now: Date): Promise<number> {
    const due = await this.db.selectFrom('harvest_sources').select(['id', 'schedule', 'next_run_at'])
      .where('status', '=', 'active').where('next_run_at', '<=', now.toISOString()).execute();
    let enqueued = 0;
    for (const source of due) {
      const moved = await this.db.updateTable('harvest_sources').set({ next_run_at: nextRunAfter(source.schedule, this.timezone, now) })
        .where('id', '=', source.id).where('next_run_at', '=', source.next_run_at).executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) continue;
      await this.jobs.enqueue(HARVEST_JOB, { sourceId: source.id, trigger: 'schedule' } satisfies HarvestJobPayload, null, { dedupeKey: runKey(source.id) });
      enqueued++;
    }
    return enqueued;
  }

  private async view(row: Selectable<HarvestSourceTable>, lastRun: RunView | null) {
    const department = await this.db.selectFrom('departments').select(['id', 'name']).where('id', '=', row.department_id).executeTakeFirstOrThrow();
    return {
      id: row.id, name: row.name, kind: row.kind, url: row.url, department, schedule: row.schedule, status: row.status,
      nextRunAt: row.next_run_at, createdAt: row.created_at, updatedAt: row.updated_at, lastRun,
    };
  }

  /** What a source must be: a unique name, an http(s) URL at an allowed host, a department, a sensible schedule. */
  private async check(source: SourceInput, id?: string): Promise<void> {
    if (!source.name.trim()) throw new AppError('VALIDATION_FAILED', 'name', '采集源名称不能为空');
    const url = parseSourceUrl(source.url.trim());
    if (url.username || url.password) throw new AppError('VALIDATION_FAILED', 'url', '地址中不能包含用户名或密码');
    this.reach.assertAllowed(url.hostname);
    checkSchedule(source.schedule, this.timezone);
    const department = await this.db.selectFrom('departments').select('id').where('id', '=', source.departmentId).executeTakeFirst();
    if (!department) throw new AppError('VALIDATION_FAILED', 'departmentId', '开放主体不存在');
    const named = await this.db.selectFrom('harvest_sources').select('id').where('name', '=', source.name.trim()).executeTakeFirst();
    if (named && named.id !== id) throw new AppError('NAME_TAKEN', 'name');
  }

  private async guarded(row: Selectable<HarvestSourceTable>, columns: Partial<Omit<HarvestSourceTable, 'row_version'>>): Promise<void> {
    const res = await this.db.updateTable('harvest_sources').set((eb) => ({ ...columns, updated_at: new Date().toISOString(), row_version: eb('row_version', '+', 1) }))
      .where('id', '=', row.id).where('row_version', '=', Number(row.row_version)).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
  }
}
