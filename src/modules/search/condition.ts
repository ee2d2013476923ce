/**
 * Conditions on the listed catalog beyond the facet filters, compiled once per query into a
 * test of an entry's position. Pure: no I/O.
 */
import type { Facet, FacetRow } from './facet-index.js';

/**
 * A condition beyond the facet filters (CKAN's fq): combinations of facet values, ranges of
 * dates or resource counts, ids. It applies to the result and to every facet count alike.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { facet: Facet; value: string }
  | { id: string }
  /** ISO timestamps; a missing bound is open. */
  | { dates: 'updated' | 'created'; from?: string | undefined; to?: string | undefined; fromInclusive: boolean; toInclusive: boolean }
  | { dataResources: { min: number; max: number } };

/** What a condition reads of the loaded catalog. */
export interface ConditionSource {
  rows: readonly FacetRow[];
  position: ReadonlyMap<string, number>;
  /** A test of whether an entry has this facet value, its value looked up once. */
  hasValue(facet: Facet, value: string): (i: number) => boolean;
}

/** A condition as a test of an entry's position. */
export function compileCondition(c: Condition, source: ConditionSource): (i: number) => boolean {
  const compile = (inner: Condition) => compileCondition(inner, source);
  if ('all' in c) {
    const parts = c.all.map(compile);
    return (i) => parts.every((p) => p(i));
  }
  if ('any' in c) {
    const parts = c.any.map(compile);
    return (i) => parts.some((p) => p(i));
  }
  if ('not' in c) {
    const inner = compile(c.not);
    return (i) => !inner(i);
  }
  if ('facet' in c) return source.hasValue(c.facet, c.value);
  const rows = source.rows;
  if ('id' in c) {
    const at = source.position.get(c.id);
    return (i) => i === at;
  }
  if ('dataResources' in c) {
    const { min, max } = c.dataResources;
    return (i) => rows[i]!.dataResources >= min && rows[i]!.dataResources <= max;
  }
  const { from, to, fromInclusive, toInclusive } = c;
  const valueOf = c.dates === 'updated' ? (i: number) => rows[i]!.updatedAt : (i: number) => rows[i]!.createdAt;
  return (i) => {
    const v = valueOf(i);
    if (from !== undefined && (fromInclusive ? v < from : v <= from)) return false;
    return to === undefined || (toInclusive ? v <= to : v < to);
  };
}
