/**
 * 目录采集: the authority harvests another portal's catalog — a second instance of this platform
 * through its CKAN Action API, and DCAT documents (Turtle, RDF/XML) paged with hydra — as entries
 * of a named department; later runs update what changed, leave the rest untouched, withdraw what
 * disappeared and restore what came back; a run that fails as a whole changes nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { departmentId, drainJobs } from './support/catalog.js';
import { TEST_ENGINE } from './support/database.js';

let local: TestApp;
let remote: TestApp;
let remoteUrl: string;
let admin: Client;
let departmentUnderTest: string;

/** The DCAT documents the local file server answers, by path; tests change them between runs. */
const files = new Map<string, { type: string; body: string }>();
let fileServer: Server;
let filesUrl: string;

beforeAll(async () => {
  [local, remote] = await Promise.all([startTestApp({ SHUKAI_SOURCE_HOSTS: '127.0.0.1' }), startTestApp()]);
  remoteUrl = await remote.app.listen({ port: 0, host: '127.0.0.1' });
  fileServer = createServer((req, res) => {
    const file = files.get(req.url ?? '');
    if (!file) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((r) => fileServer.listen(0, '127.0.0.1', r));
  filesUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;
  admin = await login(local.app, DEMO.admin);
  departmentUnderTest = await departmentId(local, '杭州市交通运输局');
}, 120_000);

afterAll(async () => {
  await new Promise<void>((r) => fileServer.close(() => r()));
  await Promise.all([local.close(), remote.close()]);
});

async function register(body: Record<string, unknown>) {
  return admin.request({ method: 'POST', url: '/api/v1/harvest/sources', payload: { departmentId: departmentUnderTest, ...body } });
}

/** Runs the source now and drives the job runner until it is done; answers the source as shown after. */
async function harvest(sourceId: string) {
  const res = await admin.request({ method: 'POST', url: `/api/v1/harvest/sources/${sourceId}/run` });
  expect(res.statusCode, res.body).toBe(202);
  await drainJobs(local);
  return (await admin.request({ method: 'GET', url: `/api/v1/harvest/sources/${sourceId}` })).json();
}

async function entriesOf(sourceId: string) {
  return local.ctx.database.db.selectFrom('harvest_records')
    .innerJoin('catalog_entries', 'catalog_entries.id', 'harvest_records.entry_id')
    .select(['harvest_records.remote_id', 'catalog_entries.id', 'catalog_entries.title', 'catalog_entries.status', 'catalog_entries.updated_at', 'catalog_entries.department_id'])
    .where('harvest_records.source_id', '=', sourceId).execute();
}

const searchTitles = async (q: string) =>
  (await local.app.inject({ method: 'GET', url: `/api/v1/catalog?q=${encodeURIComponent(q)}&pageSize=50` })).json().items.map((i: { title: string }) => i.title) as string[];

describe('harvesting a second instance of the platform through its CKAN API', () => {
  let sourceId: string;
  let remoteIds: string[];

  it('imports every public dataset, paging through all of it, as published entries of the named department', async () => {
    const registered = await register({ name: '第二平台', kind: 'ckan', url: remoteUrl });
    expect(registered.statusCode, registered.body).toBe(201);
    sourceId = registered.json().id;
    expect(registered.json()).toMatchObject({ status: 'active', schedule: '30 2 * * *', lastRun: null, department: { id: departmentUnderTest } });
    expect(Date.parse(registered.json().nextRunAt)).toBeGreaterThan(Date.now());

    const remoteCount = (await remote.app.inject({ method: 'GET', url: '/api/3/action/package_search?rows=0' })).json().result.count as number;
    expect(remoteCount).toBeGreaterThan(1000); // many pages of 100

    const shown = await harvest(sourceId);
    expect(shown.lastRun, JSON.stringify(shown.lastRun)).toMatchObject({
      status: 'succeeded', trigger: 'manual', counts: { created: remoteCount, updated: 0, withdrawn: 0, unchanged: 0, failed: 0 },
    });
    expect(shown.publishedEntries).toBe(remoteCount);
    const entries = await entriesOf(sourceId);
    expect(entries).toHaveLength(remoteCount);
    expect(new Set(entries.map((e) => e.department_id))).toEqual(new Set([departmentUnderTest]));
    remoteIds = entries.map((e) => e.remote_id).sort();
    expect(new Set(remoteIds).size).toBe(remoteCount);
  }, 300_000);

  it('shows a harvested entry with its source and remote page, searchable at once, and not editable by its department', async () => {
    const [remoteEntry] = (await remote.app.inject({ method: 'GET', url: '/api/3/action/package_search?rows=1&q=公交' })).json().result.results;
    const record = (await entriesOf(sourceId)).find((e) => e.remote_id === remoteEntry.id)!;
    const page = (await local.app.inject({ method: 'GET', url: `/api/v1/catalog/${record.id}` })).json();
    expect(page).toMatchObject({
      title: remoteEntry.title, status: 'published', openType: 'unconditional', sourceUrl: `${remoteUrl}/catalog/${remoteEntry.id}`,
      harvest: { source: { id: sourceId, name: '第二平台' } }, department: { id: departmentUnderTest },
    });
    expect(page.harvest.links.length).toBe(remoteEntry.resources.length);
    expect(await searchTitles(remoteEntry.title)).toContain(remoteEntry.title);

    const publisher = await login(local.app, DEMO.publisher);
    const edit = await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${record.id}`, payload: { title: '本地改名' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('HARVESTED_ENTRY');
  });

  it('updates the one changed, withdraws the one removed, leaves the rest untouched, and restores the one that comes back', async () => {
    const before = new Map((await entriesOf(sourceId)).map((e) => [e.remote_id, e]));
    const [changed, removed] = [remoteIds[10]!, remoteIds[20]!];
    const rdb = remote.ctx.database.db;
    await rdb.updateTable('catalog_entries').set({ title: '第二平台改过的标题', updated_at: new Date().toISOString() }).where('id', '=', changed).execute();
    await rdb.updateTable('catalog_entries').set({ status: 'withdrawn' }).where('id', '=', removed).execute();
    await remote.ctx.search.indexEntries([changed, removed]);

    const second = await harvest(sourceId);
    expect(second.lastRun.counts).toEqual({ created: 0, updated: 1, restored: 0, withdrawn: 1, unchanged: remoteIds.length - 2, failed: 0 });
    const after = new Map((await entriesOf(sourceId)).map((e) => [e.remote_id, e]));
    expect(after.get(changed)).toMatchObject({ title: '第二平台改过的标题', status: 'published' });
    expect(after.get(removed)!.status).toBe('withdrawn');
    // Unchanged entries are not touched at all.
    const untouched = remoteIds.filter((id) => id !== changed && id !== removed);
    expect(untouched.every((id) => after.get(id)!.updated_at === before.get(id)!.updated_at)).toBe(true);
    expect(await searchTitles('第二平台改过的标题')).toContain('第二平台改过的标题');
    const withdrawnPage = await local.app.inject({ method: 'GET', url: `/api/v1/catalog/${after.get(removed)!.id}` });
    expect(withdrawnPage.statusCode).toBe(404); // off the portal for the public

    await rdb.updateTable('catalog_entries').set({ status: 'published' }).where('id', '=', removed).execute();
    await remote.ctx.search.indexEntries([removed]);
    const third = await harvest(sourceId);
    expect(third.lastRun.counts).toMatchObject({ created: 0, updated: 0, restored: 1, withdrawn: 0, failed: 0 });
    const restored = (await entriesOf(sourceId)).find((e) => e.remote_id === removed)!;
    expect(restored).toMatchObject({ id: before.get(removed)!.id, status: 'published' });
    const history = (await local.app.inject({ method: 'GET', url: `/api/v1/catalog/${restored.id}/history` })).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['harvest', 'withdraw', 'harvest']);
  }, 300_000);

  it('records its runs as the platform\'s own actions in the audit log', async () => {
    const rows = await local.ctx.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'outcome']).where('target', '=', sourceId).where('action', '=', 'harvest.run').execute();
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.actor_id === null && r.outcome === 'success')).toBe(true);
    const withdrawals = await local.ctx.database.db.selectFrom('audit_log').select('target').where('action', '=', 'harvest.entry.withdraw').execute();
    expect(withdrawals).toHaveLength(1);
  });
});

const TURTLE_PAGE_1 = (base: string) => `
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .

<${base}/catalog.ttl> a dcat:Catalog ;
  dct:title "社会目录"@zh ;
  dcat:dataset <https://open.example.org/dataset/parking>, <https://open.example.org/dataset/xss> .

<https://open.example.org/dataset/parking> a dcat:Dataset ;
  dct:title "Parking lots"@en, "停车场泊位"@zh ;
  dct:description "全市公共停车场实时泊位"@zh ;
  dcat:keyword "停车"@zh, "交通"@zh ;
  dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/MONTHLY> ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
  dcat:landingPage <https://open.example.org/parking.html> ;
  dcat:contactPoint [ a vcard:Organization ; vcard:fn "停车数据联络人" ; vcard:hasEmail <mailto:parking@example.org> ] ;
  dcat:distribution [ a dcat:Distribution ; dct:title "泊位 CSV" ; dcat:downloadURL <https://open.example.org/parking.csv> ;
    dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ] ,
    [ a dcat:Distribution ; dct:title "恶意链接" ; dcat:accessURL <javascript:alert(1)> ] .

<https://open.example.org/dataset/xss> a dcat:Dataset ;
  dct:title "<script>alert('x')</script>事故数据"@zh ;
  dct:description "<img src=x onerror=alert(1)>"@zh ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/RESTRICTED> .

<${base}/catalog.ttl> hydra:view <${base}/catalog.ttl#view> .
<${base}/catalog.ttl#view> a hydra:PartialCollectionView ; hydra:next <${base}/catalog-2.ttl> .
`;

const TURTLE_PAGE_2 = `
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
[] a dcat:Dataset ; dct:identifier "bus-lines" ; dct:title "公交线路"@zh ;
  dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/DAILY> .
<https://open.example.org/dataset/untitled> a dcat:Dataset ; dct:description "没有标题的数据集"@zh .
`;

const RDF_XML = (next: string | null, datasets: [string, string][]) => `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
  xmlns:dct="http://purl.org/dc/terms/" xmlns:hydra="http://www.w3.org/ns/hydra/core#">
  <dcat:Catalog rdf:about="https://xml.example.org/catalog">
${datasets.map(([id, title]) => `    <dcat:dataset><dcat:Dataset rdf:about="https://xml.example.org/dataset/${id}"><dct:title xml:lang="zh">${title}</dct:title></dcat:Dataset></dcat:dataset>`).join('\n')}
  </dcat:Catalog>
${next ? `  <hydra:PagedCollection rdf:about="https://xml.example.org/catalog?page=1"><hydra:nextPage>${next}</hydra:nextPage></hydra:PagedCollection>` : ''}
</rdf:RDF>`;

describe('harvesting DCAT documents', () => {
  let turtleSource: string;

  it('reads a Turtle catalog and its hydra next page, mapping title, frequency, access, contact and links; one bad dataset fails alone', async () => {
    files.set('/catalog.ttl', { type: 'text/turtle', body: TURTLE_PAGE_1(filesUrl) });
    files.set('/catalog-2.ttl', { type: 'text/turtle; charset=utf-8', body: TURTLE_PAGE_2 });
    const res = await register({ name: '社会目录（Turtle）', kind: 'dcat', url: `${filesUrl}/catalog.ttl`, schedule: '0 4 * * 1' });
    expect(res.statusCode, res.body).toBe(201);
    turtleSource = res.json().id;
    const shown = await harvest(turtleSource);
    expect(shown.lastRun.counts).toEqual({ created: 3, updated: 0, restored: 0, withdrawn: 0, unchanged: 0, failed: 1 });
    expect(shown.lastRun).toMatchObject({ status: 'succeeded', message: '1 个数据集未能导入' });
    expect(shown.lastRun.errors).toEqual([{ remoteId: 'https://open.example.org/dataset/untitled', title: '', message: '来源记录没有标题' }]);

    const byRemote = new Map((await entriesOf(turtleSource)).map((e) => [e.remote_id, e]));
    expect([...byRemote.keys()].sort()).toEqual(['bus-lines', 'https://open.example.org/dataset/parking', 'https://open.example.org/dataset/xss']);
    const parking = (await admin.request({ method: 'GET', url: `/api/v1/catalog/${byRemote.get('https://open.example.org/dataset/parking')!.id}` })).json();
    expect(parking).toMatchObject({
      title: '停车场泊位', summary: '全市公共停车场实时泊位', updateFrequency: 'monthly', openType: 'unconditional', tags: ['停车', '交通'],
      contactName: '停车数据联络人', contactEmail: 'parking@example.org', sourceUrl: 'https://open.example.org/parking.html', dataFormat: 'CSV',
    });
    // The javascript: link is dropped; only http(s) links are kept.
    expect(parking.harvest.links).toEqual([{ name: '泊位 CSV', url: 'https://open.example.org/parking.csv', format: 'CSV' }]);
    const bus = (await admin.request({ method: 'GET', url: `/api/v1/catalog/${byRemote.get('bus-lines')!.id}` })).json();
    expect(bus).toMatchObject({ title: '公交线路', updateFrequency: 'daily' });
  });

  it('stores a title with markup as text, and a restricted dataset as 受限开放', async () => {
    const xss = (await entriesOf(turtleSource)).find((e) => e.remote_id.endsWith('/xss'))!;
    const page = (await admin.request({ method: 'GET', url: `/api/v1/catalog/${xss.id}` })).json();
    expect(page).toMatchObject({ title: "<script>alert('x')</script>事故数据", summary: '<img src=x onerror=alert(1)>', openType: 'restricted' });
    expect(page.openConditions).not.toBe('');
  });

  it('reads RDF/XML with hydra:nextPage, then updates, withdraws and leaves alone as the file changes', async () => {
    files.set('/catalog.rdf', { type: 'application/rdf+xml', body: RDF_XML(`${filesUrl}/catalog.rdf?page=2`, [['a', '甲数据集'], ['b', '乙数据集']]) });
    files.set('/catalog.rdf?page=2', { type: 'application/rdf+xml', body: RDF_XML(null, [['c', '丙数据集']]) });
    const res = await register({ name: '社会目录（RDF/XML）', kind: 'dcat', url: `${filesUrl}/catalog.rdf` });
    const id = res.json().id;
    expect((await harvest(id)).lastRun.counts).toMatchObject({ created: 3, failed: 0 });

    files.set('/catalog.rdf', { type: 'application/rdf+xml', body: RDF_XML(`${filesUrl}/catalog.rdf?page=2`, [['a', '甲数据集（修订）']]) });
    const second = await harvest(id);
    expect(second.lastRun.counts).toEqual({ created: 0, updated: 1, restored: 0, withdrawn: 1, unchanged: 1, failed: 0 });
    const entries = new Map((await entriesOf(id)).map((e) => [e.remote_id.split('/').pop(), e]));
    expect(entries.get('a')).toMatchObject({ title: '甲数据集（修订）', status: 'published' });
    expect(entries.get('b')!.status).toBe('withdrawn');
    expect(entries.get('c')!.status).toBe('published');
  });

  it('reads the second instance\'s DCAT-AP catalog in JSON-LD, following its hydra pages to the end', async () => {
    const remoteCount = (await remote.app.inject({ method: 'GET', url: '/api/3/action/package_search?rows=0' })).json().result.count as number;
    const registered = await register({ name: '第二平台（DCAT）', kind: 'dcat', url: `${remoteUrl}/api/v1/catalog.jsonld`, departmentId: await departmentId(local, '杭州市数据资源管理局') });
    expect(registered.statusCode, registered.body).toBe(201);
    const shown = await harvest(registered.json().id);
    expect(shown.lastRun.counts).toMatchObject({ created: remoteCount, failed: 0 });
    const [one] = await entriesOf(registered.json().id);
    expect(one!.remote_id).toBe(`${remoteUrl}/catalog/${one!.remote_id.split('/').pop()}`);
  }, 300_000);

  it('changes nothing when the source fails as a whole, records why in Chinese and tells the authority', async () => {
    const before = await entriesOf(turtleSource);
    const notices = async () => (await admin.request({ method: 'GET', url: '/api/v1/me/notifications?pageSize=100' })).json().items
      .filter((n: { title: string }) => n.title === '目录采集未完成：「社会目录（Turtle）」') as { body: string }[];
    const told = (await notices()).length;
    files.set('/catalog.ttl', { type: 'text/html', body: '<html><body>维护中</body></html>' });
    const failed = await harvest(turtleSource);
    expect(failed.lastRun.status).toBe('failed');
    expect(failed.lastRun.message).toMatch(/读取来源目录失败/);
    expect(await entriesOf(turtleSource)).toEqual(before);

    files.delete('/catalog.ttl');
    const missing = await harvest(turtleSource);
    expect(missing.lastRun).toMatchObject({ status: 'failed' });
    expect(missing.lastRun.message).toMatch(/HTTP 404/);
    expect(await entriesOf(turtleSource)).toEqual(before);

    const after = await notices();
    expect(after.length).toBe(told + 2);
    expect(after[0]!.body).toMatch(/^读取来源目录失败：来源返回的内容不是可识别的 CKAN 或 DCAT 目录：.*HTTP 404/);
  });
});

describe('sources that cannot be harvested', () => {
  it('refuses at registration a host the operator did not list, and a schedule more often than hourly', async () => {
    const unlisted = await register({ name: '外部站点', kind: 'ckan', url: 'https://data.example.gov.cn/' });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json().error.code).toBe('SOURCE_HOST_NOT_ALLOWED');
    const tooOften = await register({ name: '过密', kind: 'ckan', url: remoteUrl, schedule: '*/5 * * * *' });
    expect(tooOften.statusCode).toBe(400);
    expect(tooOften.json().error.field).toBe('schedule');
    const notCron = await register({ name: '乱写', kind: 'ckan', url: remoteUrl, schedule: 'every day' });
    expect(notCron.json().error.code).toBe('VALIDATION_FAILED');
    const withCredentials = await register({ name: '带密码', kind: 'ckan', url: `http://user:secret@127.0.0.1:9/` });
    expect(withCredentials.statusCode).toBe(400);
  });

  it('records an unreachable source and an answer that is not CKAN as failures that change nothing', async () => {
    const entriesBefore = await local.ctx.database.db.selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // Nothing listens on port 9.
    const down = (await register({ name: '无法访问', kind: 'ckan', url: 'http://127.0.0.1:9/' })).json().id;
    const unreachable = await harvest(down);
    expect(unreachable.lastRun).toMatchObject({ status: 'failed', counts: { created: 0, failed: 0 } });
    expect(unreachable.lastRun.message).toMatch(/数据源无法访问/);

    files.set('/not-ckan/api/3/action/package_search', { type: 'application/json', body: '{"hello":"world"}' });
    const wrong = (await register({ name: '不是 CKAN', kind: 'ckan', url: `${filesUrl}/not-ckan` })).json().id;
    const notCkan = await harvest(wrong);
    expect(notCkan.lastRun.status).toBe('failed');
    expect(notCkan.lastRun.message).toMatch(/不是可用的 CKAN 接口/);
    const entriesAfter = await local.ctx.database.db.selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(entriesAfter.n)).toBe(Number(entriesBefore.n));
  });
});

describe('a CKAN site whose records are not all datasets', () => {
  it('fails the odd records alone: a null, tags as a string, resources as an object, null items in lists', async () => {
    const page = (start: number, results: unknown[]) => files.set(`/odd-ckan/api/3/action/package_search?rows=100&start=${start}&sort=id+asc`, {
      type: 'application/json', body: JSON.stringify({ success: true, result: { count: 5, results } }),
    });
    page(0, [
      null,
      { id: 'odd-tags', title: '标签是字符串', tags: '公交' },
      { id: 'odd-resources', title: '资源是对象', resources: { url: 'http://127.0.0.1/x.csv' } },
      { id: 'odd-items', title: '列表里有空项', tags: [null, { name: '公交' }], groups: [null], extras: [null, { key: 'update_frequency', value: 'daily' }], resources: [null, { url: 'http://127.0.0.1/y.csv', format: 'CSV' }] },
      { id: 'plain', title: '普通数据集' },
    ]);
    page(100, []);
    const id = (await register({ name: '怪异 CKAN', kind: 'ckan', url: `${filesUrl}/odd-ckan` })).json().id;
    const shown = await harvest(id);
    expect(shown.lastRun, JSON.stringify(shown.lastRun)).toMatchObject({ status: 'succeeded', counts: { created: 4, failed: 1 } });
    expect(shown.lastRun.errors).toEqual([{ remoteId: '(无标识)', title: '', message: '来源记录不是数据集对象' }]);
    const entries = await entriesOf(id);
    expect(entries.map((e) => e.remote_id).sort()).toEqual(['odd-items', 'odd-resources', 'odd-tags', 'plain']);
    const items = (await local.app.inject({ method: 'GET', url: `/api/v1/catalog/${entries.find((e) => e.remote_id === 'odd-items')!.id}` })).json();
    expect(items).toMatchObject({ tags: ['公交'], updateFrequency: 'daily' });
  });
});

describe('managing harvest sources', () => {
  it('is the authority administrators\' alone', async () => {
    const publisher = await login(local.app, DEMO.publisher);
    const reviewer = await login(local.app, DEMO.authorityReviewer);
    expect((await local.app.inject({ method: 'GET', url: '/api/v1/harvest/sources' })).statusCode).toBe(401);
    expect((await publisher.request({ method: 'GET', url: '/api/v1/harvest/sources' })).statusCode).toBe(403);
    expect((await publisher.request({ method: 'POST', url: '/api/v1/harvest/sources', payload: { name: 'x', kind: 'ckan', url: remoteUrl, departmentId: departmentUnderTest } })).statusCode).toBe(403);
    expect((await reviewer.request({ method: 'GET', url: '/api/v1/harvest/sources' })).statusCode).toBe(403);
    const list = (await admin.request({ method: 'GET', url: '/api/v1/harvest/sources' })).json();
    expect(list.items.find((s: { name: string }) => s.name === '第二平台').lastRun.status).toBe('succeeded');
  });

  it('pauses and resumes the schedule, each once', async () => {
    const id = (await register({ name: '可暂停', kind: 'dcat', url: `${filesUrl}/catalog.rdf` })).json().id;
    const paused = await admin.request({ method: 'POST', url: `/api/v1/harvest/sources/${id}/pause` });
    expect(paused.json()).toMatchObject({ status: 'paused', nextRunAt: null });
    expect((await admin.request({ method: 'POST', url: `/api/v1/harvest/sources/${id}/pause` })).statusCode).toBe(409);
    const resumed = await admin.request({ method: 'POST', url: `/api/v1/harvest/sources/${id}/resume` });
    expect(resumed.json().status).toBe('active');
    expect(resumed.json().nextRunAt).not.toBeNull();
    const changed = await admin.request({ method: 'PATCH', url: `/api/v1/harvest/sources/${id}`, payload: { schedule: '15 1 * * *' } });
    expect(changed.json().schedule).toBe('15 1 * * *');
  });

  it('enqueues a due source once however many processes fire at the same minute', async () => {
    const id = (await register({ name: '按计划', kind: 'dcat', url: `${filesUrl}/catalog.rdf` })).json().id;
    const past = new Date(Date.now() - 60_000).toISOString();
    await local.ctx.database.db.updateTable('harvest_sources').set({ next_run_at: past }).where('id', '=', id).execute();
    const now = new Date();
    const enqueued = await Promise.all([0, 1, 2].map(() => local.ctx.database.unitOfWork.run(() => local.ctx.harvest.enqueueDue(now)).catch(() => 0)));
    expect(enqueued.reduce((a, b) => a + b, 0)).toBe(1);
    const jobs = await local.ctx.database.db.selectFrom('jobs').select(['id', 'payload']).where('dedupe_key', '=', `harvest:${id}`).execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ sourceId: id, trigger: 'schedule' });
    const source = (await admin.request({ method: 'GET', url: `/api/v1/harvest/sources/${id}` })).json();
    expect(Date.parse(source.nextRunAt)).toBeGreaterThan(now.getTime());
    await drainJobs(local);
  });

  it.runIf(TEST_ENGINE === 'postgres')('gives one job to two concurrent "run now"', async () => {
    const id = (await register({ name: '并发', kind: 'dcat', url: `${filesUrl}/catalog.rdf` })).json().id;
    const answers = await Promise.all([0, 1].map(() => admin.request({ method: 'POST', url: `/api/v1/harvest/sources/${id}/run` })));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202]);
    expect(answers[0]!.json().jobId).toBe(answers[1]!.json().jobId);
    await drainJobs(local);
  });

  it('on deletion withdraws the source\'s entries and hands them to the department', async () => {
    files.set('/to-delete.rdf', { type: 'application/rdf+xml', body: RDF_XML(null, [['d', '丁数据集'], ['e', '戊数据集']]) });
    const id = (await register({ name: '将删除', kind: 'dcat', url: `${filesUrl}/to-delete.rdf` })).json().id;
    await harvest(id);
    const entries = await entriesOf(id);
    expect(entries.length).toBeGreaterThan(0);
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/harvest/sources/${id}` })).statusCode).toBe(204);
    const rows = await local.ctx.database.db.selectFrom('catalog_entries').select(['status', 'harvest_source_id']).where('id', 'in', entries.map((e) => e.id)).execute();
    expect(rows.every((r) => r.status === 'withdrawn' && r.harvest_source_id === null)).toBe(true);
    expect((await admin.request({ method: 'GET', url: `/api/v1/harvest/sources/${id}` })).statusCode).toBe(404);
  });
});
