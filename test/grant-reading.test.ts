/**
 * 受限开放 data read through a grant (rules 二.3, 六.(五)): the grantee's key and session read
 * the granted data items only — records API, CKAN datastore_search, statistics, and downloads
 * when the agreed delivery is download; everyone else keeps 401/403. Suspension, revocation
 * and expiry apply to the next request, in another server process too. Every use is counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { chinaDate } from '../src/domain/calendar.js';
import { buildApp } from '../src/http/app.js';
import type { App } from '../src/http/app-instance.js';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { applicationAt, publishedRestrictedEntry, RESTRICTED_FIELDS, reviewers, verifiedCompany } from './support/applications.js';
import { TEST_ENGINE } from './support/database.js';

/** What applicationForm asks for: three of the entry's five data items. */
const GRANTED = ['企业名称', '统一社会信用代码', '注册资本'];

let t: TestApp;
let authority: Client;
let publisher: Client;
let entryId: string;
let resourceId: string;
let people: Awaited<ReturnType<typeof reviewers>>;
beforeAll(async () => {
  t = await startTestApp();
  [authority, publisher] = await Promise.all([login(t.app, DEMO.authorityReviewer), login(t.app, DEMO.publisher)]);
  ({ entryId, resourceId } = await publishedRestrictedEntry(t, publisher, authority));
  people = await reviewers(t);
});
afterAll(async () => { await t.close(); });

async function acceptLicence(client: Client): Promise<void> {
  const { version } = (await client.request({ method: 'GET', url: '/api/v1/licence' })).json();
  expect((await client.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } })).statusCode).toBe(200);
}

async function keyOf(client: Client): Promise<string> {
  const res = await client.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: '授权数据读取' } });
  expect(res.statusCode, res.body).toBe(201);
  const { key, secret } = res.json();
  return `${key}:${secret}`;
}

interface Grantee { client: Client; key: string; grantId: string }

/** A verified company with the licence accepted, an API key, and a grant of GRANTED by the given delivery. */
async function grantee(delivery: 'api' | 'download' = 'api', opts: { licence?: boolean } = {}): Promise<Grantee> {
  const client = await verifiedCompany(t, authority);
  if (opts.licence !== false) await acceptLicence(client);
  const applicationId = await applicationAt(client, entryId, 'granted', people, undefined, { delivery });
  const grants = (await client.request({ method: 'GET', url: '/api/v1/me/grants' })).json().items as { id: string; applicationId: string }[];
  return { client, key: await keyOf(client), grantId: grants.find((g) => g.applicationId === applicationId)!.id };
}

const withKey = (key: string, url: string, app: App = t.app) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
const records = (query = '') => `/api/v1/resources/${resourceId}/records${query}`;
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const ckan = (params: Record<string, string>) => `/api/3/action/datastore_search?${new URLSearchParams({ resource_id: resourceId, ...params })}`;
const download = (format = 'csv', extra = '') => `/api/v1/resources/${resourceId}/download?format=${format}${extra}`;

