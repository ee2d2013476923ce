import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../../../bench/seeded-random.js';
import { FACETS, FacetIndex, type Condition, type Facet, type FacetQuery, type FacetRow, type Filters } from './facet-index.js';

/**
 * The in-memory table against a plain reading of its contract, over random catalogs and
 * queries: every shortcut (per-value positions, counts a column at a time, totals of the
 * whole index, keys instead of ids) must give the answer a walk over every entry gives.
 */

const DEPARTMENTS = ['d1', 'd2', 'd3', 'd4'];
const DOMAINS = ['交通出行', '医疗卫生', '教育文化', ''];
const FORMATS = ['CSV', 'API', 'XLSX'];
const FREQUENCIES = ['daily', 'monthly', 'yearly'];
const TAGS = ['公交', '企业', '西湖区', '市级'];
const WORDS = ['公交', '站点', '统计', '企业'];

function catalog(n: number, rnd: ReturnType<typeof random>): FacetRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `e${String(i).padStart(4, '0')}`,
    title: `${rnd.pick(WORDS)}${rnd.next() < 0.5 ? rnd.pick(WORDS) : ''}信息${'长'.repeat(Math.floor(rnd.next() * 10))}`,
    departmentId: rnd.pick(DEPARTMENTS),
    departmentName: '',
    domain: rnd.pick(DOMAINS),
    openType: rnd.next() < 0.7 ? 'unconditional' : 'restricted',
    frequency: rnd.pick(FREQUENCIES),
    formats: FORMATS.filter(() => rnd.next() < 0.5),
    tags: TAGS.filter(() => rnd.next() < 0.3),
    updatedAt: `2026-0${1 + Math.floor(rnd.next() * 9)}-01T00:00:00Z`,
    createdAt: '2026-01-01T00:00:00Z',
    downloads: Math.floor(rnd.next() * 5),
    views: 0,
    dataResources: rnd.next() < 0.5 ? 1 : 0,
    // Keys are sparse and unordered, and some entries are not (yet) in the engine's index.
    searchKey: rnd.next() < 0.1 ? -1 : 3 * i + 7,
  }));
}

const valuesOf: Record<Facet, (r: FacetRow) => string[]> = {
  department: (r) => [r.departmentId],
  domain: (r) => [r.domain || '其他'],
  openType: (r) => [r.openType],
  format: (r) => r.formats,
  frequency: (r) => [r.frequency],
  tag: (r) => r.tags,
};

/** The contract, entry by entry: the result, and each facet counted under the other filters. */
function reference(rows: FacetRow[], q: FacetQuery, keep: (r: FacetRow) => boolean) {
  const matched = q.matches ? new Set(q.matches) : null;
  const passes = (r: FacetRow, except?: Facet) => (!matched || matched.has(r.searchKey)) && keep(r)
    && FACETS.every((f) => f === except || q.filters[f] === undefined || valuesOf[f](r).includes(q.filters[f]!));
  const counts = Object.fromEntries(FACETS.map((f) => {
    const count = new Map<string, number>();
    for (const r of rows) if (passes(r, f)) for (const v of valuesOf[f](r)) count.set(v, (count.get(v) ?? 0) + 1);
    return [f, count];
  })) as Record<Facet, Map<string, number>>;
  return { result: rows.filter((r) => passes(r)), counts };
}

describe('FacetIndex', () => {
  it('answers as a walk over every entry would, whichever path a query takes', () => {
    const rnd = random(12);
    const rows = catalog(400, rnd);
    const index = new FacetIndex(rows);
    const conditions: [Condition | undefined, (r: FacetRow) => boolean][] = [
      [undefined, () => true],
      [{ dataResources: { min: 1, max: Infinity } }, (r) => r.dataResources >= 1],
    ];
    for (let n = 0; n < 300; n++) {
      const filters: Filters = {};
      const count = Math.floor(rnd.next() * 3);
      for (let k = 0; k < count; k++) {
        const facet = rnd.pick(FACETS);
        filters[facet] = rnd.pick(rows.flatMap((r) => valuesOf[facet](r)).concat('no-such-value'));
      }
      const withWords = rnd.next() < 0.5;
      // Many matches (visited in position order) or few (in the engine's order).
      const share = rnd.next() < 0.5 ? 0.4 : 0.02;
      const matches = withWords ? Int32Array.from(rows.filter(() => rnd.next() < share).map((r) => r.searchKey).filter((k) => k >= 0).concat(99_999)) : null;
      const [condition, keep] = rnd.pick(conditions);
      const order = withWords && rnd.next() < 0.5
        ? [{ key: 'relevance' as const, desc: true }]
        : [{ key: rnd.pick(['updated', 'downloads'] as const), desc: rnd.next() < 0.5 }];
      const groups = [[[rnd.pick(WORDS)]]];
      const q: FacetQuery = { matches, groups, phrase: groups[0]![0]![0], filters, condition, order, offset: 0, limit: 1000 };

      const got = index.query(q);
      // A first page is the start of the whole ordered result (the page is chosen, not sorted).
      expect(index.query({ ...q, offset: 2, limit: 5 }).ids).toEqual(got.ids.slice(2, 7));
      const want = reference(rows, q, keep);
      expect(got.total).toBe(want.result.length);
      expect(new Set(got.ids)).toEqual(new Set(want.result.map((r) => r.id)));
      for (const f of FACETS) {
        for (const v of got.facets[f]) expect(v.count).toBe(want.counts[f].get(v.value) ?? 0);
        expect(got.facets[f].filter((v) => v.count > 0).length).toBe(want.counts[f].size);
      }
    }
  });

  it('ranks matches by their titles: a word in a short title first, the typed title above all', () => {
    const rows = catalog(50, random(3)).map((r, i) => ({ ...r, title: ['公交信息', '公交站点开放数据信息汇总', '企业名录', '公交站点'][i % 4]!, searchKey: i }));
    const index = new FacetIndex(rows);
    const bus = Int32Array.from(rows.filter((r) => r.title.includes('公交')).map((r) => r.searchKey));
    const page = (phrase: string, groups: string[][][]) => index.query({
      matches: bus, groups, phrase, filters: {}, order: [{ key: 'relevance', desc: true }], offset: 0, limit: 50,
    }).ids.map((id) => rows.find((r) => r.id === id)!.title);
    // 公交站点 typed: the exact title, then a title holding it, then one holding only 公交.
    const titles = page('公交站点', [[['公交站点'], ['公交', '站点']]]);
    const firstOf = (t: string) => titles.indexOf(t), lastOf = (t: string) => titles.lastIndexOf(t);
    expect(lastOf('公交站点')).toBeLessThan(firstOf('公交站点开放数据信息汇总'));
    expect(lastOf('公交站点开放数据信息汇总')).toBeLessThan(firstOf('公交信息'));
    expect(titles).not.toContain('企业名录');
    // 公交 typed: every title holds it, and the short ones come first.
    const short = page('公交', [[['公交']]]);
    expect(short.lastIndexOf('公交信息')).toBeLessThan(short.indexOf('公交站点开放数据信息汇总'));
  });
});
