import { sql } from 'kysely';
import type { Database } from '../../db/adapter.js';

/** A grant's use not yet written: calls, rows returned, the last call's time. */
export interface GrantUse {
  calls: number;
  rows: number;
  lastUsedAt: string;
}

/**
 * The use of grants (calls, rows returned, last use), counted in memory and written in one
 * batch every few seconds, as the resources' view counters are: a grantee's busy client does not
 * turn every read into a write (on SQLite each write would also make every process forget its
 * cached facts), and a read never waits for the counting nor fails with it. What fails to be
 * written is kept for the next try; a crash loses at most the last interval's use.
 */
export class GrantUseCounter {
  private pending = new Map<string, GrantUse>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database, private readonly intervalMs = 5_000) {}

  add(grantId: string, rows: number): void {
    this.merge(grantId, { calls: 1, rows, lastUsedAt: new Date().toISOString() });
    this.schedule();
  }

  /** Use counted here and not yet written (added to the stored figures when grants are shown). */
  unwritten(grantId: string): GrantUse | undefined {
    return this.pending.get(grantId);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return;
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const [id, use] of batch) {
          await trx.updateTable('grants').set((eb) => ({
            calls: eb('calls', '+', use.calls),
            rows_read: eb('rows_read', '+', use.rows),
            // Another process may have written a later use already.
            last_used_at: sql<string>`case when last_used_at is null or last_used_at < ${use.lastUsedAt} then ${use.lastUsedAt} else last_used_at end`,
          })).where('id', '=', id).execute();
        }
      });
    } catch (err) {
      for (const [id, use] of batch) this.merge(id, use);
      this.schedule();
      throw err;
    }
  }

  private merge(grantId: string, use: GrantUse): void {
    const known = this.pending.get(grantId);
    this.pending.set(grantId, known
      ? { calls: known.calls + use.calls, rows: known.rows + use.rows, lastUsedAt: known.lastUsedAt > use.lastUsedAt ? known.lastUsedAt : use.lastUsedAt }
      : use);
  }

  private schedule(): void {
    // A failed write keeps its counts and tries again on the next round.
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.intervalMs);
    // Nothing to keep a process alive for: closing the context writes what is left.
    this.timer.unref();
  }
}
