/**
 * Catalog search through the real HTTP app, on the Hangzhou demo catalog plus a few entries
 * of every status and open type made here. Runs on SQLite (`npm test`) and PostgreSQL
 * (`npm run test:pg`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insertable } from 'kysely';
import type { CatalogEntryTable, EntryStatus, OpenType } from '../src/db/schema.js';
import { seedDemoCatalog, stableUuid } from '../src/seed/catalog-demo.js';
import { startTestApp, type TestApp } from './support/app.js';

let t: TestApp;
let testDepartment: string;
const made: Record<string, string> = {};

interface Item { id: string; title: string; summary: string; openType: string; department: { id: string; name: string }; updatedAt: string; downloads: number }
interface FacetValue { value: string; label: string; count: number }
interface Result { total: number; items: Item[]; facets: Record<'department' | 'domain' | 'openType' | 'format' | 'frequency' | 'tag', FacetValue[]> }

async function search(query: Record<string, string | number> = {}): Promise<Result> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog', query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const count = (facet: FacetValue[], value: string) => facet.find((v) => v.value === value)?.count ?? 0;
const sum = (facet: FacetValue[]) => facet.reduce((n, v) => n + v.count, 0);

/** An entry of the test department, written straight to the table as the catalog service would. */
async function makeEntry(key: string, title: string, status: EntryStatus, openType: OpenType, extra: Partial<Insertable<CatalogEntryTable>> = {}) {
  const id = stableUuid(`search-test:${key}`);
  const now = new Date().toISOString();
  await t.ctx.database.db.insertInto('catalog_entries').values({
    id, title, summary: '搜索测试用目录', department_id: testDepartment, open_type: openType,
    open_conditions: openType === 'restricted' ? '须签订协议' : '', data_format: 'CSV', update_frequency: 'monthly',
    domain: '交通出行', national_theme: '', district: '杭州市', tags: '["搜索测试"]', fields: '[{"name":"dm","title":"站点编码"}]',
    access_methods: '["data"]', licence: '测试', contact_name: '测试', contact_phone: '0571-88888888', contact_email: 't@example.cn',
    source_url: null, status, created_by: null, created_at: now, updated_at: now,
    published_at: status === 'published' ? now : null, last_data_update: null, next_update_due: null, ...extra,
  }).execute();
  // What the catalog service does after every change: the search module decides what is listed.
  await t.ctx.search.indexEntry(id);
  made[key] = id;
}

