/** The record of each harvest run: begun, then finished with its counts, or failed with why. */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { HarvestRunTable } from '../../db/schema.js';

export interface RunCounts {
  created: number;
  updated: number;
  restored: number;
  withdrawn: number;
  unchanged: number;
  failed: number;
}

export interface RunError {
  remoteId: string;
  title: string;
  message: string;
}

/** Enough to find and fix what failed; a source failing everywhere does not fill the table. */
const KEPT_ERRORS = 100;

export const emptyCounts = (): RunCounts => ({ created: 0, updated: 0, restored: 0, withdrawn: 0, unchanged: 0, failed: 0 });

export function runView(r: Selectable<HarvestRunTable>) {
  return {
    id: r.id, jobId: r.job_id, trigger: r.trigger, status: r.status, startedAt: r.started_at, finishedAt: r.finished_at,
    counts: { created: Number(r.created), updated: Number(r.updated), restored: Number(r.restored), withdrawn: Number(r.withdrawn), unchanged: Number(r.unchanged), failed: Number(r.failed) },
    message: r.message, errors: JSON.parse(r.errors) as RunError[],
  };
}
export type RunView = ReturnType<typeof runView>;

export class HarvestRuns {
  constructor(private readonly db: Database) {}

  /** A new run; a run of the source left `running` by a process that died is closed as interrupted. */
  async begin(sourceId: string, jobId: string, trigger: HarvestRunTable['trigger']): Promise<string> {
    await this.abandon(sourceId, '运行中断（处理进程退出），已重新运行');
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.insertInto('harvest_runs').values({
      id, source_id: sourceId, job_id: jobId, trigger, status: 'running', started_at: now, finished_at: null,
      created: 0, updated: 0, restored: 0, withdrawn: 0, unchanged: 0, failed: 0, message: null, errors: '[]',
    }).execute();
    return id;
  }

  async finish(id: string, counts: RunCounts, errors: RunError[], message: string | null): Promise<void> {
    await this.db.updateTable('harvest_runs').set({
      status: 'succeeded', finished_at: new Date().toISOString(), ...counts, message, errors: JSON.stringify(errors.slice(0, KEPT_ERRORS)),
    }).where('id', '=', id).execute();
  }

  /** Closes the source's run still marked running: its process or its job ended without finishing it. */
  async abandon(sourceId: string, message: string): Promise<void> {
    await this.db.updateTable('harvest_runs').set({ status: 'failed', finished_at: new Date().toISOString(), message })
      .where('source_id', '=', sourceId).where('status', '=', 'running').execute();
  }

  async fail(id: string, message: string): Promise<void> {
    await this.db.updateTable('harvest_runs').set({ status: 'failed', finished_at: new Date().toISOString(), message }).where('id', '=', id).execute();
  }

  async recent(sourceId: string, limit: number) {
    const rows = await this.db.selectFrom('harvest_runs').selectAll().where('source_id', '=', sourceId)
      .orderBy('started_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map(runView);
  }

  /** Each source's latest run, for the list. */
  async latest(sourceIds: string[]): Promise<Map<string, RunView>> {
    if (sourceIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('harvest_runs').selectAll().where('source_id', 'in', sourceIds).orderBy('started_at', 'desc').execute();
    const latest = new Map<string, RunView>();
    for (const r of rows) if (!latest.has(r.source_id)) latest.set(r.source_id, runView(r));
    return latest;
  }
}
