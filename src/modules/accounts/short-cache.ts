/**
 * A per-process cache whose entries live a few seconds, for facts every request asks the
 * database (who an API key is, whether a user accepted the licence).
 *
 * `delete` and `clear` take effect at once, and a value read from the database before one of
 * them is never stored after it: a load remembers the generation it started in and keeps its
 * value only if nothing was invalidated meanwhile. Other processes cannot reach this cache, so
 * a change made there is seen here only when the entry expires: keep the TTL short.
 */
export class ShortCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  private generation = 0;

  constructor(private readonly ttlMs: number, private readonly maxEntries = 10_000) {}

  get(key: K): V | undefined {
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
    const started = this.generation;
    const value = await load();
    if (started === this.generation && keep(value)) this.set(key, value);
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

  private set(key: K, value: V): void {
    // A full cache drops its oldest entry: maps iterate in insertion order.
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }
}
