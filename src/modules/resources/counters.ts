import type { Database } from '../../db/adapter.js';
import { can, type Actor, type PolicyResource } from '../../domain/policy.js';

type Counter = 'views' | 'downloads' | 'api_calls';

/**
 * What the counters measure: use of a published entry by the public. Its keepers' and the
 * authority's own reads (editing, reviewing) would inflate the figures the statistics show.
 */
export function isPublicUse(actor: Actor, facts: PolicyResource): boolean {
  return facts.status === 'published' && !can(actor, 'catalog.internal.read', facts);
}

/**
 * Views, downloads and API calls per resource and entry. Counted in memory and written in one
 * batch every few seconds, so a busy read path does not turn every request into a write.
 * A crash loses at most the last interval's counts.
 */
export class CounterService {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The write under way: writes run one after another, so close() also waits for a timer's. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database, private readonly intervalMs = 5_000) {}

  hit(table: 'resources' | 'catalog_entries', id: string, counter: Counter): void {
    const key = `${table}|${id}|${counter}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    // Once closing, nothing schedules a write the closed database could no longer take.
    if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Writes what is pending, for the last time: a request still finishing afterwards goes uncounted. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const write = () => this.write();
    this.writing = this.writing.then(write, write);
    return this.writing;
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [key, n] of batch) {
        const [table, id, counter] = key.split('|') as ['resources' | 'catalog_entries', string, Counter];
        await trx.updateTable(table).set((eb) => ({ [counter]: eb(counter, '+', n) })).where('id', '=', id).execute();
      }
    });
  }
}
