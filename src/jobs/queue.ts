import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../db/adapter.js';
import type { JobTable } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

/** What a job handler gets: its payload, a way to report progress, and a stop signal. */
export interface JobContext<P> {
  id: string;
  payload: P;
  progress(fraction: number, message?: string): void;
  signal: AbortSignal;
}

/**
 * A kind of background work. Its retry policy is stated where it is defined: a job that was
 * interrupted (the process died) is run again from the start up to `maxAttempts` times.
 */
export interface JobDefinition<P = unknown, R = unknown> {
  kind: string;
  maxAttempts: number;
  run(ctx: JobContext<P>): Promise<R>;
  /** Called once when the job has failed for good, to leave its side effects tidy. */
  onFailure?(job: { id: string; payload: P }, error: string): Promise<void>;
}

export type JobView = ReturnType<typeof toView>;

/** This process, as it signs the jobs it runs. */
const WORKER = `${hostname()}:${process.pid}`;

function deadOnThisHost(lockedBy: string | null): boolean {
  const [host, pid] = (lockedBy ?? '').split(':');
  if (host !== hostname() || !pid || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch {
    return true;
  }
}

const toView = (j: JobTable) => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  progress: Number(j.progress),
  message: j.message,
  result: j.result ? JSON.parse(j.result) : null,
  error: j.error,
  attempts: Number(j.attempts),
  createdBy: j.created_by,
  createdAt: j.created_at,
  startedAt: j.started_at,
  finishedAt: j.finished_at,
});

/** The durable jobs table: enqueue, claim, report, finish. */
export class JobQueue {
  constructor(private readonly db: Database) {}

  async enqueue(kind: string, payload: unknown, createdBy: string | null): Promise<string> {
    const id = randomUUID();
    await this.db.insertInto('jobs').values({
      id, kind, payload: JSON.stringify(payload), status: 'queued', progress: 0, attempts: 0, message: null, result: null, error: null,
      created_by: createdBy, created_at: new Date().toISOString(), started_at: null, finished_at: null, heartbeat_at: null, locked_by: null,
    }).execute();
    return id;
  }

  async get(id: string): Promise<JobView> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return toView(row);
  }

  /**
   * Takes the oldest queued job of the given kinds. The conditional update lets exactly one
   * of several competing workers win a job, on either engine.
   */
  async claim(kinds: string[], onlyId?: string): Promise<JobTable | null> {
    for (;;) {
      let q = this.db.selectFrom('jobs').selectAll().where('status', '=', 'queued').where('kind', 'in', kinds);
      if (onlyId) q = q.where('id', '=', onlyId);
      const next = await q.orderBy('created_at').limit(1).executeTakeFirst();
      if (!next) return null;
      const now = new Date().toISOString();
      const res = await this.db.updateTable('jobs')
        .set((eb) => ({ status: 'running', started_at: now, heartbeat_at: now, locked_by: WORKER, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', next.id).where('status', '=', 'queued').executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) return { ...next, status: 'running', attempts: Number(next.attempts) + 1 };
    }
  }

  async heartbeat(id: string, progress: number, message: string | null): Promise<void> {
    await this.db.updateTable('jobs').set({ heartbeat_at: new Date().toISOString(), progress, message })
      .where('id', '=', id).where('status', '=', 'running').execute();
  }

  async succeed(id: string, result: unknown): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'succeeded', progress: 1, result: JSON.stringify(result ?? null), finished_at: new Date().toISOString() })
      .where('id', '=', id).execute();
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'failed', error, finished_at: new Date().toISOString() }).where('id', '=', id).execute();
  }

  async requeue(id: string, message: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'queued', message, heartbeat_at: null }).where('id', '=', id).execute();
  }

  /**
   * Running jobs whose worker is dead: it has not reported since `before`, or it ran on this
   * host in a process that no longer exists (a restart after kill -9 need not wait).
   */
  async stale(before: string): Promise<JobTable[]> {
    const running = await this.db.selectFrom('jobs').selectAll().where('status', '=', 'running').execute();
    return running.filter((j) => !j.heartbeat_at || j.heartbeat_at < before || deadOnThisHost(j.locked_by));
  }
}
