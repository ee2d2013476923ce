/**
 * Values that pass the request schemas and the NUL guard but not the database: a cursor or a
 * filter decoded from base64url or JSON escapes, a file name in a multipart header. Every engine
 * answers them with a coded 400 (CKAN: its Validation Error) and keeps nothing of the request.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, drainJobs, STATION_FIELDS, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
let publisher: Client;
let reader: Client;
let entryId: string;
let resourceId: string;

const FIELDS = [...STATION_FIELDS, { name: '评分', title: '评分', type: 'number' }, { name: '无障碍', title: '无障碍', type: 'boolean' }];
const ROWS = '站点名称,线路数,开通日期,评分,无障碍\n文一路口,5,2019-05-01,4.5,是\n学院路口,3,2020-01-15,3.5,否\n古荡,7,2021-03-03,4,是\n';

beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  entryId = await createEntry(t, publisher, { title: '异常取值测试', fields: FIELDS });
  const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources`, 'stations.csv', ROWS);
  resourceId = res.json().resourceId;
  await drainJobs(t);
  await submitForReview(t, publisher, entryId);
  await (await login(t.app, DEMO.authorityReviewer)).request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  reader = await login(t.app, DEMO.verifiedUser);
  await reader.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version: 1 } });
});
afterAll(async () => { await t.close(); });

const records = (query: Record<string, string>) => reader.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records?${new URLSearchParams(query)}` });

/** A real cursor of a sorted page with its sort values replaced, as a client could forge it. */
async function forgedCursor(sort: string, values: unknown[]): Promise<string> {
  const page = (await records({ sort, limit: '1' })).json();
  const cursor = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString('utf8'));
  return Buffer.from(JSON.stringify({ ...cursor, v: values })).toString('base64url');
}

describe('values that pass the checks but not the database', () => {
  it('refuses a cursor whose value its sort field cannot hold', async () => {
    const forged: [string, unknown][] = [
      ['线路数', 1e308], ['线路数', 9.9e20], ['线路数', -1.5], ['无障碍', 0.5], ['无障碍', 7],
      ['站点名称', 'a\u0000b'], ['开通日期', '2019\u0000'],
    ];
    for (const [sort, value] of forged) {
      const res = await records({ sort, cursor: await forgedCursor(sort, [value]) });
      expect(res.statusCode, `${sort} ${value}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_CURSOR', field: 'cursor' });
    }
    // JSON has no Infinity, but 1e999 parses as one.
    const page = (await records({ sort: '评分', limit: '1' })).json();
    const infinite = Buffer.from(Buffer.from(page.nextCursor, 'base64url').toString('utf8').replace(/"v":\[[^\]]*\]/, '"v":[1e999]')).toString('base64url');
    expect((await records({ sort: '评分', cursor: infinite })).json().error?.code).toBe('BAD_CURSOR');
    // The forgery's honest twin still pages.
    const honest = await records({ sort: '线路数', cursor: await forgedCursor('线路数', [5]) });
    expect(honest.json().records.map((r: { 线路数: number }) => r.线路数)).toEqual([7]);
  });

  it('refuses a NUL written as a JSON escape inside filters, in the records API and in datastore_search', async () => {
    for (const filters of ['{"站点名称":"a\\u0000"}', '{"站点名称":["x","\\u0000"]}', '{"站点名称":{"like":"\\u0000"}}', '{"开通日期":{"gte":"2019\\u0000"}}']) {
      const res = await records({ filters });
      expect(res.statusCode, filters).toBe(400);
      expect(res.json().error, filters).toMatchObject({ code: 'INVALID_QUERY', field: 'filters' });
      const ckan = await reader.request({ method: 'GET', url: `/api/3/action/datastore_search?${new URLSearchParams({ resource_id: resourceId, filters })}` });
      expect(ckan.statusCode, filters).toBe(409);
      expect(ckan.json()).toMatchObject({ success: false, error: { __type: 'Validation Error', code: 'INVALID_QUERY' } });
    }
  });

  it('refuses a NUL in an uploaded file name, leaving no resource, version, job or blob', async () => {
    const blobs = () => readdirSync(join(t.database.dataDir, 'blobs'), { recursive: true }).length;
    const count = async (table: 'resources' | 'resource_versions' | 'jobs') =>
      Number((await t.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = { blobs: blobs(), resources: await count('resources'), versions: await count('resource_versions'), jobs: await count('jobs') };

    const draft = await createEntry(t, publisher, { title: '文件名测试' });
    for (const url of [`/api/v1/catalog/${draft}/resources`, `/api/v1/catalog/${draft}/resources?kind=file`, `/api/v1/resources/${resourceId}/versions`]) {
      const res = await upload(publisher, url, 'stations\u0000.csv', ROWS);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error, url).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    }
    await drainJobs(t);
    expect({ blobs: blobs(), resources: await count('resources'), versions: await count('resource_versions'), jobs: await count('jobs') }).toEqual(before);
  });
});