beforeAll(async () => {
  t = await startTestApp();
  const { db } = t.ctx.database;
  const demo = await db.selectFrom('catalog_entries').select('id').where('source_url', 'like', 'https://data.hangzhou.gov.cn/%').limit(1).execute();
  if (demo.length === 0) await seedDemoCatalog(t.ctx);
  testDepartment = (await t.ctx.departments.create({
    name: '搜索测试局', responsibleUnit: '办公室', contactPerson: '测试', contactPhone: '0571-88888888', contactEmail: 't@example.cn',
  })).id;
  await makeEntry('open', '琮璜公交站点开放数据', 'published', 'unconditional', { downloads: 900_001 });
  await makeEntry('restricted', '琮璜公交站点受限数据', 'published', 'restricted', { downloads: 900_000 });
  await makeEntry('prohibited', '琮璜公交站点禁止开放数据 玳瑁 zqprohibited', 'published', 'prohibited', { downloads: 999_999 });
  await makeEntry('draft', '琮璜草稿数据 玳瑁 zqdraft', 'draft', 'unconditional');
  await makeEntry('submitted', '琮璜待审数据 玳瑁 zqsubmitted', 'submitted', 'unconditional');
  await makeEntry('withdrawn', '琮璜撤回数据 玳瑁 zqwithdrawn', 'withdrawn', 'unconditional');
  await makeEntry('rejected', '琮璜驳回数据 玳瑁 zqrejected', 'rejected', 'unconditional');
  // A stale index must not leak either: force the prohibited entry's document into it.
  await t.ctx.database.adapter.catalogSearch.upsert(t.ctx.database.db as never, [{ entryId: made.prohibited!, title: '玳瑁', body: '玳瑁' }]);
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/catalog', () => {
  it('finds 公交 inside longer words: 公交站点, 杭州公交站点客流量, 公交线路', async () => {
    const r = await search({ q: '公交', pageSize: 100 });
    const titles = r.items.map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['公交站点信息', '杭州公交站点客流量信息', '公交线路信息', '琮璜公交站点开放数据']));
    expect(r.total).toBe(r.items.length);
    // 公交 is a word there; in 办公交流 it would not be.
    for (const item of r.items) expect(`${item.title}${item.summary}`.includes('公交') || item.department.name.includes('公交')).toBe(true);
  });

  it('matches one Han character anywhere, and a word only as a word', async () => {
    const water = await search({ q: '水', pageSize: 100 });
    expect(water.total).toBeGreaterThan((await search({ q: '水质' })).total);
    expect(water.items.some((i) => i.title.includes('污水'))).toBe(true);
    const bus = await search({ q: '公交', pageSize: 100 });
    expect(bus.items.some((i) => i.title.includes('办公'))).toBe(false);
  });

  it('ranks title matches above body-only matches', async () => {
    const r = await search({ q: '公交', pageSize: 100 });
    const inTitle = r.items.map((i) => i.title.includes('公交'));
    expect(inTitle.filter((x) => !x).length).toBeGreaterThan(0); // e.g. 充电桩, found by its summary
    expect(inTitle.lastIndexOf(true)).toBeLessThan(inTitle.indexOf(false));
  });

  it('puts the entry whose title is exactly the search text first', async () => {
    // Without the phrase boost, 杭州公交站点客流量信息 outranks the demo data set 杭州公交站点信息.
    const r = await search({ q: '杭州公交站点信息' });
    expect(r.items[0]!.title).toBe('杭州公交站点信息');
    const phrase = await search({ q: '公交站点', pageSize: 100 });
    const holds = phrase.items.map((i) => i.title.includes('公交站点'));
    expect(holds.lastIndexOf(true)).toBeLessThan(holds.indexOf(false) === -1 ? Infinity : holds.indexOf(false));
  });

  it('counts facets over the result, each facet applying the other filters', async () => {
    const all = await search({ q: '公交', pageSize: 100 });
    for (const facet of Object.values(all.facets).filter((f) => f !== all.facets.tag && f !== all.facets.format)) expect(sum(facet)).toBe(all.total);
    const byDepartment = new Map<string, number>();
    for (const i of all.items) byDepartment.set(i.department.id, (byDepartment.get(i.department.id) ?? 0) + 1);
    for (const v of all.facets.department) expect(v.count).toBe(byDepartment.get(v.value));
    expect(count(all.facets.department, testDepartment)).toBe(2);
    expect(all.facets.department.find((v) => v.value === testDepartment)?.label).toBe('搜索测试局');

    const restricted = await search({ q: '公交', openType: 'restricted', pageSize: 100 });
    expect(restricted.total).toBe(count(all.facets.openType, 'restricted'));
    expect(restricted.items.every((i) => i.openType === 'restricted')).toBe(true);
    // The openType facet ignores its own filter, so the alternative stays visible …
    expect(restricted.facets.openType).toEqual(all.facets.openType);
    // … while the other facets count only restricted entries.
    expect(sum(restricted.facets.department)).toBe(restricted.total);
    expect(sum(restricted.facets.domain)).toBe(restricted.total);

    const transport = await search({ q: '公交', domain: '交通出行', openType: 'unconditional', pageSize: 100 });
    expect(transport.items.every((i) => i.openType === 'unconditional')).toBe(true);
    expect(sum(transport.facets.openType)).toBe(count(all.facets.domain, '交通出行'));
    expect(count(transport.facets.domain, '交通出行')).toBe(transport.total);
  });

  it('filters by department, format, frequency and tag', async () => {
    const mine = await search({ department: testDepartment });
    expect(mine.items.map((i) => i.title).sort()).toEqual(['琮璜公交站点受限数据', '琮璜公交站点开放数据']);
    expect(mine.total).toBe(2);
    const none = await search({ department: 'no-such-department' });
    expect(none.total).toBe(0);
    expect(sum(none.facets.department)).toBeGreaterThan(3000); // the alternatives
    const api = await search({ format: 'api', q: '公交' });
    const csv = await search({ format: 'CSV', q: '公交' });
    expect(api.total).toBeGreaterThan(0);
    expect(api.total).toBe(count(csv.facets.format, 'API'));
    const daily = await search({ frequency: 'daily' });
    expect(daily.total).toBe(count(daily.facets.frequency, 'daily'));
    const tagged = await search({ tag: '搜索测试' });
    expect(tagged.total).toBe(2);
  });

  it('pages and bounds the page size', async () => {
    const first = await search({ q: '公交', pageSize: 5, page: 1 });
    const second = await search({ q: '公交', pageSize: 5, page: 2 });
    expect(first.items).toHaveLength(5);
    expect(second.total).toBe(first.total);
    expect(second.items.map((i) => i.id).filter((id) => first.items.some((i) => i.id === id))).toEqual([]);
    const whole = await search({ q: '公交', pageSize: 10 });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(whole.items.map((i) => i.id));
    expect((await search({ q: '公交', page: 999 })).items).toEqual([]);
    const newest = (await search({ q: '公交', sort: 'updated', pageSize: 100 })).items.map((i) => i.updatedAt);
    expect(newest).toEqual([...newest].sort().reverse());
    const tooBig = await t.app.inject({ method: 'GET', url: '/api/v1/catalog?pageSize=101' });
    expect(tooBig.statusCode).toBe(400);
  });

  it('lists everything by last update when there are no search words, or by downloads', async () => {
    const { db } = t.ctx.database;
    const listed = await db.selectFrom('catalog_entries').select(({ fn }) => fn.countAll<number>().as('n'))
      .where('status', '=', 'published').where('open_type', 'in', ['unconditional', 'restricted']).executeTakeFirstOrThrow();
    const r = await search({ pageSize: 50 });
    expect(r.total).toBe(Number(listed.n));
    expect(r.total).toBeGreaterThan(3500);
    const dates = r.items.map((i) => i.updatedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const popular = await search({ sort: 'downloads', pageSize: 2 });
    expect(popular.items.map((i) => i.id)).toEqual([made.open, made.restricted]);
  });

  it('never shows prohibited, draft, submitted, withdrawn or rejected entries, nor counts them', async () => {
    for (const q of ['玳瑁', '琮璜 禁止', 'zqprohibited', 'zqdraft', 'zqsubmitted', 'zqwithdrawn', 'zqrejected', '琮璜 草稿']) {
      const r = await search({ q });
      expect(r.total, q).toBe(0);
      expect(r.items).toEqual([]);
    }
    const r = await search({ q: '琮璜' });
    expect(r.total).toBe(2);
    expect(r.facets.openType.map((v) => v.value).sort()).toEqual(['restricted', 'unconditional']);
    const all = await search();
    expect(all.facets.openType.some((v) => v.value === 'prohibited')).toBe(false);
    expect(count(all.facets.department, testDepartment)).toBe(2);
    expect(sum(all.facets.openType)).toBe(all.total);
    const asked = await t.app.inject({ method: 'GET', url: '/api/v1/catalog?openType=prohibited' });
    expect(asked.statusCode).toBe(400);
  });

  it('follows changes: a withdrawn entry leaves results and counts at once', async () => {
    const { db } = t.ctx.database;
    await db.updateTable('catalog_entries').set({ title: '琮璜公交站点开放数据 砗磲' }).where('id', '=', made.open!).execute();
    await t.ctx.search.indexEntry(made.open!);
    expect((await search({ q: '砗磲' })).items.map((i) => i.id)).toEqual([made.open]);
    await db.updateTable('catalog_entries').set({ status: 'withdrawn' }).where('id', '=', made.open!).execute();
    await t.ctx.search.indexEntry(made.open!);
    expect((await search({ q: '砗磲' })).total).toBe(0);
    expect((await search({ department: testDepartment })).total).toBe(1);
    await db.updateTable('catalog_entries').set({ status: 'published' }).where('id', '=', made.open!).execute();
    await t.ctx.search.indexEntry(made.open!);
    expect((await search({ department: testDepartment })).total).toBe(2);
  });

  it('treats query syntax as text: no injection, no server error', async () => {
    const attempts = ['"', '*', 'OR', 'NEAR(', 'NEAR(公交 站点)', '\'; drop table catalog_entries; --', '公交" OR "a', 'title:公交', '-公交',
      '公交*', '(', ')', '\\', '公交 & | ! <->', "公交' | '医院", '{title}:公交', '^公交', '公交 AND', '  ', '%_'];
    for (const q of attempts) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog', query: { q } });
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
      expect(res.json().total).toBeGreaterThanOrEqual(0);
    }
    expect((await search({ q: '公交*' })).total).toBe((await search({ q: '公交' })).total);
    expect((await search()).total).toBeGreaterThan(3500); // the table is still there
  });

  it('is open to visitors and rejects unknown parameters values', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog?sort=nonsense' });
    expect(res.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalog?frequency=hourly' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalog?frequency=daily' })).statusCode).toBe(200);
  });
});
