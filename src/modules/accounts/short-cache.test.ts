import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShortCache } from './short-cache.js';

afterEach(() => { vi.useRealTimers(); });

describe('ShortCache', () => {
  it('serves a loaded value until it expires', async () => {
    vi.useFakeTimers();
    const cache = new ShortCache<string, number>(1_000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.getOrLoad('k', load)).toBe(1);
    expect(await cache.getOrLoad('k', load)).toBe(1);
    vi.advanceTimersByTime(1_001);
    expect(await cache.getOrLoad('k', load)).toBe(2);
  });

  it('does not keep what `keep` refuses', async () => {
    const cache = new ShortCache<string, number | null>(1_000);
    expect(await cache.getOrLoad('k', async () => null, (v) => v !== null)).toBeNull();
    expect(await cache.getOrLoad('k', async () => 7, (v) => v !== null)).toBe(7);
    expect(cache.get('k')).toBe(7);
  });

  it('never stores a value read before an invalidation that happened while it loaded', async () => {
    const cache = new ShortCache<string, string>(60_000);
    let release!: () => void;
    const slow = cache.getOrLoad('k', () => new Promise<string>((r) => { release = () => r('before the change'); }));
    cache.delete('other');
    release();
    expect(await slow).toBe('before the change');
    expect(cache.get('k')).toBeUndefined();
    const cleared = cache.getOrLoad('k', () => new Promise<string>((r) => { release = () => r('before the clear'); }));
    cache.clear();
    release();
    await cleared;
    expect(cache.get('k')).toBeUndefined();
  });

  it('drops the oldest entry when full', async () => {
    const cache = new ShortCache<number, number>(60_000, 2);
    for (const k of [1, 2, 3]) await cache.getOrLoad(k, async () => k * 10);
    expect([cache.get(1), cache.get(2), cache.get(3)]).toEqual([undefined, 20, 30]);
  });
});
