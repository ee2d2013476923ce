import type { QueryGroup } from './catalog-search.js';

/**
 * A query's matching keys from each word's keys, as the engines' full-text queries combine
 * them: every group must match, one of its alternatives, all of that alternative's words.
 * `keysOf` gives a word's keys in ascending order; the answer is ascending too.
 */
export function matchingKeys(groups: QueryGroup[], keysOf: (word: string) => Int32Array): Int32Array {
  return groups
    .map((alternatives) => alternatives.map((words) => words.map(keysOf).reduce(intersection)).reduce(union))
    .reduce(intersection);
}

function intersection(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0, j = 0, n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else { out[n++] = a[i]!; i++; j++; }
  }
  return out.subarray(0, n);
}

export function union(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0, j = 0, n = 0;
  while (i < a.length || j < b.length) {
    if (j === b.length || (i < a.length && a[i]! < b[j]!)) out[n++] = a[i++]!;
    else if (i === a.length || b[j]! < a[i]!) out[n++] = b[j++]!;
    else { out[n++] = a[i]!; i++; j++; }
  }
  return out.subarray(0, n);
}

/** The keys of `a` that are not in `b`. */
export function difference(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length);
  let j = 0, n = 0;
  for (const key of a) {
    while (j < b.length && b[j]! < key) j++;
    if (j === b.length || b[j] !== key) out[n++] = key;
  }
  return out.subarray(0, n);
}
