import type { FastifyBaseLogger } from 'fastify';
import { describeError } from '../domain/errors.js';
import { JobNotReady, type JobDefinition, type JobQueue } from './queue.js';

const HEARTBEAT_MS = 2_000;
/** A running job silent for this long belongs to a dead process. */
const STALE_MS = 15_000;
const POLL_MS = 1_000;
/** How often a running process looks for jobs whose worker went silent (not only at start-up). */
const SWEEP_MS = 30_000;
const HANDED_BACK = '进程停止，任务已交回队列，将由其他进程继续';

/**
 * Runs queued jobs in this process, one at a time (ingest is heavy; two at once would only
 * fight for the same disk). The same code runs in a dedicated worker process.
 */
export class JobRunner {
  private readonly definitions = new Map<string, JobDefinition>();
  private timer: NodeJS.Timeout | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;
  /** The job this process is running now, and its heartbeat. */
  private current: { id: string; beat: NodeJS.Timeout } | null = null;
  /** A job handed back while still running here: whatever it does now is not recorded. */
  private handedBack: string | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly log: Pick<FastifyBaseLogger, 'info' | 'error' | 'warn'>,
    /** A running job silent for longer than this is taken to have lost its worker. */
    private readonly staleMs = STALE_MS,
  ) {}

  define<P, R>(definition: JobDefinition<P, R>): void {
    this.definitions.set(definition.kind, definition as JobDefinition);
  }

  /** Polls for work until stopped (call `recover` first, once per start-up), and sweeps stalled jobs periodically. */
  async start(): Promise<void> {
    this.sweeper = setInterval(() => void this.recover().catch((err) => this.log.error({ err }, 'stalled job sweep failed')), SWEEP_MS);
    this.sweeper.unref();
    const loop = async () => {
      while (!this.abort.signal.aborted) {
        const worked = await this.runOne().catch((err) => { this.log.error({ err }, 'job loop error'); return false; });
        if (!worked) await new Promise<void>((resolve) => { this.wake = resolve; this.timer = setTimeout(resolve, POLL_MS); });
      }
    };
    this.running = loop();
  }

  /** Starts the next job now instead of at the next poll. */
  nudge(): void {
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
  }

  /**
   * Stops taking jobs and asks the running one to stop (its signal aborts); a job that stops
   * that way goes back to the queue for another worker. One still running after `graceMs` is
   * handed back anyway: the caller is about to end the process.
   */
  async stop(graceMs = Infinity): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.abort.abort();
    this.nudge();
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    const late = Number.isFinite(graceMs) ? new Promise<'late'>((resolve) => { timer = setTimeout(resolve, graceMs, 'late'); }) : null;
    const outcome = await Promise.race([this.running.then(() => 'done' as const), ...(late ? [late] : [])]);
    clearTimeout(timer);
    if (outcome === 'late' && this.current) {
      const { id, beat } = this.current;
      clearInterval(beat);
      this.handedBack = id;
      this.log.warn({ job: id }, 'job did not stop in time; handed back to the queue');
      await this.queue.handBack(id, HANDED_BACK);
    }
  }

  /** Runs one queued job (that one job, when an id is given); true when it did. */
  async runOne(onlyId?: string): Promise<boolean> {
    const job = await this.queue.claim([...this.definitions.keys()], onlyId);
    if (!job) return false;
    const definition = this.definitions.get(job.kind)!;
    const payload = JSON.parse(job.payload);
    let progress = 0, message: string | null = null, last = 0;
    const beat = setInterval(() => void this.queue.heartbeat(job.id, progress, message).catch(() => {}), HEARTBEAT_MS);
    this.current = { id: job.id, beat };
    try {
      const result = await definition.run({
        id: job.id,
        payload,
        signal: this.abort.signal,
        progress: (fraction, text) => {
          progress = Math.max(0, Math.min(1, fraction));
          message = text ?? message;
          // Report at most a few times a second; the heartbeat carries the rest.
          if (Date.now() - last > 250) { last = Date.now(); void this.queue.heartbeat(job.id, progress, message).catch(() => {}); }
        },
      });
      if (this.handedBack === job.id) return true;
      await this.queue.succeed(job.id, result, message);
    } catch (err) {
      if (this.handedBack === job.id) return true;
      if (this.abort.signal.aborted) {
        // Stopped by the process's shutdown, not failed: another worker runs it from the start.
        this.log.info({ job: job.id, kind: job.kind }, 'job handed back to the queue at shutdown');
        await this.queue.handBack(job.id, HANDED_BACK);
        return true;
      }
      if (err instanceof JobNotReady) {
        await this.queue.postpone(job.id, err.message, new Date(Date.now() + err.retryAfterMs));
        return true;
      }
      const reason = describeError(err);
      const attempts = Number(job.attempts);
      if (attempts < definition.maxAttempts && definition.retryable?.(err)) {
        const delay = definition.backoffMs?.(attempts) ?? 0;
        this.log.warn({ job: job.id, kind: job.kind, reason, attempts, delay }, 'job attempt failed, will retry');
        await this.queue.retryLater(job.id, reason, new Date(Date.now() + delay));
        return true;
      }
      this.log.warn({ job: job.id, kind: job.kind, reason }, 'job failed');
      await this.queue.fail(job.id, reason);
      await definition.onFailure?.({ id: job.id, payload }, reason).catch((e) => this.log.error({ err: e }, 'job cleanup failed'));
    } finally {
      clearInterval(beat);
      this.current = null;
    }
    return true;
  }

  /** Jobs left running by a process that died: run again while attempts remain, else fail. */
  async recover(): Promise<void> {
    for (const job of await this.queue.stale(new Date(Date.now() - this.staleMs).toISOString())) {
      const definition = this.definitions.get(job.kind);
      if (definition && Number(job.attempts) < definition.maxAttempts) {
        await this.queue.requeue(job.id, '进程中断，任务已重新排队');
      } else {
        const reason = '进程中断，任务已终止（重试次数已用完）';
        await this.queue.fail(job.id, reason);
        await definition?.onFailure?.({ id: job.id, payload: JSON.parse(job.payload) }, reason).catch((e) => this.log.error({ err: e }, 'job cleanup failed'));
      }
    }
  }
}
