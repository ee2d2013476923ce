/**
 * 相关度: how well a matching entry answers the search words, computed in memory. The engine
 * says which entries match (every word in the title or the body); the title says how well.
 * Users look for a data set by what it is called, so a word in the title weighs ten times a
 * word found only in the description, a shorter title holding the words ranks above a longer
 * one (BM25's length normalisation for one occurrence), and a title that is the typed text or
 * contains it whole comes first. Both engines rank alike, and nothing is read per match.
 * Pure: no I/O.
 */
import type { QueryGroup } from '../../db/catalog-search.js';

const TITLE_WEIGHT = 10;
/** BM25's usual constants: term-frequency saturation and the strength of length normalisation. */
const K1 = 1.2;
const B = 0.75;
/** Even a very long title holding a word outweighs a description holding it. */
const MIN_TITLE_SHARE = 0.2;

/**
 * The weight of a title holding a word, by the title's length against the catalog's average:
 * computed once per entry when the in-memory table is built.
 */
export function titleWeight(length: number, averageLength: number): number {
  return TITLE_WEIGHT * Math.max(MIN_TITLE_SHARE, (K1 + 1) / (1 + K1 * (1 - B + (B * length) / averageLength)));
}

export class Relevance {
  /** The query when it is one word typed as it is indexed (统计): one look at a title then scores it. */
  private readonly word: string | undefined;

  constructor(private readonly groups: QueryGroup[], private readonly phrase: string | undefined) {
    const only = groups.length === 1 && groups[0]!.length === 1 && groups[0]![0]!.length === 1 ? groups[0]![0]![0] : undefined;
    this.word = only !== undefined && only === phrase ? only : undefined;
  }

  /** The score of an entry matching every group; `lowerTitle` is its title lower-cased. */
  score(title: string, lowerTitle: string, weight: number): number {
    if (this.word !== undefined && title === lowerTitle) {
      // The title holds the word exactly when it holds the typed phrase.
      if (!title.includes(this.word)) return 1;
      return title === this.word ? weight * 4 : weight * 2;
    }
    let score = 0;
    for (const alternatives of this.groups) score += holdsAny(lowerTitle, alternatives) ? weight : 1;
    return phraseBoost(score, title, this.phrase);
  }
}

/** Whether the title holds every token of one of the alternatives (plain loops: run per match). */
function holdsAny(title: string, alternatives: string[][]): boolean {
  for (const tokens of alternatives) {
    let all = true;
    for (const t of tokens) if (!title.includes(t)) { all = false; break; }
    if (all) return true;
  }
  return false;
}

/** An exact title quadruples the score, a title containing the typed phrase doubles it. */
function phraseBoost(score: number, title: string, phrase: string | undefined): number {
  if (!phrase) return score;
  if (title === phrase) return score * 4;
  return title.includes(phrase) ? score * 2 : score;
}
