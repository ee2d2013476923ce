import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FACET_KEYS, type FacetKey } from './types';

export type SortKey = 'relevance' | 'updated' | 'downloads';

export interface CatalogQuery {
  q: string;
  filters: Partial<Record<FacetKey, string>>;
  /** Only entries with data behind them (有数据资源), not catalog-only ones. */
  hasData: boolean;
  /** Unset means the server's default: relevance with search words, otherwise updated. */
  sort: SortKey | undefined;
  page: number;
  pageSize: number;
}

const SORTS: readonly SortKey[] = ['relevance', 'updated', 'downloads'];
const PAGE_SIZES = [10, 20, 50];

function positive(text: string | null, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A change to the search: any of its parts, the filters merged with the current ones. */
export type CatalogChange = Partial<Omit<CatalogQuery, 'filters'>> & { filters?: Partial<Record<FacetKey, string | undefined>> };

/**
 * The catalog's search lives in the URL (/catalog?q=…&department=…&page=2), so a search can
 * be bookmarked, shared and revisited with the back button. An update with `replace` corrects
 * the address in place rather than adding a step to the back button.
 */
export function useCatalogQuery(): [CatalogQuery, (change: CatalogChange, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();

  const current = useMemo<CatalogQuery>(() => {
    const filters: Partial<Record<FacetKey, string>> = {};
    for (const key of FACET_KEYS) {
      const value = params.get(key);
      if (value) filters[key] = value;
    }
    const sort = params.get('sort') as SortKey | null;
    const pageSize = positive(params.get('pageSize'), 10);
    return {
      q: params.get('q') ?? '',
      filters,
      hasData: params.get('hasData') === 'true',
      sort: sort && SORTS.includes(sort) ? sort : undefined,
      page: positive(params.get('page'), 1),
      pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 10,
    };
  }, [params]);

  /** A new search or filter starts again at page one. */
  const update = useCallback((change: CatalogChange, options?: { replace?: boolean }) => {
    const next = { ...current, ...change, filters: { ...current.filters, ...change.filters } };
    if (change.q !== undefined || change.filters || change.hasData !== undefined || change.sort !== undefined || change.pageSize !== undefined) next.page = change.page ?? 1;
    const search = new URLSearchParams();
    if (next.q.trim()) search.set('q', next.q.trim());
    for (const key of FACET_KEYS) {
      const value = next.filters[key];
      if (value) search.set(key, value);
    }
    if (next.hasData) search.set('hasData', 'true');
    if (next.sort) search.set('sort', next.sort);
    if (next.page > 1) search.set('page', String(next.page));
    if (next.pageSize !== 10) search.set('pageSize', String(next.pageSize));
    setParams(search, options);
  }, [current, setParams]);

  return [current, update];
}
