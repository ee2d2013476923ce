/** One dependency a process needs to serve: it answers, or throws. */
export type ReadinessCheck = () => Promise<unknown>;

export type CheckOutcome = 'ok' | 'failed' | 'timeout';

export interface ReadinessReport {
  ready: boolean;
  /** The process has begun to shut down: a balancer should send it nothing new. */
  shuttingDown: boolean;
  checks: Record<string, CheckOutcome>;
}

/** A check slower than this counts as failed: a balancer's probe must not hang with it. */
const CHECK_TIMEOUT_MS = 3_000;
/** Probes from several balancers (or a visitor hammering the route) share one round of checks. */
const REUSE_MS = 1_000;

/**
 * Whether this process should be sent requests (GET /api/ready): the parts it depends on answer
 * (the database, the object store where configured) and it is not shutting down. Liveness is
 * /api/health's business; a failed dependency is not a reason to restart the process.
 */
export class Readiness {
  private shuttingDown = false;
  private last: { at: number; report: Promise<Record<string, CheckOutcome>> } | null = null;

  constructor(
    private readonly checks: Record<string, ReadinessCheck>,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  /** From now on the process answers not ready, whatever its dependencies say (graceful shutdown). */
  shutDown(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    if (this.shuttingDown) return { ready: false, shuttingDown: true, checks: {} };
    if (!this.last || Date.now() - this.last.at > REUSE_MS) this.last = { at: Date.now(), report: this.runChecks() };
    const checks = await this.last.report;
    return { ready: !this.shuttingDown && Object.values(checks).every((c) => c === 'ok'), shuttingDown: this.shuttingDown, checks };
  }

  private async runChecks(): Promise<Record<string, CheckOutcome>> {
    const entries = await Promise.all(Object.entries(this.checks).map(async ([name, check]) => [name, await this.outcome(name, check)] as const));
    return Object.fromEntries(entries);
  }

  private async outcome(name: string, check: ReadinessCheck): Promise<CheckOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(resolve, CHECK_TIMEOUT_MS, 'timeout'); });
    try {
      const outcome = await Promise.race([check().then(() => 'ok' as const), timeout]);
      if (outcome === 'timeout') this.log.warn({ check: name }, 'readiness check timed out');
      return outcome;
    } catch (err) {
      // The reason goes to the log, not to the public answer: it names hosts and ports.
      this.log.warn({ check: name, err }, 'readiness check failed');
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }
}
