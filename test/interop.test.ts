/**
 * Interoperability: the CKAN-compatible Action API (/api/3/action/*: CKAN's shapes, the
 * portal's policy) and the DCAT-AP catalog (JSON-LD, read back by a JSON-LD processor).
 */
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId, drainJobs, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
let publisher: Client;
let entryId: string;
let resourceId: string;
let draftId: string;
const TITLE = 'CKAN 兼容测试公交站点';

beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  const reviewer = await login(t.app, DEMO.authorityReviewer);
  entryId = await createEntry(t, publisher, { title: TITLE, tags: ['公交', '站点'] });
  const csv = ['站点名称,线路数,开通日期', ...Array.from({ length: 30 }, (_, i) => `站点${String(i + 1).padStart(2, '0')},${(i % 5) + 1},2020-01-${String((i % 28) + 1).padStart(2, '0')}`)].join('\n');
  const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('站点')}`, 'stations.csv', csv);
  resourceId = res.json().resourceId;
  await drainJobs(t);
  await submitForReview(t, publisher, entryId);
  await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  draftId = await createEntry(t, publisher, { title: 'CKAN 兼容测试草稿' });
});
afterAll(async () => { await t.close(); });

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('CKAN Action API', () => {
  it('answers the version and the site status in CKAN shapes', async () => {
    expect((await get('/api/3')).json()).toEqual({ version: 3 });
    const status = (await get('/api/3/action/status_show')).json();
    expect(status).toMatchObject({ success: true, result: { api_version: 3, ckan_version: '2.10' } });
    expect(status.help).toMatch(/\/api\/3\/action\/help_show\?name=status_show$/);
  });

  it('searches packages with q, fq, rows and start, with facets', async () => {
    const res = await get(`/api/3/action/package_search?q=${encodeURIComponent('CKAN 兼容测试')}&facet.field=${encodeURIComponent('["organization"]')}`);
    expect(res.statusCode, res.body).toBe(200);
    const { result } = res.json();
    expect(result.count).toBe(1);
    const pkg = result.results[0];
    expect(pkg).toMatchObject({
      id: entryId, name: entryId, title: TITLE, type: 'dataset', private: false, num_resources: 1,
      organization: { title: '杭州市交通运输局', is_organization: true }, tags: [{ name: '公交' }, { name: '站点' }],
    });
    expect(pkg.extras).toContainEqual({ key: 'open_type', value: 'unconditional' });
    expect(pkg.resources[0]).toMatchObject({ id: resourceId, format: 'CSV', datastore_active: true });
    expect(pkg.resources[0].url).toMatch(new RegExp(`^http://[^/]+/api/v1/resources/${resourceId}/download\\?format=csv$`));
    expect(result.search_facets.organization.items).toContainEqual(expect.objectContaining({ display_name: '杭州市交通运输局', count: 1 }));

    const department = await departmentId(t, '杭州市交通运输局');
    const first = (await get(`/api/3/action/package_search?fq=${encodeURIComponent(`organization:${department}`)}&rows=2`)).json().result;
    expect(first.results).toHaveLength(2);
    expect(first.results.every((p: { owner_org: string }) => p.owner_org === department)).toBe(true);
    const second = (await get(`/api/3/action/package_search?fq=${encodeURIComponent(`organization:${department}`)}&rows=2&start=2`)).json().result;
    expect(second.count).toBe(first.count);
    expect(second.results[0].id).not.toBe(first.results[0].id);
    expect((await get(`/api/3/action/package_search?fq=${encodeURIComponent('tags:"公交" res_format:CSV')}&q=${encodeURIComponent('CKAN 兼容测试')}`)).json().result.count).toBe(1);
    // rows=0: the count alone, as harvesters ask before paging.
    const counted = (await get('/api/3/action/package_search?rows=0')).json().result;
    expect(counted.count).toBeGreaterThan(100);
    expect(counted.results).toEqual([]);
  });

  it('takes POST with a JSON body as CKAN clients send it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/3/action/package_search', payload: { q: 'CKAN 兼容测试', rows: 5 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result.count).toBe(1);
  });

  it('refuses what it does not understand with a CKAN error, never passing it on', async () => {
    for (const [url, type, status] of [
      ['/api/3/action/package_search?fq=title:x%20OR%201=1', 'Validation Error', 409],
      ['/api/3/action/package_search?sort=popularity%20asc', 'Validation Error', 409],
      ['/api/3/action/package_show?id=does-not-exist', 'Not Found Error', 404],
      ['/api/3/action/package_create', 'Bad request - Action name not known', 400],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.json()).toMatchObject({ success: false, error: { __type: type } });
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('answers a wrong API token with an Authorization Error', async () => {
    const res = await get('/api/3/action/status_show', { authorization: 'sk_nosuchkey:wrong' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ success: false, error: { __type: 'Authorization Error', code: 'INVALID_API_KEY' } });
  });

  it('shows packages, organizations and resources the caller may read, and hides the rest', async () => {
    expect((await get(`/api/3/action/package_show?id=${entryId}`)).json().result.title).toBe(TITLE);
    const hidden = await get(`/api/3/action/package_show?id=${draftId}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.__type).toBe('Not Found Error');
    expect((await publisher.request({ method: 'GET', url: `/api/3/action/package_show?id=${draftId}` })).json().result.title).toBe('CKAN 兼容测试草稿');
    const ids = (await get('/api/3/action/package_list')).json().result as string[];
    expect(ids).toContain(entryId);
    expect(ids).not.toContain(draftId);

    const orgs = (await get(`/api/3/action/organization_list?all_fields=true&q=${encodeURIComponent('交通运输局')}`)).json().result;
    const transport = orgs.find((o: { title: string }) => o.title === '杭州市交通运输局');
    expect(transport).toMatchObject({ is_organization: true, name: transport.id });
    expect((await get(`/api/3/action/organization_show?id=${transport.id}`)).json().result.title).toBe('杭州市交通运输局');
    expect((await get(`/api/3/action/resource_show?id=${resourceId}`)).json().result).toMatchObject({ id: resourceId, package_id: entryId, datastore_active: true });
  });

  it('serves datastore_search under the same rules as the records API', async () => {
    const preview = (await get(`/api/3/action/datastore_search?resource_id=${resourceId}&limit=5`)).json();
    expect(preview.result).toMatchObject({ resource_id: resourceId, total: 30, limit: 5, offset: 0 });
    expect(preview.result.fields).toEqual([{ id: '_id', type: 'int' }, { id: '站点名称', type: 'text' }, { id: '线路数', type: 'int' }, { id: '开通日期', type: 'date' }]);
    expect(preview.result.records[0]).toEqual({ _id: 1, 站点名称: '站点01', 线路数: 1, 开通日期: '2020-01-01' });

    const visitor = await get(`/api/3/action/datastore_search?resource_id=${resourceId}`);
    expect(visitor.statusCode).toBe(403);
    expect(visitor.json().error.__type).toBe('Authorization Error');
    // A preview-sized page that filters is more than the preview: it would page through everything.
    const keyset = encodeURIComponent(JSON.stringify({ 站点名称: { gt: '站点05' } }));
    expect((await get(`/api/3/action/datastore_search?resource_id=${resourceId}&limit=5&filters=${keyset}`)).statusCode).toBe(403);
    const nested = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    const deep = await t.app.inject({
      method: 'POST', url: '/api/3/action/datastore_search', headers: { 'content-type': 'application/json' },
      payload: `{"resource_id":"${resourceId}","limit":5,"filters":{"站点名称":${nested}}}`,
    });
    expect(deep.statusCode, deep.body).toBe(409);
    expect(deep.json().error).toMatchObject({ __type: 'Validation Error', code: 'INVALID_QUERY' });
    const truncated = await t.app.inject({ method: 'POST', url: '/api/3/action/datastore_search', headers: { 'content-type': 'application/json' }, payload: `{"resource_id":"${resourceId}"` });
    expect(truncated.json().error).toMatchObject({ __type: 'Validation Error', code: 'VALIDATION_FAILED' });
    const unverified = await registerUser(t.app);
    expect((await unverified.request({ method: 'GET', url: `/api/3/action/datastore_search?resource_id=${resourceId}` })).json().error.code).toBe('VERIFICATION_REQUIRED');

    const user = await login(t.app, DEMO.verifiedUser);
    const { version } = (await user.request({ method: 'GET', url: '/api/v1/licence' })).json();
    await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } });
    const { key, secret } = (await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: 'ckanapi' } })).json();
    // CKAN clients send the token bare in Authorization.
    const token = { authorization: `${key}:${secret}` };
    const filters = encodeURIComponent(JSON.stringify({ 线路数: [2, 3] }));
    const page = (await get(`/api/3/action/datastore_search?resource_id=${resourceId}&filters=${filters}&sort=${encodeURIComponent('站点名称 desc')}&limit=4&offset=2&fields=${encodeURIComponent('站点名称,线路数')}`, token)).json().result;
    expect(page.total).toBe(12);
    expect(page.records).toEqual([{ 站点名称: '站点23', 线路数: 3 }, { 站点名称: '站点22', 线路数: 2 }, { 站点名称: '站点18', 线路数: 3 }, { 站点名称: '站点17', 线路数: 2 }]);
    expect(new URL(page._links.next, 'http://x').searchParams.get('offset')).toBe('6');
    expect(page._links.next).toMatch(/^\/api\/3\/action\/datastore_search\?/);
    const posted = await t.app.inject({
      method: 'POST', url: '/api/3/action/datastore_search', headers: token,
      payload: { resource_id: resourceId, filters: { 线路数: [2, 3] }, fields: ['站点名称', '线路数'], sort: '站点名称 desc', limit: 4, offset: 2 },
    });
    expect(posted.json().result.records).toEqual(page.records);
    expect((await get(`/api/3/action/datastore_search?resource_id=${resourceId}&filters=${encodeURIComponent('{"不存在":1}')}`, token)).json().error.__type).toBe('Validation Error');
  });
});

describe('DCAT-AP catalog', () => {
  const DCAT = 'http://www.w3.org/ns/dcat#';
  const DCT = 'http://purl.org/dc/terms/';

  it('describes the public catalog in JSON-LD that a processor reads as DCAT (test/dcat.test.ts reads every serialization)', async () => {
    const res = await get(`/api/v1/catalog/${entryId}.jsonld`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const nodes = await jsonld.expand(res.json()) as (Record<string, unknown[]> & { '@id': string })[];
    const ours = nodes.find((n) => (n['@type'] as string[] | undefined)?.includes(`${DCAT}Dataset`))!;
    expect(ours[`${DCT}identifier`]).toEqual([{ '@value': entryId }]);
    expect(ours[`${DCT}title`]).toEqual([{ '@value': TITLE, '@language': 'zh' }]);
    expect(ours[`${DCT}accrualPeriodicity`]).toEqual([{ '@id': 'http://publications.europa.eu/resource/authority/frequency/MONTHLY' }]);
    const [distribution] = ours[`${DCAT}distribution`] as { '@id': string }[];
    const described = nodes.find((n) => n['@id'] === distribution!['@id'])!;
    expect(described[`${DCAT}downloadURL`]).toEqual([{ '@id': expect.stringMatching(new RegExp(`/api/v1/resources/${resourceId}/download\\?format=csv$`)) }]);
    expect(described[`${DCT}format`]).toEqual([{ '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' }]);
    expect((await get(`/api/v1/catalog/${draftId}.jsonld`)).statusCode).toBe(404);
  });

  it('builds absolute links from the configured public origin, never from a Host header a client chose', async () => {
    const forged = { host: 'evil.example' };
    expect((await get('/api/v1/catalog.jsonld', forged)).body).toContain('http://evil.example/api/v1/catalog');
    t.ctx.config.publicUrl = 'https://data.example.gov.cn';
    try {
      const doc = (await get(`/api/v1/catalog/${entryId}.jsonld`, forged)).body;
      expect(doc).toContain('https://data.example.gov.cn/api/v1/resources/');
      expect(doc).not.toContain('evil.example');
      const pkg = (await get(`/api/3/action/package_show?id=${entryId}`, forged)).json();
      expect(pkg.help).toBe('https://data.example.gov.cn/api/3/action/help_show?name=package_show');
      expect(JSON.stringify(pkg)).not.toContain('evil.example');
    } finally {
      t.ctx.config.publicUrl = undefined;
    }
  });
});
