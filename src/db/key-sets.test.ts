import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/seeded-random.js';
import { difference, matchingKeys, union } from './key-sets.js';

describe('matchingKeys', () => {
  it('combines words as the engines do: all groups, any alternative, all its words', () => {
    const rnd = seededRandom(12);
    const words = ['a', 'b', 'c', 'd', 'e'];
    for (let round = 0; round < 300; round++) {
      // Random documents (key → words) and a random query over them.
      const docs = new Map<number, Set<string>>();
      for (let key = 0; key < 40; key++) if (rnd.next() < 0.8) docs.set(key, new Set(words.filter(() => rnd.next() < 0.4)));
      const pickWords = () => [...new Set(Array.from({ length: 1 + Math.floor(rnd.next() * 2) }, () => rnd.pick(words)))];
      const groups = Array.from({ length: 1 + Math.floor(rnd.next() * 2) }, () => Array.from({ length: 1 + Math.floor(rnd.next() * 2) }, pickWords));
      const keysOf = (word: string) => Int32Array.from([...docs].filter(([, has]) => has.has(word)).map(([key]) => key));
      const expected = [...docs].filter(([, has]) => groups.every((g) => g.some((alt) => alt.every((w) => has.has(w))))).map(([key]) => key);
      expect([...matchingKeys(groups, keysOf)]).toEqual(expected);
    }
  });
});

describe('union and difference', () => {
  it('agree with sets on random sorted keys', () => {
    const rnd = seededRandom(13);
    const someKeys = () => Int32Array.from(Array.from({ length: 30 }, (_, k) => k).filter(() => rnd.next() < 0.4));
    for (let round = 0; round < 200; round++) {
      const a = someKeys(), b = someKeys();
      expect([...union(a, b)]).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
      expect([...difference(a, b)]).toEqual([...a].filter((k) => !b.includes(k)));
    }
  });
});
