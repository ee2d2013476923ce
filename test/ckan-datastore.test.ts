/**
 * CKAN's datastore_search and datastore_info as CKAN clients read them: `_id` first and stable
 * across pages, limit=0, the limit clamped, records as objects, lists or CSV, distinct rows,
 * CKAN's sort; datastore_search_sql refused; and the portal's rules unchanged (the public
 * preview only for visitors, restricted rows only for grantees).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type TestApp } from './support/app.js';
import { publishedRestrictedEntry } from './support/applications.js';
import { createEntry, drainJobs, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
let resourceId: string;
let restrictedResourceId: string;
let token: Record<string, string>;
const CSV = ['站点名称,线路数,开通日期', ...Array.from({ length: 1500 }, (_, i) => `站点${String(i + 1).padStart(4, '0')},${(i % 5) + 1},2020-01-${String((i % 28) + 1).padStart(2, '0')}`)].join('\n');

beforeAll(async () => {
  t = await startTestApp();
  const publisher = await login(t.app, DEMO.publisher);
  const reviewer = await login(t.app, DEMO.authorityReviewer);
  const entryId = await createEntry(t, publisher, { title: '数据存储兼容测试站点' });
  resourceId = (await upload(publisher, `/api/v1/catalog/${entryId}/resources`, 'stations.csv', CSV)).json().resourceId;
  await drainJobs(t);
  await submitForReview(t, publisher, entryId);
  await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  restrictedResourceId = (await publishedRestrictedEntry(t, publisher, await login(t.app, DEMO.admin))).resourceId;

  const user = await login(t.app, DEMO.verifiedUser);
  const { version } = (await user.request({ method: 'GET', url: '/api/v1/licence' })).json();
  await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } });
  const { key, secret } = (await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: 'ckanapi' } })).json();
  token = { authorization: `${key}:${secret}` };
});
afterAll(async () => { await t.close(); });

const search = async (params: Record<string, string | number>, headers = token) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/action/datastore_search?${new URLSearchParams({ resource_id: resourceId, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`, headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json().result;
};

describe('datastore_search', () => {
  it('puts _id first in the fields and in every record, the same row number on every page and in any order', async () => {
    const first = await search({ limit: 10 });
    expect(first.fields[0]).toEqual({ id: '_id', type: 'int' });
    expect(first.fields.map((f: { id: string }) => f.id)).toEqual(['_id', '站点名称', '线路数', '开通日期']);
    expect(Object.keys(first.records[0])[0]).toBe('_id');
    const second = await search({ limit: 10, offset: 10 });
    expect([...first.records, ...second.records].map((r: { _id: number }) => r._id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const sorted = await search({ sort: '站点名称 desc', limit: 3 });
    expect(sorted.records[0]).toMatchObject({ _id: 1500, 站点名称: '站点1500' });
    expect((await search({ sort: '_id desc', limit: 1 })).records[0]._id).toBe(1500);
    expect((await search({ filters: JSON.stringify({ _id: 7 }) })).records).toEqual([{ _id: 7, 站点名称: '站点0007', 线路数: 2, 开通日期: '2020-01-07' }]);
    // Named fields are exactly those asked for, as in CKAN.
    expect((await search({ fields: '线路数', limit: 1 })).records).toEqual([{ 线路数: 1 }]);
  });

  it('answers limit=0 with the fields and the total only, and clamps a limit above the maximum', async () => {
    const none = await search({ limit: 0 });
    expect(none.records).toEqual([]);
    expect(none.total).toBe(1500);
    expect(none.fields).toHaveLength(4);
    const clamped = await search({ limit: 5000 });
    expect(clamped.limit).toBe(1000);
    expect(clamped.records).toHaveLength(1000);
    expect(clamped._links.next).toMatch(/offset=1000/);
    expect((await search({ include_total: 'false', limit: 1 })).total).toBeUndefined();
    expect((await search({ total_estimation_threshold: 100, limit: 1 })).total).toBe(1500);
  });

  it('takes q as CKAN\'s dictionary, each field searched for its text, by GET and POST', async () => {
    const byGet = await search({ q: JSON.stringify({ 站点名称: '站点014' }), sort: '_id' });
    expect(byGet.records.map((r: { 站点名称: string }) => r.站点名称)).toEqual(Array.from({ length: 10 }, (_, i) => `站点014${i}`));
    expect(byGet.total).toBe(10);
    const posted = await t.app.inject({ method: 'POST', url: '/api/action/datastore_search', headers: token, payload: { resource_id: resourceId, q: { 站点名称: '站点0007' }, filters: { 线路数: 2 } } });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().result.records).toEqual([{ _id: 7, 站点名称: '站点0007', 线路数: 2, 开通日期: '2020-01-07' }]);
    // A field the table does not have is refused as in filters, not searched as words and found nowhere.
    const unknown = await t.app.inject({ method: 'GET', url: `/api/action/datastore_search?resource_id=${resourceId}&q=${encodeURIComponent('{"名称":"站点"}')}`, headers: token });
    expect(unknown.json()).toMatchObject({ success: false, error: { code: 'UNKNOWN_FIELD' } });
    // Plain text that happens to start with a brace is still words.
    expect((await search({ q: '{站点' })).total).toBe(0);
  });

  it('gives records as lists or CSV, in the order of the fields', async () => {
    const lists = await search({ records_format: 'lists', limit: 2, sort: '线路数 desc, 站点名称' });
    expect(lists.records_format).toBe('lists');
    expect(lists.records).toEqual([[5, '站点0005', 5, '2020-01-05'], [10, '站点0010', 5, '2020-01-10']]);
    const csv = await search({ records_format: 'csv', limit: 2, offset: 1 });
    expect(csv.records).toBe('2,站点0002,2,2020-01-02\n3,站点0003,3,2020-01-03\n');
    const tsv = await search({ records_format: 'tsv', limit: 1, fields: '站点名称,线路数' });
    expect(tsv.records).toBe('站点0001\t1\n');
    expect((await t.app.inject({ method: 'GET', url: `/api/action/datastore_search?resource_id=${resourceId}&records_format=xml`, headers: token })).statusCode).toBe(409);
  });

  it('gives distinct rows of the fields asked for', async () => {
    const distinct = await search({ fields: '线路数', distinct: 'true', sort: '线路数 desc' });
    expect(distinct.records).toEqual([5, 4, 3, 2, 1].map((n) => ({ 线路数: n })));
    expect(distinct.total).toBe(5);
    const pairs = await search({ fields: '线路数,开通日期', distinct: 'True', limit: 3, offset: 1 });
    expect(pairs.total).toBe(140); // 5 × 28 combinations
    expect(pairs.records).toEqual([{ 线路数: 1, 开通日期: '2020-01-02' }, { 线路数: 1, 开通日期: '2020-01-03' }, { 线路数: 1, 开通日期: '2020-01-04' }]);
    const outside = await t.app.inject({ method: 'GET', url: `/api/action/datastore_search?resource_id=${resourceId}&fields=${encodeURIComponent('线路数')}&distinct=true&sort=${encodeURIComponent('站点名称')}`, headers: token });
    expect(outside.statusCode).toBe(409);
  });

  it('keeps the portal\'s rules: the preview for visitors, no distinct values past it, restricted rows only under a grant', async () => {
    const visitor = (url: string) => t.app.inject({ method: 'GET', url });
    expect((await visitor(`/api/action/datastore_search?resource_id=${resourceId}&limit=5`)).json().result.records).toHaveLength(5);
    expect((await visitor(`/api/action/datastore_search?resource_id=${resourceId}&limit=0`)).json().result.total).toBe(1500);
    for (const url of [
      `/api/action/datastore_search?resource_id=${resourceId}&limit=5&distinct=true&fields=${encodeURIComponent('开通日期')}`,
      `/api/action/datastore_search?resource_id=${resourceId}&limit=5000`,
      `/api/action/datastore_search?resource_id=${restrictedResourceId}&limit=0`,
      `/api/3/action/datastore_info?id=${restrictedResourceId}`,
    ]) {
      const res = await visitor(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.__type).toBe('Authorization Error');
    }
    // The verified user holds no grant on the restricted entry.
    expect((await t.app.inject({ method: 'GET', url: `/api/action/datastore_search?resource_id=${restrictedResourceId}&limit=1`, headers: token })).statusCode).toBe(403);
  });

  it('describes a table with datastore_info', async () => {
    const info = (await t.app.inject({ method: 'GET', url: `/api/action/datastore_info?id=${resourceId}` })).json().result;
    expect(info.meta).toMatchObject({ id: resourceId, count: 1500 });
    expect(info.fields.map((f: { id: string; type: string }) => [f.id, f.type])).toEqual([['站点名称', 'text'], ['线路数', 'int'], ['开通日期', 'date']]);
  });

  it('refuses datastore_search_sql with CKAN\'s authorization error, whoever asks', async () => {
    for (const headers of [{}, token]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/3/action/datastore_search_sql', headers, payload: { sql: `SELECT * FROM "${resourceId}"` } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ success: false, error: { __type: 'Authorization Error', message: expect.stringContaining('datastore_search') } });
    }
  });
});
