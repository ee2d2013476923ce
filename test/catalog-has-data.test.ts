/**
 * 有数据资源: the catalog search ranks entries with data (a live table version or a file) ahead
 * of catalog-only ones that are otherwise equal, filters on it (GET /api/v1/catalog?hasData=true,
 * CKAN's fq num_resources:[1 TO *]), and learns of an entry's first data as soon as it is live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, drainJobs, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
let publisher: Client;
let reviewer: Client;
const ROWS = '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n';

async function publish(entryId: string): Promise<void> {
  await submitForReview(t, publisher, entryId);
  const approved = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  expect(approved.statusCode, approved.body).toBe(200);
}

async function addData(entryId: string): Promise<void> {
  const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources`, 'stations.csv', ROWS);
  expect(res.statusCode, res.body).toBe(202);
  await drainJobs(t);
}

const catalog = async (query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/catalog?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: { id: string; hasData: boolean }[] };
};

beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  reviewer = await login(t.app, DEMO.authorityReviewer);
});
afterAll(async () => { await t.close(); });

describe('entries with data', () => {
  it('rank ahead of catalog-only entries of equal relevance, whichever was written first', async () => {
    const same = { title: '有数据排序专测目录', summary: '同样的描述' };
    const withData = await createEntry(t, publisher, same);
    await addData(withData);
    await publish(withData);
    // Written later, so newer: without the rule it would come first.
    const catalogOnly = await createEntry(t, publisher, same);
    await publish(catalogOnly);

    const found = await catalog(`q=${encodeURIComponent('有数据排序专测目录')}`);
    expect(found.items.map((i) => [i.id, i.hasData])).toEqual([[withData, true], [catalogOnly, false]]);
    const ckan = (await t.app.inject({ method: 'GET', url: `/api/action/package_search?q=${encodeURIComponent('有数据排序专测目录')}` })).json().result;
    expect(ckan.results.map((p: { id: string }) => p.id)).toEqual([withData, catalogOnly]);
  });

  it('are what hasData=true lists, as CKAN\'s num_resources:[1 TO *] does', async () => {
    const all = await catalog('pageSize=100');
    const only = await catalog('hasData=true&pageSize=100');
    expect(only.total).toBeGreaterThan(0);
    expect(only.total).toBeLessThan(all.total);
    expect(only.items.every((i) => i.hasData)).toBe(true);
    expect((await catalog('hasData=false')).total).toBe(all.total);
    const fq = encodeURIComponent('num_resources:[1 TO *]');
    expect((await t.app.inject({ method: 'GET', url: `/api/action/package_search?fq=${fq}&rows=0` })).json().result.count).toBe(only.total);
    // Filters combine: the facet counts are of entries with data.
    const transport = only.items[0]!;
    const both = await catalog(`hasData=true&department=${(await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${transport.id}` })).json().department.id}`);
    expect(both.items.every((i) => i.hasData)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalog?hasData=maybe' })).statusCode).toBe(400);
  });

  it('are known to the search as soon as a published entry\'s first data goes live', async () => {
    const entryId = await createEntry(t, publisher, { title: '首个数据版本专测目录' });
    await publish(entryId);
    const query = `q=${encodeURIComponent('首个数据版本专测目录')}&hasData=true`;
    expect((await catalog(query)).total).toBe(0);
    await addData(entryId);
    const found = await catalog(query);
    expect(found.items.map((i) => [i.id, i.hasData])).toEqual([[entryId, true]]);
  });
});
