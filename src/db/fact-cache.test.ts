import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeWatch } from './change-watch.js';
import { FactCache } from './fact-cache.js';

afterEach(() => { vi.useRealTimers(); });

/** A watch whose stamp the test moves by hand. */
function manualWatch(): ChangeWatch & { value: string | null } {
  return {
    value: '0',
    stamp() { return this.value; },
    touch() { this.value = String(Number(this.value) + 1); },
    async close() {},
  };
}

describe('FactCache', () => {
  it('serves a loaded value until it expires', async () => {
    vi.useFakeTimers();
    const cache = new FactCache<string, number>(manualWatch(), { ttlMs: 1_000 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.getOrLoad('k', load)).toBe(1);
    expect(await cache.getOrLoad('k', load)).toBe(1);
    vi.advanceTimersByTime(1_001);
    expect(await cache.getOrLoad('k', load)).toBe(2);
  });

  it('forgets everything when the watch reports a change, and keeps nothing while it cannot tell', async () => {
    const watch = manualWatch();
    const cache = new FactCache<string, number>(watch);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.getOrLoad('k', load)).toBe(1);
    watch.touch();
    expect(cache.get('k')).toBeUndefined();
    expect(await cache.getOrLoad('k', load)).toBe(2);
    watch.value = null;
    expect(await cache.getOrLoad('k', load)).toBe(3);
    expect(await cache.getOrLoad('k', load)).toBe(4);
  });

  it('does not keep what `keep` refuses', async () => {
    const cache = new FactCache<string, number | null>(manualWatch());
    expect(await cache.getOrLoad('k', async () => null, (v) => v !== null)).toBeNull();
    expect(await cache.getOrLoad('k', async () => 7, (v) => v !== null)).toBe(7);
    expect(cache.get('k')).toBe(7);
  });

  it('never stores a value read before a change or an invalidation that happened while it loaded', async () => {
    const watch = manualWatch();
    const cache = new FactCache<string, string>(watch);
    let release!: () => void;
    const raced = cache.getOrLoad('k', () => new Promise<string>((r) => { release = () => r('before the change'); }));
    watch.touch();
    release();
    expect(await raced).toBe('before the change');
    expect(cache.get('k')).toBeUndefined();
    const slow = cache.getOrLoad('k', () => new Promise<string>((r) => { release = () => r('before the delete'); }));
    cache.delete('other');
    release();
    await slow;
    expect(cache.get('k')).toBeUndefined();
    const cleared = cache.getOrLoad('k', () => new Promise<string>((r) => { release = () => r('before the clear'); }));
    cache.clear();
    release();
    await cleared;
    expect(cache.get('k')).toBeUndefined();
  });

  it('drops the oldest entry when full', async () => {
    const cache = new FactCache<number, number>(manualWatch(), { maxEntries: 2 });
    for (const k of [1, 2, 3]) await cache.getOrLoad(k, async () => k * 10);
    expect([cache.get(1), cache.get(2), cache.get(3)]).toEqual([undefined, 20, 30]);
  });
});
