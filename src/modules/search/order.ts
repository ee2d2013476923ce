/**
 * Orders of the listed catalog: the terms an order is made of and each entry's rank by one
 * key, from which FacetIndex builds whole orders. Pure: no I/O.
 */
import type { FacetRow } from './facet-index.js';

/** What an order can be made of: the text score, or one of the entry's own values. */
export type OrderKey = 'relevance' | 'updated' | 'created' | 'downloads' | 'views' | 'id' | 'title';
export interface OrderTerm { key: OrderKey; desc: boolean }
/**
 * Terms applied in turn; entries still equal after them come with data first, then newer
 * first, then by id: a total order, so pages never overlap or skip.
 */
export type Order = readonly OrderTerm[];

/**
 * Each row's rank in ascending order of one key (equal values share a rank). Titles and ids
 * compare by code point, as a sort on a plain string field does: the same on every machine.
 */
export function rankOf(rows: readonly FacetRow[], key: Exclude<OrderKey, 'relevance'>): Int32Array {
  const compare: (a: FacetRow, b: FacetRow) => number = {
    updated: (a: FacetRow, b: FacetRow) => -compareUpdated(a, b),
    created: (a: FacetRow, b: FacetRow) => compareText(a.createdAt, b.createdAt),
    downloads: (a: FacetRow, b: FacetRow) => a.downloads - b.downloads,
    views: (a: FacetRow, b: FacetRow) => a.views - b.views,
    id: compareIds,
    title: (a: FacetRow, b: FacetRow) => compareText(a.title, b.title),
  }[key];
  const sorted = rows.map((_, i) => i).sort((a, b) => compare(rows[a]!, rows[b]!));
  const rank = new Int32Array(rows.length);
  sorted.forEach((i, n) => { rank[i] = n > 0 && compare(rows[sorted[n - 1]!]!, rows[i]!) === 0 ? rank[sorted[n - 1]!]! : n; });
  return rank;
}

/** Newer first. */
export function compareUpdated(a: FacetRow, b: FacetRow): number {
  return -compareText(a.updatedAt, b.updatedAt);
}

export function compareIds(a: FacetRow, b: FacetRow): number {
  return compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function orderSignature(order: Order): string {
  return order.map((t) => `${t.key} ${t.desc ? 'desc' : 'asc'}`).join(',');
}