describe('a grantee reads the granted data items only', () => {
  it('through the records API, with the key and with the session', async () => {
    const g = await grantee();
    const page = await withKey(g.key, records(q({ limit: '100' })));
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().fields.map((f: { name: string }) => f.name)).toEqual(GRANTED);
    expect(page.json().total).toBe(3);
    for (const record of page.json().records) expect(Object.keys(record)).toEqual(GRANTED);
    expect(page.json().records[0]).toEqual({ 企业名称: '杭州甲科技有限公司', 统一社会信用代码: '91330100MA2XXXX001', 注册资本: 500 });
    expect(page.body).not.toContain('张三');
    expect(page.body).not.toContain('13900001111');

    // Filters, sorting and projections on granted data items work as for any data.
    const narrowed = await withKey(g.key, records(q({ fields: '企业名称,注册资本', filters: JSON.stringify({ 注册资本: { gte: 500 } }), sort: '注册资本 desc' })));
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    expect(narrowed.json().records).toEqual([{ 企业名称: '杭州乙物流有限公司', 注册资本: 1200 }, { 企业名称: '杭州甲科技有限公司', 注册资本: 500 }]);

    const session = await g.client.request({ method: 'GET', url: records(q({ limit: '50' })) });
    expect(session.statusCode, session.body).toBe(200);
    expect(Object.keys(session.json().records[0])).toEqual(GRANTED);
  });

  it('refuses a query naming a data item outside the grant, whichever parameter names it', async () => {
    const g = await grantee();
    const refusals = {
      fields: q({ fields: '企业名称,联系电话' }),
      filters: q({ filters: JSON.stringify({ 法定代表人: '张三' }) }),
      sort: q({ sort: '联系电话 desc' }),
    };
    for (const [param, query] of Object.entries(refusals)) {
      const res = await withKey(g.key, records(query));
      expect(res.statusCode, param).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', field: param });
      expect(res.json().error.message).toMatch(/数据项“(联系电话|法定代表人)”不在授权范围内/);
    }
    // A name the table does not have at all stays an unknown field.
    const unknown = await withKey(g.key, records(q({ fields: '不存在的数据项' })));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_FIELD');
    // Its list of the valid data items is the grantee's: the granted ones, no other.
    expect(unknown.json().error.message).toContain(`可用的数据项：${GRANTED.join('、')}`);
    expect(unknown.json().error.message).not.toMatch(/联系电话|法定代表人/);
    // Full-text search looks in the granted text fields only: a legal representative's name finds nothing.
    const byName = await withKey(g.key, records(q({ q: '张三' })));
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json()).toMatchObject({ total: 0, records: [] });
    expect((await withKey(g.key, records(q({ q: '物流' })))).json().records).toEqual([{ 企业名称: '杭州乙物流有限公司', 统一社会信用代码: '91330100MA2XXXX002', 注册资本: 1200 }]);
  });

  it('through CKAN datastore_search, with the token as CKAN clients send it', async () => {
    const g = await grantee();
    const res = await t.app.inject({ method: 'GET', url: ckan({ limit: '10' }), headers: { authorization: g.key } });
    expect(res.statusCode, res.body).toBe(200);
    const { result } = res.json();
    // CKAN's row number comes first; it is no data item, so the grant does not cover it.
    expect(result.fields.map((f: { id: string }) => f.id)).toEqual(['_id', ...GRANTED]);
    expect(result.total).toBe(3);
    for (const record of result.records) expect(Object.keys(record)).toEqual(['_id', ...GRANTED]);

    const posted = await t.app.inject({ method: 'POST', url: '/api/3/action/datastore_search', headers: { authorization: g.key }, payload: { resource_id: resourceId, filters: { 联系电话: '13900001111' } } });
    expect(posted.statusCode).toBe(403);
    expect(posted.json()).toMatchObject({ success: false, error: { __type: 'Authorization Error', code: 'FORBIDDEN' } });
    const fields = await t.app.inject({ method: 'GET', url: ckan({ fields: '法定代表人' }), headers: { authorization: g.key } });
    expect(fields.statusCode).toBe(403);
    // Nor may an ungranted data item order, de-duplicate or be searched (q as CKAN's dictionary): each would tell of its values.
    for (const params of [{ sort: '联系电话 desc' }, { distinct: 'true', fields: '联系电话' }, { q: JSON.stringify({ 法定代表人: '张三' }) }] as Record<string, string>[]) {
      const res = await t.app.inject({ method: 'GET', url: ckan(params), headers: { authorization: g.key } });
      expect(res.statusCode, `${JSON.stringify(params)} ${res.body}`).toBe(403);
      expect(res.body, JSON.stringify(params)).not.toContain('13900001111');
    }
  });

  it('downloads the granted data items when the agreed delivery is download, and not when it is the API', async () => {
    const byApi = await grantee('api');
    const refused = await withKey(byApi.key, download());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('DOWNLOAD_NOT_GRANTED');

    const g = await grantee('download');
    const csv = await withKey(g.key, download());
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(GRANTED.join(','));
    expect(lines.slice(1)).toEqual(['杭州甲科技有限公司,91330100MA2XXXX001,500', '杭州乙物流有限公司,91330100MA2XXXX002,1200', '杭州丙餐饮有限公司,91330100MA2XXXX003,80']);
    const titled = await withKey(g.key, download('csv', '&header=title'));
    expect(titled.body.split('\n')[0]).toBe(GRANTED.map((name) => RESTRICTED_FIELDS.find((f) => f.name === name)!.title).join(','));
    const json = await withKey(g.key, download('json'));
    expect(json.statusCode).toBe(200);
    for (const record of JSON.parse(json.body)) expect(Object.keys(record)).toEqual(GRANTED);
    for (const format of ['xml', 'xlsx']) expect((await withKey(g.key, download(format))).statusCode, format).toBe(200);
    expect((await withKey(g.key, download('xml'))).body).not.toContain('张三');
  });

  it('reads what all its grants in force open together, a newer narrower one hiding nothing', async () => {
    const g = await grantee('download');
    // A second application, for one item by the API, granted later.
    await applicationAt(g.client, entryId, 'granted', people, undefined, { fields: ['企业名称'], delivery: 'api' });
    const page = await withKey(g.key, records());
    expect(page.statusCode, page.body).toBe(200);
    expect(Object.keys(page.json().records[0]).filter((k) => k !== '_id')).toEqual(GRANTED);
    expect((await withKey(g.key, download())).statusCode).toBe(200);
  });

  it('sees the statistics of the granted data items only, and what it may do on the dataset page', async () => {
    const g = await grantee();
    const stats = await withKey(g.key, `/api/v1/resources/${resourceId}/stats`);
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().fields.map((f: { name: string }) => f.name)).toEqual(GRANTED);
    const access = await g.client.request({ method: 'GET', url: `/api/v1/catalog/${entryId}/access` });
    expect(access.json()).toEqual({ rows: 'allowed', download: 'DOWNLOAD_NOT_GRANTED', fields: GRANTED });
    // The data's department reads every data item, as before.
    const insider = await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/stats` });
    expect(insider.json().fields).toHaveLength(RESTRICTED_FIELDS.length);
    expect((await publisher.request({ method: 'GET', url: `/api/v1/catalog/${entryId}/access` })).json()).toEqual({ rows: 'allowed', download: 'allowed', fields: null });
  });

  it('still needs the portal’s data licence, which the agreement does not replace', async () => {
    const g = await grantee('api', { licence: false });
    const res = await withKey(g.key, records());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('LICENCE_REQUIRED');
    await acceptLicence(g.client);
    expect((await withKey(g.key, records())).statusCode).toBe(200);
  });
});

describe('everyone without a grant in force', () => {
  it('keeps being refused: a verified stranger, the unverified, a visitor', async () => {
    const stranger = await verifiedCompany(t, authority);
    await acceptLicence(stranger);
    const strangerKey = await keyOf(stranger);
    const unverified = await registerUser(t.app);
    const unverifiedKey = await keyOf(unverified);
    const urls = [records(q({ limit: '100' })), download(), `/api/v1/resources/${resourceId}/stats`];
    for (const url of urls) {
      expect((await withKey(strangerKey, url)).statusCode, url).toBe(403);
      expect((await stranger.request({ method: 'GET', url })).statusCode, url).toBe(403);
      expect((await withKey(unverifiedKey, url)).statusCode, url).toBe(403);
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    expect((await withKey(strangerKey, records())).json().error.code).toBe('FORBIDDEN');
    for (const auth of [{ authorization: strangerKey }, { authorization: unverifiedKey }, {}]) {
      const res = await t.app.inject({ method: 'GET', url: ckan({}), headers: auth });
      expect(res.statusCode).toBe(403);
      expect(res.json().success).toBe(false);
    }
    expect((await stranger.request({ method: 'GET', url: `/api/v1/catalog/${entryId}/access` })).json()).toEqual({ rows: 'FORBIDDEN', download: 'FORBIDDEN', fields: [] });
  });

  it('is refused from the next request once the grant is suspended, allowed again on resumption, and refused for good once revoked', async () => {
    const g = await grantee();
    const read = async () => (await withKey(g.key, records())).statusCode;
    expect(await read()).toBe(200);
    const suspended = await people.demand.request({ method: 'POST', url: `/api/v1/grants/${g.grantId}/suspend`, payload: { reason: '核查数据使用情况' } });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(await read()).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: ckan({}), headers: { authorization: g.key } })).statusCode).toBe(403);
    const resumed = await people.demand.request({ method: 'POST', url: `/api/v1/grants/${g.grantId}/resume` });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(await read()).toBe(200);
    const revoked = await authority.request({ method: 'POST', url: `/api/v1/grants/${g.grantId}/revoke`, payload: { reason: '超出约定用途使用数据' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await read()).toBe(403);
    expect((await g.client.request({ method: 'GET', url: records() })).statusCode).toBe(403);
  });

  it('is refused once the grant’s period has ended', async () => {
    const g = await grantee('download');
    expect((await withKey(g.key, records())).statusCode).toBe(200);
    await t.ctx.database.db.updateTable('grants').set({ starts_on: daysFromToday(-30), ends_on: daysFromToday(-1) }).where('id', '=', g.grantId).execute();
    expect((await withKey(g.key, records())).statusCode).toBe(403);
    expect((await withKey(g.key, download())).statusCode).toBe(403);
    const listed = (await g.client.request({ method: 'GET', url: '/api/v1/me/grants' })).json().items.find((i: { id: string }) => i.id === g.grantId);
    expect(listed.status).toBe('expired');
  });
});

describe('the use of a grant', () => {
  it('counts calls, rows returned and the last use, shown to the grantee and kept in the database', async () => {
    const g = await grantee('download');
    const mine = async () => (await g.client.request({ method: 'GET', url: '/api/v1/me/grants' })).json().items.find((i: { id: string }) => i.id === g.grantId);
    expect((await mine()).use).toEqual({ calls: 0, rows: 0, lastUsedAt: null });
    const before = new Date().toISOString();
    expect((await withKey(g.key, records(q({ limit: '2' })))).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: ckan({ limit: '10' }), headers: { authorization: g.key } })).statusCode).toBe(200);
    expect((await withKey(g.key, download())).statusCode).toBe(200);
    // A refused request is no use.
    expect((await withKey(g.key, records(q({ fields: '联系电话' })))).statusCode).toBe(403);
    const use = (await mine()).use;
    expect(use).toMatchObject({ calls: 3, rows: 2 + 3 + 3 });
    expect(use.lastUsedAt >= before).toBe(true);

    await t.ctx.grants.flushUse();
    const stored = await t.ctx.database.db.selectFrom('grants').select(['calls', 'rows_read', 'last_used_at']).where('id', '=', g.grantId).executeTakeFirstOrThrow();
    expect({ calls: Number(stored.calls), rows: Number(stored.rows_read), lastUsedAt: stored.last_used_at }).toEqual(use);
    expect((await mine()).use).toEqual(use);
    // The data's department sees the same figures.
    const staff = (await people.demand.request({ method: 'GET', url: `/api/v1/grants/${g.grantId}` })).json();
    expect(staff.use).toEqual(use);
  });
});

describe('another server process on the same database', () => {
  let elsewhere: AppContext;
  let otherApp: App;
  // A second context on SQLite would share the file; the cross-process promise is PostgreSQL's, like the change watch tests.
  beforeAll(async () => {
    if (TEST_ENGINE !== 'postgres') return;
    elsewhere = await createContext(loadConfig({ ...t.env, SHUKAI_RUN_JOBS: '0' }));
    otherApp = await buildApp(elsewhere);
  });
  afterAll(async () => {
    if (TEST_ENGINE !== 'postgres') return;
    await otherApp.close();
    await elsewhere.close();
  });

  it.runIf(TEST_ENGINE === 'postgres')('refuses the next read once the grant is revoked through this one', async () => {
    const g = await grantee();
    const there = await withKey(g.key, records(), otherApp);
    expect(there.statusCode, there.body).toBe(200);
    expect(there.json().fields.map((f: { name: string }) => f.name)).toEqual(GRANTED);
    expect((await withKey(g.key, records(), otherApp)).statusCode).toBe(200);
    const revoked = await people.demand.request({ method: 'POST', url: `/api/v1/grants/${g.grantId}/revoke`, payload: { reason: '协议终止' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const next = await withKey(g.key, records(), otherApp);
    expect(next.statusCode).toBe(403);
    expect((await otherApp.inject({ method: 'GET', url: ckan({}), headers: { authorization: g.key } })).statusCode).toBe(403);
  });
});

function daysFromToday(days: number): string {
  const date = new Date(`${chinaDate()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
