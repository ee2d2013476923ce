import { describe, expect, it } from 'vitest';
import { seededOrder } from './sample.js';

const take = (seed: string, n: number, k: number) => {
  const out: number[] = [];
  for (const id of seededOrder(seed, n)) {
    if (out.length === k) break;
    out.push(id);
  }
  return out;
};

describe('seeded sample order', () => {
  it('is a permutation of 1..n', () => {
    expect([...seededOrder('r:1', 50)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('is the same for the same seed and differs for another', () => {
    expect(take('resource:3', 1_000_000, 100)).toEqual(take('resource:3', 1_000_000, 100));
    expect(take('resource:4', 1_000_000, 100)).not.toEqual(take('resource:3', 1_000_000, 100));
    expect(new Set(take('resource:3', 1_000_000, 100)).size).toBe(100);
  });
});
