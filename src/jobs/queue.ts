import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hostname } from 'node:os';
import type { Database, DialectAdapter } from '../db/adapter.js';
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
 * interrupted (the process died) is run again from the start up to `maxAttempts` times, and so
 * is a job whose error `retryable` accepts, after `backoffMs` has passed.
 */
export interface JobDefinition<P = unknown, R = unknown> {
  kind: string;
  maxAttempts: number;
  run(ctx: JobContext<P>): Promise<R>;
  /** Whether a failed attempt may be tried again (a passing outage, not a bad input). None are by default. */
  retryable?(error: unknown): boolean;
  /** How long to wait before the next attempt, given the attempts made so far. */
  backoffMs?(attempts: number): number;
  /** Called once when the job has failed for good, to leave its side effects tidy. */
  onFailure?(job: { id: string; payload: P }, error: string): Promise<void>;
}

/**
 * Thrown by a job that cannot start yet because it waits on other work (an append on the
 * version still being loaded before it): the job goes back to the queue until `retryAfterMs`
 * has passed, the attempt not counted, its message saying what it waits for.
 */
export class JobNotReady extends Error {
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
  }
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

export interface EnqueueOptions {
  /** Not run before this time (now when absent). */
  runAt?: Date;
  /** While a queued or running job holds this key, enqueueing again returns that job instead of a twin. */
  dedupeKey?: string;
}

/** The durable jobs table: enqueue, claim, report, finish. */
export class JobQueue {
  constructor(private readonly db: Database, private readonly adapter: Pick<DialectAdapter, 'jobClaim'>) {}

  /** Adds a job and returns its id (the open job's id when one already holds the de-duplication key). */
  async enqueue(kind: string, payload: unknown, createdBy: string | null, options: EnqueueOptions = {}): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    const dedupeKey = options.dedupeKey ?? null;
    const inserted = await this.db.insertInto('jobs').values({
      id, kind, payload: JSON.stringify(payload), status: 'queued', progress: 0, attempts: 0, message: null, result: null, error: null,
      created_by: createdBy, created_at: now, started_at: null, finished_at: null, heartbeat_at: null, locked_by: null,
      run_at: options.runAt?.toISOString() ?? now, dedupe_key: dedupeKey,
    })
      // The conflict target names the partial unique index's predicate, so only an open twin counts.
      .onConflict((oc) => oc.column('dedupe_key').where(sql<boolean>`status in ('queued', 'running') and dedupe_key is not null`).doNothing())
      .returning('id').executeTakeFirst();
    if (inserted) return inserted.id;
    const open = await this.openWithKey(dedupeKey!);
    // The open twin finished between our insert and this look: enqueue afresh.
    return open?.id ?? this.enqueue(kind, payload, createdBy, options);
  }

  /**
   * Adds the job named by `key` unless one by that name was ever added, by this process or
   * another; null when it was. The id is derived from the key, so the primary key itself refuses
   * the twin: two processes racing, or one arriving after the first already finished, find it taken.
   */
  async enqueueOnce(kind: string, payload: unknown, key: string): Promise<string | null> {
    const id = idFor(key);
    const now = new Date().toISOString();
    const inserted = await this.db.insertInto('jobs').values({
      id, kind, payload: JSON.stringify(payload), status: 'queued', progress: 0, attempts: 0, message: null, result: null, error: null,
      created_by: null, created_at: now, started_at: null, finished_at: null, heartbeat_at: null, locked_by: null, run_at: now, dedupe_key: key,
    }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    return inserted?.id ?? null;
  }

  private openWithKey(dedupeKey: string) {
    return this.db.selectFrom('jobs').select('id').where('dedupe_key', '=', dedupeKey).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  }

  async get(id: string): Promise<JobView> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return toView(row);
  }

  /** Takes the oldest due queued job of the given kinds; each job goes to exactly one of competing workers. */
  async claim(kinds: string[], onlyId?: string, worker = WORKER): Promise<JobTable | null> {
    return this.adapter.jobClaim.claim(this.db, { kinds, now: new Date().toISOString(), worker, onlyId });
  }

  async heartbeat(id: string, progress: number, message: string | null): Promise<void> {
    await this.db.updateTable('jobs').set({ heartbeat_at: new Date().toISOString(), progress, message })
      .where('id', '=', id).where('status', '=', 'running').execute();
  }

  /** `message`: the job's last progress message, which the throttled reports may not have written yet. */
  async succeed(id: string, result: unknown, message: string | null): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'succeeded', progress: 1, message, result: JSON.stringify(result ?? null), finished_at: new Date().toISOString() })
      .where('id', '=', id).execute();
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'failed', error, finished_at: new Date().toISOString() }).where('id', '=', id).execute();
  }

  async requeue(id: string, message: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'queued', message, heartbeat_at: null, locked_by: null }).where('id', '=', id).execute();
  }

  /**
   * A job this worker stops running because its process is shutting down: back to the queue for
   * another worker, the attempt not counted (the job did not fail). Only while this worker holds it.
   */
  async handBack(id: string, message: string, worker = WORKER): Promise<void> {
    await this.db.updateTable('jobs')
      .set((eb) => ({ status: 'queued', message, heartbeat_at: null, locked_by: null, attempts: eb('attempts', '-', 1) }))
      .where('id', '=', id).where('status', '=', 'running').where('locked_by', '=', worker).execute();
  }

  /** A job that could not start yet (JobNotReady): queued again until `runAt`, the attempt not counted. */
  async postpone(id: string, message: string, runAt: Date, worker = WORKER): Promise<void> {
    await this.db.updateTable('jobs')
      .set((eb) => ({ status: 'queued', message, heartbeat_at: null, locked_by: null, run_at: runAt.toISOString(), attempts: eb('attempts', '-', 1) }))
      .where('id', '=', id).where('status', '=', 'running').where('locked_by', '=', worker).execute();
  }

  /** A failed attempt that will be tried again once `runAt` has come. */
  async retryLater(id: string, error: string, runAt: Date): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'queued', error, heartbeat_at: null, locked_by: null, run_at: runAt.toISOString() })
      .where('id', '=', id).execute();
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

/** A UUID-shaped id fixed by a name: the same name always gives the same id. */
function idFor(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
