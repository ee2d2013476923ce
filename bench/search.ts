/**
 * Catalog search under a realistic load: 20,000 catalog entries by default (`--entries`) (the 3,571 real Hangzhou
 * entries plus variants of them for other districts and years, with some prohibited and
 * unpublished ones that must stay hidden), and a mix of Chinese queries with facet filters,
 * sorting and paging, sent one at a time through the real HTTP app. Runs on the engine
 * DATABASE_URL selects: SQLite in a temporary folder when unset, otherwise a fresh PostgreSQL
 * database on that server, dropped afterwards. Target: p95 ≤ 20 ms per search request.
 *
 * Run alone: `npx tsx bench/search.ts`; bench/run.ts calls benchSearch().
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import type { CatalogEntryTable, EntryStatus, OpenType } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { searchRoutes } from '../src/modules/search/routes.js';
import { SearchService } from '../src/modules/search/service.js';
import { seedDemoCatalog, stableUuid } from '../src/seed/catalog-demo.js';
import { CITY, classify, tagsOf } from '../src/seed/hangzhou-mapping.js';
import { seedIfEmpty } from '../src/seed/seed.js';
import { seededRandom as random } from './seeded-random.js';

const DEFAULT_ENTRIES = 20_000;
const WARMUP = 200;
const REQUESTS = 3_000;
const TARGET_P95_MS = 20;

const DISTRICTS = ['上城区', '拱墅区', '西湖区', '滨江区', '萧山区', '余杭区', '临平区', '钱塘区', '富阳区', '临安区', '桐庐县', '淳安县', '建德市'];
const SUFFIXES = ['', '', '（历史数据）', '（2021年）', '（2022年）', '（月度）', '统计', '汇总', '（新）'];
const WORDS = [
  '公交', '公交站点', '停车场', '停车泊位', '医院', '医疗机构', '学校', '幼儿园', '空气质量', '企业', '养老', '社保', '消防',
  '垃圾分类', '人口', '气象', '水质', '景区', '专利', '出租车', '行政许可', '行政处罚', '充电桩', '地铁', '药店', '疫苗接种',
  '房屋', '物业', '小区', '食品安全', '抽检', '农产品', '民宿', '旅游', '图书馆', '体育', '就业', '招聘', '补贴', '残疾人',
  '低保', '河道', '水位', '台风', '天气预报', '道路', '交通事故', '违法', '信用', '税务', '公积金', '统计', '街道', '社区',
  '志愿者', '电梯', '特种设备', '工地', '扬尘', '排水', '井盖', '公共自行车', '人才', '高新技术企业', '科技', '知识产权',
  '西湖区 停车场', '萧山区 企业', '滨江区 学校', '杭州市 公交站点', '余杭区 养老', '桐庐县 农产品', '水', '车', 'GPS',
  '区块链', '无人机', '2022年 统计', '信息',
];

/** Variants of the real entries (other districts, years) until the catalog has `total` entries. */
export async function addVariants(ctx: AppContext, total: number): Promise<void> {
  const { db } = ctx.database;
  const real = await db.selectFrom('catalog_entries').selectAll().orderBy('id').execute();
  const departments = await db.selectFrom('departments').select(['id', 'name']).orderBy('name').execute();
  const byName = new Map(departments.map((d) => [d.name, d.id]));
  const ofDistrict = new Map(DISTRICTS.map((d) => [d, departments.filter((x) => x.name.startsWith(d)).map((x) => x.id)]));
  const rnd = random(20_26);
  const rows: Insertable<CatalogEntryTable>[] = [];
  for (let n = 0; real.length + rows.length < total; n++) {
    const base = rnd.pick(real);
    const district = rnd.pick(DISTRICTS);
    const from = base.district === CITY ? '杭州市' : base.district;
    const title = (base.title.includes(from) ? base.title.replace(from, district) : district + base.title) + rnd.pick(SUFFIXES);
    const baseDepartment = departments.find((d) => d.id === base.department_id)!.name;
    const department = byName.get(baseDepartment.replace(from, district)) ?? rnd.pick(ofDistrict.get(district)!) ?? base.department_id;
    const r = rnd.next();
    const openType: OpenType = r < 0.04 ? 'prohibited' : r < 0.3 ? 'restricted' : 'unconditional';
    const s = rnd.next();
    const status: EntryStatus = s < 0.03 ? 'draft' : s < 0.05 ? 'submitted' : s < 0.07 ? 'withdrawn' : 'published';
    const updated = new Date(Date.UTC(2019, 0, 1) + rnd.next() * 6.5 * 365 * 86_400_000).toISOString();
    const { domain, keywords } = classify(title);
    rows.push({
      ...base,
      id: stableUuid(`bench:${n}`),
      title, department_id: department, district, domain, open_type: openType, status,
      open_conditions: openType === 'restricted' ? base.open_conditions || '须经审核并签订公共数据开放利用协议' : '',
      tags: JSON.stringify(tagsOf(district, keywords)),
      created_at: updated, updated_at: updated, published_at: status === 'published' ? updated : null,
      views: Math.floor(Math.exp(rnd.next() * 9)), downloads: Math.floor(Math.exp(rnd.next() * 8)), api_calls: 0,
    });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('catalog_entries').values(rows.slice(i, i + 500)).execute();
    await ctx.search.indexEntries(rows.map((row) => row.id), trx);
  });
}

