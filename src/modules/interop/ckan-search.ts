/**
 * CKAN's package_search parameters as a catalog search: `q` as it is (segmented the same way),
 * the Solr filter query `fq` as the facets it names, `sort` as one of the three orders. Only
 * the forms CKAN clients send for these are understood; anything else is refused, never
 * passed on as query syntax.
 */
import { AppError } from '../../domain/errors.js';
import type { SearchParams } from '../search/service.js';

/** fq field → search filter. */
const FILTERS = {
  organization: 'department', owner_org: 'department', tags: 'tag', res_format: 'format',
  open_type: 'openType', update_frequency: 'frequency', domain: 'domain', groups: 'domain',
} as const satisfies Record<string, keyof SearchParams>;

const SORTS: Record<string, SearchParams['sort']> = {
  'score desc': 'relevance', 'relevance': 'relevance',
  'metadata_modified desc': 'updated', 'updated': 'updated',
  'downloads desc': 'downloads', 'views_total desc': 'downloads', 'downloads': 'downloads',
};

/** `field:value` or `field:"quoted value"`, separated by spaces (or AND). */
const TERM = /^\+?([a-z_]+):(?:"([^"]*)"|(\S+))$/;

function filtersOf(fq: string): Partial<SearchParams> {
  const out: Record<string, string> = {};
  const terms = fq.match(/\+?[a-z_]+:(?:"[^"]*"|\S+)|\S+/g) ?? [];
  for (const term of terms) {
    if (term === 'AND') continue;
    const m = TERM.exec(term);
    const key = m?.[1] as keyof typeof FILTERS | undefined;
    if (!m || !key || !(key in FILTERS)) throw new AppError('INVALID_QUERY', 'fq', `无法识别的筛选条件“${term}”（支持 ${Object.keys(FILTERS).join('、')}）`);
    out[FILTERS[key]] = m[2] ?? m[3]!;
  }
  if (out.openType !== undefined && out.openType !== 'unconditional' && out.openType !== 'restricted') {
    throw new AppError('INVALID_QUERY', 'fq', 'open_type 只能是 unconditional 或 restricted');
  }
  return out as Partial<SearchParams>;
}

export function searchOf(q: string | undefined, fq: string | undefined, sort: string | undefined): SearchParams {
  const first = sort?.split(',')[0]?.trim().toLowerCase().replace(/\s+/g, ' ');
  const order = first ? SORTS[first] : undefined;
  if (first && !order) throw new AppError('INVALID_QUERY', 'sort', `不支持的排序“${sort}”（支持 score desc、metadata_modified desc、downloads desc）`);
  // "*:*" is Solr for everything.
  const words = q?.trim() === '*:*' ? undefined : q;
  return { q: words, sort: order, ...(fq?.trim() ? filtersOf(fq) : {}) };
}
