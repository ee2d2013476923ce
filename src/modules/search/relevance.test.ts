import { describe, expect, it } from 'vitest';
import { Relevance } from './relevance.js';

describe('Relevance', () => {
  it('scores a one-word query as the general rule does: the word in the title, then the typed phrase', () => {
    // The general rule, written out: the title's weight if it holds the word (lower-cased),
    // quadrupled for the exact typed title, doubled for a title containing it as typed.
    const rule = (title: string, word: string, phrase: string, weight: number) => {
      const score = title.toLowerCase().includes(word) ? weight : 1;
      return title === phrase ? score * 4 : title.includes(phrase) ? score * 2 : score;
    };
    const titles = ['统计', '人口统计信息', '企业名录', 'GPS数据', 'gps数据', 'GPS', 'gps', '公交GPS'];
    const queries: [string, string][] = [['统计', '统计'], ['gps', 'gps'], ['gps', 'GPS'], ['企业', '企业']];
    for (const [word, phrase] of queries) {
      const relevance = new Relevance([[[word]]], phrase);
      for (const title of titles) {
        expect(relevance.score(title, title.toLowerCase(), 7), `${phrase} in ${title}`).toBe(rule(title, word, phrase, 7));
      }
    }
  });
});
