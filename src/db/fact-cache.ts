import type { ChangeWatch } from './change-watch.js';

/**
 * Facts every request asks the database (who an API key is, whether a user accepted the
 * licence, a resource's entry and live table), remembered per process for as long as the
 * change watch says nothing they come from has changed, and never longer than the TTL.
 *
 * A value is stored only if the stamp was the same before and after it was read, and no
 * `delete` or `clear` happened meanwhile, so a read that raced a change is never kept.
 */
export class FactCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  private stamp: string | null = null;
  private generation = 0;

  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly watch: ChangeWatch, opts: { ttlMs?: number; maxEntries?: number } = {}) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.maxEntries = opts.maxEntries ?? 10_000;
  }

  get(key: K): V | undefined {
    if (!this.current()) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * The cached value, or `load`'s. Only values `keep` accepts are stored, so a refusal (an
   * unknown key, say) is asked again next time rather than remembered.
   */
  async getOrLoad(key: K, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const { stamp, generation } = this;
    const value = await load();
    if (stamp !== null && generation === this.generation && this.current() && this.stamp === stamp && keep(value)) this.set(key, value);
    return value;
  }

  delete(key: K): void {
    this.generation++;
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Whether the watch can vouch for what is stored; a moved stamp empties the cache first. */
  private current(): boolean {
    const stamp = this.watch.stamp();
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.clear();
    }
    return stamp !== null;
  }

  private set(key: K, value: V): void {
    // A full cache drops its oldest entry: maps iterate in insertion order.
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }
}