/** The query string of one request of the mix. */
function requestMix(rnd: ReturnType<typeof random>, departments: string[]): Record<string, string> {
  const q: Record<string, string> = {};
  if (rnd.next() < 0.8) q.q = rnd.pick(WORDS);
  const filters = rnd.next();
  const facets = filters < 0.55 ? 0 : filters < 0.9 ? 1 : 2;
  for (let i = 0; i < facets; i++) {
    const facet = rnd.pick(['department', 'domain', 'openType', 'format', 'frequency', 'tag'] as const);
    q[facet] = {
      department: () => rnd.pick(departments),
      domain: () => rnd.pick(['交通出行', '医疗卫生', '教育文化', '经贸工商', '城建住房', '公共安全', '其他']),
      openType: () => rnd.pick(['unconditional', 'restricted']),
      format: () => rnd.pick(['CSV', 'API', 'XLSX']),
      frequency: () => rnd.pick(['daily', 'monthly', 'yearly', 'irregular']),
      tag: () => rnd.pick([...DISTRICTS, '市级', '公交', '企业']),
    }[facet]();
  }
  const sort = rnd.next();
  if (sort < 0.1) q.sort = 'updated';
  else if (sort < 0.2) q.sort = 'downloads';
  const page = rnd.next();
  q.page = String(page < 0.8 ? 1 : page < 0.95 ? 2 : 3 + Math.floor(rnd.next() * 3));
  q.pageSize = rnd.next() < 0.9 ? '20' : '50';
  return q;
}

/** Sends the request mix one request at a time through the real app; latency of each, in ms. */
async function measure(ctx: AppContext, departments: string[]) {
  const app = await buildApp(ctx);
  if (!app.hasRoute({ method: 'GET', url: '/api/v1/catalog' })) await searchRoutes(app, ctx);
  await app.ready();
  const rnd = random(7);
  const all: number[] = [];
  const byKind: Record<'words' | 'browse', number[]> = { words: [], browse: [] };
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const query = requestMix(rnd, departments);
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalog', query });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`search ${JSON.stringify(query)} answered ${res.statusCode}: ${res.body}`);
    if (i < WARMUP) continue;
    all.push(ms);
    byKind[query.q ? 'words' : 'browse'].push(ms);
  }
  await app.close();
  const p = (list: number[], n: number) => round(percentile([...list].sort((a, b) => a - b), n));
  return { p50: p(all, 50), p95: p(all, 95), p99: p(all, 99), max: p(all, 100), p95Words: p(byKind.words, 95), p95Browse: p(byKind.browse, 95) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

export async function benchSearch({ entries = DEFAULT_ENTRIES }: { entries?: number | undefined } = {}): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shukai-bench-search-'));
  const server = process.env.DATABASE_URL;
  const dbName = `shukai_bench_search_${randomBytes(4).toString('hex')}`;
  let databaseUrl: string | undefined;
  if (server) {
    await admin(server, `create database ${dbName}`);
    const url = new URL(server);
    url.pathname = `/${dbName}`;
    databaseUrl = url.href;
  }
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, SHUKAI_DEMO: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }));
  try {
    await seedIfEmpty(ctx);
    let started = performance.now();
    await seedDemoCatalog(ctx);
    const seedMs = performance.now() - started;
    started = performance.now();
    await addVariants(ctx, entries);
    const variantsMs = performance.now() - started;
    started = performance.now();
    const { indexed } = await ctx.search.reindexAll();
    const reindexMs = performance.now() - started;
    // The rebuild leaves every old row dead beside its new one; autovacuum clears them within
    // minutes of a real rebuild, and the searches measure the catalog at rest.
    if (databaseUrl) await admin(databaseUrl, 'vacuum analyze');

    const departments = (await ctx.database.db.selectFrom('departments').select('id').execute()).map((d) => d.id);
    // As deployed (recent engine answers kept), then with every request going to the engine.
    const cached = await measure(ctx, departments);
    const uncached = await measure({ ...ctx, search: new SearchService(ctx.database.db, ctx.database.adapter, { recentSearches: 0 }) }, departments);
    return {
      bench: 'search',
      engine: ctx.database.adapter.engine,
      entries,
      listed: indexed,
      requests: REQUESTS,
      // Every request answered by the engine: the conservative figure.
      p50Ms: uncached.p50,
      p95Ms: uncached.p95,
      p99Ms: uncached.p99,
      /** The 20 ms target over our p95 (higher is better): 1 or more meets it. */
      ratio: round(TARGET_P95_MS / uncached.p95),
      p95WithWordsMs: uncached.p95Words,
      p95BrowseMs: uncached.p95Browse,
      maxMs: uncached.max,
      // As deployed: the last 500 distinct searches' engine answers are reused until the index changes.
      cachedP50Ms: cached.p50,
      cachedP95Ms: cached.p95,
      cachedP99Ms: cached.p99,
      demoSeedMs: Math.round(seedMs),
      variantsMs: Math.round(variantsMs),
      reindexAllMs: Math.round(reindexMs),
    };
  } finally {
    await ctx.close();
    if (server) await admin(server, `drop database if exists ${dbName} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchSearch(), null, 2));
}
