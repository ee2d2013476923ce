import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue } from './queue.js';
import type { JobRunner } from './runner.js';

/** Work declared in code to happen on a calendar rhythm (a cron expression in the configured timezone). */
export interface RecurringTask {
  /** Stable and unique: it names the task's jobs and their de-duplication keys. */
  name: string;
  /** Five-field cron expression, read in the scheduler's timezone. */
  cron: string;
  /** Does the work of one firing; `scheduledAt` is the minute it was due, not when it ran. */
  run(firing: { scheduledAt: Date }): Promise<unknown>;
}

const KIND_PREFIX = 'recurring:';
const MINUTE_MS = 60_000;

/**
 * Turns each firing of a recurring task into a durable job keyed by (name, scheduled minute):
 * every process that runs jobs runs the same clocks, and the key lets only the first process's
 * firing through, so a task runs once per scheduled minute however many processes there are.
 */
export class Scheduler {
  private readonly tasks = new Map<string, RecurringTask>();
  private readonly clocks: Cron[] = [];

  constructor(
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    readonly timezone: string,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
  ) {}

  recurring(task: RecurringTask): void {
    if (this.tasks.has(task.name)) throw new Error(`recurring task ${task.name} is declared twice`);
    // Refuses a malformed expression at declaration, not at the first firing.
    new Cron(task.cron, { timezone: this.timezone, paused: true }).stop();
    this.tasks.set(task.name, task);
    this.runner.define<{ scheduledAt: string }, unknown>({
      kind: KIND_PREFIX + task.name,
      // A firing interrupted by a dying process is worth one more go; the next firing follows anyway.
      maxAttempts: 2,
      run: ({ payload }) => task.run({ scheduledAt: new Date(payload.scheduledAt) }),
    });
  }

  /**
   * Enqueues the firing due at `at` (truncated to its minute) and returns its job id, or null
   * when that firing was already enqueued, here or by another process. Tests call it directly.
   */
  async fire(name: string, at: Date): Promise<string | null> {
    if (!this.tasks.has(name)) throw new Error(`no recurring task ${name}`);
    const minute = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
    const dedupeKey = `${KIND_PREFIX}${name}@${minute.toISOString()}`;
    const id = await this.queue.enqueueOnce(KIND_PREFIX + name, { scheduledAt: minute.toISOString() }, dedupeKey);
    if (id) this.runner.nudge();
    return id;
  }

  /** Starts the clocks: each firing enqueues its job, which the job runner (here or elsewhere) runs. */
  start(): void {
    for (const task of this.tasks.values()) {
      this.clocks.push(new Cron(task.cron, { timezone: this.timezone, protect: true }, (self) => {
        void this.fire(task.name, self.currentRun() ?? new Date()).catch((err) => this.log.error({ err, task: task.name }, 'recurring task firing failed'));
      }));
    }
  }

  stop(): void {
    for (const clock of this.clocks.splice(0)) clock.stop();
  }
}
