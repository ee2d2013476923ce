/**
 * CKAN's package_search parameters as a catalog search: `q` as words (segmented the same way),
 * or, when it is written as field:value clauses, as one more filter query; `fq` as a search
 * condition (ckan-fq.ts); `sort` as an order of several terms. Only what CKAN clients send for
 * these is understood; anything else is refused, never passed on as query syntax.
 */
import { AppError } from '../../domain/errors.js';
import type { Condition, Order, OrderKey } from '../search/facet-index.js';
import type { SearchParams } from '../search/service.js';
import { conditionOfFq } from './ckan-fq.js';

/** CKAN's own default, echoed in answers that asked for none. */
export const DEFAULT_SORT = 'score desc, metadata_modified desc';
const MAX_SORT_KEYS = 5;

/** Sort fields CKAN clients send → our order keys (a package's name is its id here). */
const SORT_FIELDS: Record<string, OrderKey> = {
  score: 'relevance', rank: 'relevance', relevance: 'relevance',
  id: 'id', name: 'id',
  title_string: 'title', title: 'title',
  metadata_modified: 'updated', updated: 'updated',
  metadata_created: 'created',
  views_recent: 'views', views_total: 'views',
  downloads: 'downloads',
};

function orderOf(sort: string): Order {
  const parts = sort.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length > MAX_SORT_KEYS) throw new AppError('INVALID_QUERY', 'sort', `最多按 ${MAX_SORT_KEYS} 个字段排序`);
  return parts.map((part) => {
    const m = /^([a-z_]+)(?:\s+(asc|desc))?$/i.exec(part);
    const key = m && SORT_FIELDS[m[1]!.toLowerCase()];
    if (!m || !key) throw new AppError('INVALID_QUERY', 'sort', `不支持的排序“${part.slice(0, 60)}”（支持 ${Object.keys(SORT_FIELDS).join('、')}，后跟 asc 或 desc）`);
    // Without a direction: a score is best first, anything else ascending (as Solr's default).
    const direction = m[2]?.toLowerCase() ?? (key === 'relevance' ? 'desc' : 'asc');
    return { key, desc: direction === 'desc' };
  });
}

/** `q` written as Lucene clauses (name:foo, tags:bar…) rather than words. */
function isClauses(q: string): boolean {
  return /^[\s(+\-!]*[A-Za-z_][A-Za-z0-9_]*:/.test(q) && q.trim() !== '*:*';
}

/** A refusal of clauses written in `q` names `q`, the parameter the caller sent, not `fq`. */
function asQ<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw err instanceof AppError && err.field === 'fq' ? new AppError(err.code, 'q', err.detail) : err;
  }
}

export function searchOf(q: string | undefined, fq: string | undefined, sort: string | undefined): SearchParams {
  const text = q?.trim();
  const conditions: Condition[] = [];
  if (text && isClauses(text)) conditions.push(asQ(() => conditionOfFq(text)));
  if (fq?.trim()) conditions.push(conditionOfFq(fq));
  // "*:*" is Solr for everything.
  const words = text && text !== '*:*' && !isClauses(text) ? text : undefined;
  return {
    q: words,
    // None asked: the portal's own order, which is CKAN's default with entries that have data
    // ahead of catalog-only ones between equal scores, before the newer-first tie-break.
    order: sort?.trim() ? orderOf(sort) : [{ key: 'relevance', desc: true }],
    condition: conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { all: conditions },
  };
}
