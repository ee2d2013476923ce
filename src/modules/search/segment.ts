/**
 * Chinese word segmentation for catalog search (jieba). Documents and queries go through the
 * same code, so both database engines only ever see whitespace-separated, lower-case tokens
 * made of letters and digits: nothing a user types can reach the engine's query syntax.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import type { QueryGroup } from '../../db/catalog-search.js';

let jieba: Jieba | undefined;
/**
 * The dictionary takes ~0.3 s and ~40 MB to load: only when something is first segmented, so
 * a server that never searches never pays for it. It is read here rather than through the
 * package's dict.js, which also reads (and keeps for good) a 6 MB IDF table search never uses.
 */
function segmenter(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba: Segmenter } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    jieba = Segmenter.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  }
  return jieba;
}

const HAN = /\p{Script=Han}/u;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
/** Single characters that carry no meaning of their own in a query. */
const STOP_CHARS = new Set(['的', '了', '和', '与', '及', '或', '之', '在', '是', '等', '对', '为']);
const MAX_QUERY_WORDS = 12;

/** Splits segmenter output further at anything that is not a letter or digit, lower-cased. */
function clean(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    for (const part of w.toLowerCase().split(NOT_WORD)) if (part) out.push(part);
  }
  return out;
}

/**
 * Index form of a text: its search-mode words of two or more characters (so 公交 is a token of
 * 公交站点 and of 杭州公交线路), then each of its Han characters on its own, so that a
 * one-character query such as 水 finds 水质 and 污水处理 alike.
 */
export function indexTokens(text: string): string {
  if (!text) return '';
  const words = clean(segmenter().cutForSearch(text, true)).filter((w) => w.length > 1 || !HAN.test(w));
  const chars = Array.from(text).filter((ch) => HAN.test(ch));
  return [...words, ...chars].join(' ');
}

/**
 * A query as groups that must all match. Each query word matches as a whole word; a longer
 * word may instead match as the smaller dictionary words that make it up (公交站点 also finds
 * 公交车站点, segmented 公交车 / 站点), never as a bare substring (公交 does not find 办公交流).
 */
export function queryGroups(q: string): QueryGroup[] {
  const words = [...new Set(clean(segmenter().cut(q.slice(0, 200), true)))];
  const meaningful = words.filter((w) => !(w.length === 1 && STOP_CHARS.has(w)));
  const chosen = (meaningful.length ? meaningful : words).slice(0, MAX_QUERY_WORDS);
  return chosen.map((word) => {
    const parts = Array.from(word).length >= 3 && HAN.test(word) ? cover(word) : null;
    return parts ? [[word], parts] : [[word]];
  });
}

/**
 * The split of a word into its own dictionary sub-words (from search mode) with the fewest
 * pieces, single characters counting double; null when no sub-word helps.
 */
function cover(word: string): string[] | null {
  const subs = new Set(clean(segmenter().cutForSearch(word, true)).filter((s) => s !== word && s.length > 1));
  if (subs.size === 0) return null;
  const chars = Array.from(word);
  const n = chars.length;
  const best: { cost: number; parts: string[] }[] = [{ cost: 0, parts: [] }];
  for (let end = 1; end <= n; end++) {
    let pick: { cost: number; parts: string[] } | undefined;
    // From the right, so that ties keep the longer word first: 杭州 / 市 rather than 杭 / 州市.
    for (let start = end - 1; start >= 0; start--) {
      const piece = chars.slice(start, end).join('');
      const single = end - start === 1;
      if (!single && !subs.has(piece)) continue;
      const prev = best[start]!;
      const cost = prev.cost + (single ? 2 : 1);
      if (!pick || cost < pick.cost) pick = { cost, parts: [...prev.parts, piece] };
    }
    best[end] = pick!;
  }
  const parts = best[n]!.parts;
  return parts.some((p) => p.length > 1) ? parts : null;
}
