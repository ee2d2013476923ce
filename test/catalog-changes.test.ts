/**
 * 数据更新查询: GET /api/v1/catalog/changes?since=… lists what a visitor saw change — entries
 * and resources created, updated and withdrawn — oldest first, paged by a cursor that neither
 * skips nor repeats while changes keep coming, and never a word about hidden entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, drainJobs, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

interface Item { kind: 'entry' | 'resource'; id: string; entryId?: string; change: 'created' | 'updated' | 'withdrawn'; at: string }

let t: TestApp;
let publisher: Client;
let reviewer: Client;

beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  reviewer = await login(t.app, DEMO.authorityReviewer);
});
afterAll(async () => { await t.close(); });

const get = (url: string) => t.app.inject({ method: 'GET', url });

/** Every change since `since`, following `next` to the end. */
async function changesSince(since: string): Promise<Item[]> {
  const items: Item[] = [];
  let url: string | undefined = `/api/v1/catalog/changes?since=${encodeURIComponent(since)}`;
  while (url) {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Item[]; next?: string };
    items.push(...body.items);
    url = body.next && new URL(body.next).pathname + new URL(body.next).search;
  }
  return items;
}

/** The header of data consistent with the test entries' 数据项 (support/catalog.ts): it goes live without review. */
const STATIONS = '站点名称,线路数,开通日期\n';

const brief = (items: Item[]) => items.map((i) => `${i.kind} ${i.id} ${i.change}`);

async function approve(id: string): Promise<void> {
  await submitForReview(t, publisher, id);
  const res = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
  if (res.statusCode !== 200) throw new Error(`approve: ${res.statusCode} ${res.body}`);
}

async function addResource(entryId: string, name: string, csv: string): Promise<string> {
  const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent(name)}`, 'data.csv', csv);
  if (res.statusCode !== 202 && res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  await drainJobs(t);
  return res.json().resourceId;
}

describe('GET /api/v1/catalog/changes', () => {
  it('tells of an entry and its resources created, updated, replaced and withdrawn, oldest first', async () => {
    const since = new Date().toISOString();
    const id = await createEntry(t, publisher, { title: '变更测试公交站点' });
    const first = await addResource(id, '站点', `${STATIONS}武林广场,12,2020-01-01\n`);
    // A draft with data is nobody's business but its keepers'.
    expect(await changesSince(since)).toEqual([]);

    await approve(id);
    expect(brief(await changesSince(since))).toEqual([`entry ${id} created`, `resource ${first} created`]);

    // An approved revision updates the entry; a new data version replaces the resource's data.
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { summary: '全市公交站点及途经线路数' } });
    await approve(id);
    const replaced = await upload(publisher, `/api/v1/resources/${first}/versions`, 'data.csv', `${STATIONS}武林广场,13,2020-01-01\n`);
    expect(replaced.statusCode, replaced.body).toBeLessThan(300);
    await drainJobs(t);
    const second = await addResource(id, '线路', `${STATIONS}龙翔桥,9,2021-06-01\n`);
    const withdrawn = await publisher.request({ method: 'POST', url: `/api/v1/catalog/${id}/withdraw`, payload: { reason: '数据口径调整' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);

    const items = await changesSince(since);
    expect(brief(items)).toEqual([
      `entry ${id} created`, `resource ${first} created`,
      `entry ${id} updated`,
      `entry ${id} updated`, `resource ${first} updated`,
      `entry ${id} updated`, `resource ${second} created`,
      `resource ${first} withdrawn`, `resource ${second} withdrawn`, `entry ${id} withdrawn`,
    ]);
    expect(items.filter((i) => i.kind === 'resource').every((i) => i.entryId === id)).toBe(true);
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
    expect(items.every((i) => i.at >= since)).toBe(true);

    // Published again, it is created again, with its resources.
    await approve(id);
    expect(brief((await changesSince(since)).slice(-3))).toEqual([`entry ${id} created`, `resource ${first} created`, `resource ${second} created`]);
  });

  it('says of an entry turned 禁止开放 only that it was withdrawn, and never names hidden entries', async () => {
    const since = new Date().toISOString();
    const title = '变更测试将改为禁止开放';
    const id = await createEntry(t, publisher, { title });
    await approve(id);
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { openType: 'prohibited' } });
    await approve(id);
    // Published as 禁止开放 from the start, and a draft: neither ever shows.
    const prohibited = await createEntry(t, publisher, { title: '变更测试禁止开放' });
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${prohibited}`, payload: { openType: 'prohibited' } });
    await addResource(prohibited, '禁止开放数据', '甲,乙\n1,2\n');
    await approve(prohibited);
    const draft = await createEntry(t, publisher, { title: '变更测试草稿' });

    const res = await get(`/api/v1/catalog/changes?since=${encodeURIComponent(since)}`);
    expect(brief(res.json().items)).toEqual([`entry ${id} created`, `entry ${id} withdrawn`]);
    expect(res.body).not.toContain(title);
    expect(res.body).not.toContain(prohibited);
    expect(res.body).not.toContain(draft);
  });

  it('pages the whole feed with a cursor that neither skips nor repeats while changes keep coming', async () => {
    // The demo catalog's thousands of entries were created when it was seeded.
    const since = '2000-01-01';
    const first = await get(`/api/v1/catalog/changes?since=${since}`);
    const page = first.json() as { items: Item[]; next: string };
    expect(page.items).toHaveLength(100);
    expect(page.next).toMatch(/^http:\/\/[^/]+\/api\/v1\/catalog\/changes\?since=2000-01-01T00%3A00%3A00\.000Z&after=\d+$/);

    // Changes committed while a client pages, several at once, all arrive once, after what it read.
    const entries = await Promise.all(['并发一', '并发二', '并发三'].map((title) => createEntry(t, publisher, { title: `变更测试${title}` })));
    for (const id of entries) await submitForReview(t, publisher, id);
    const decisions = await Promise.all(entries.map((id) => reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } })));
    expect(decisions.map((d) => d.statusCode)).toEqual([200, 200, 200]);

    const seen: Item[] = [...page.items];
    let url: string | undefined = new URL(page.next).pathname + new URL(page.next).search;
    while (url) {
      const body = (await get(url)).json() as { items: Item[]; next?: string };
      seen.push(...body.items);
      url = body.next && new URL(body.next).pathname + new URL(body.next).search;
    }
    // The same as a client paging from the start now.
    expect(brief(seen)).toEqual(brief(await changesSince(since)));
    expect(new Set(seen.map((i) => `${i.kind} ${i.id} ${i.change} ${i.at}`)).size).toBe(seen.length);
    expect(brief(seen.slice(-3)).sort()).toEqual(entries.map((id) => `entry ${id} created`).sort());
    const listed = await t.ctx.database.db.selectFrom('catalog_entries').select('id')
      .where('status', '=', 'published').where('open_type', 'in', ['unconditional', 'restricted']).execute();
    const created = new Set(seen.filter((i) => i.kind === 'entry' && i.change === 'created').map((i) => i.id));
    for (const { id } of listed) expect(created.has(id), id).toBe(true);
  });

  it('never lets a change that commits late fall behind a cursor already handed out', async () => {
    const since = new Date().toISOString();
    const early = await createEntry(t, publisher, { title: '变更测试先开始后提交' });
    await approve(early);
    const late = await createEntry(t, publisher, { title: '变更测试后开始先提交' });
    await submitForReview(t, publisher, late);
    const before = (await get(`/api/v1/catalog/changes?since=${encodeURIComponent(since)}`)).json().items as Item[];
    expect(brief(before)).toEqual([`entry ${early} created`]);

    // The early withdrawal takes its number and holds its transaction open while the late
    // publication starts and tries to commit.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let numbered!: () => void;
    const inside = new Promise<void>((resolve) => { numbered = resolve; });
    const slow = t.ctx.database.db.transaction().execute(async () => {
      await t.ctx.catalog.withdraw(early, reviewer.userId, '测试', async () => {});
      numbered();
      await held;
    });
    await inside;
    const fast = reviewer.request({ method: 'POST', url: `/api/v1/catalog/${late}/review`, payload: { approve: true } });
    if (t.database.databaseUrl) {
      // PostgreSQL reads while both are open: the late publication waits until the early change commits.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(brief((await get(`/api/v1/catalog/changes?since=${encodeURIComponent(since)}`)).json().items)).toEqual(brief(before));
    }
    release();
    await slow;
    expect((await fast).statusCode).toBe(200);
    expect(brief(await changesSince(since))).toEqual([`entry ${early} created`, `entry ${early} withdrawn`, `entry ${late} created`]);
  });

  it('refuses a malformed `since` or cursor in Chinese', async () => {
    for (const since of ['yesterday', '2024-13-45', '2024-05-01T00:00:00', '2024-05-01 00:00:00Z', '1714521600', '', '2024-02-30T00:00:00Z', '2024-05-01T00:00:00Z%27%20OR%201=1']) {
      const res = await get(`/api/v1/catalog/changes?since=${since}`);
      expect(res.statusCode, since).toBe(400);
      expect(res.json().error, since).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.json().error.message, since).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const url of ['/api/v1/catalog/changes', '/api/v1/catalog/changes?since=2024-05-01T00:00:00Z&after=-1', '/api/v1/catalog/changes?since=2024-05-01T00:00:00Z&after=x', '/api/v1/catalog/changes?since=2024-05-01T00:00:00Z&after=9007199254740993']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(brief((await get('/api/v1/catalog/changes?since=2099-01-01T08:00:00%2B08:00')).json().items)).toEqual([]);
    expect((await get('/api/v1/catalog/changes?since=2024-05-01T00:00:00Z&after=2147483647')).json()).toEqual({ items: [] });
    expect((await get('/api/v1/catalog/changes?since=2024-05-01T08:00:00.123%2B08:00')).statusCode).toBe(200);
  });

  it('is documented in the OpenAPI schema with a worked example', async () => {
    const spec = (await get('/api/docs/json')).json();
    const route = spec.paths['/api/v1/catalog/changes'].get;
    expect(route.description).toContain('/api/v1/catalog/changes?since=');
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual(['since', 'after']);
    // The example answer travels with the response's schema too, for the documentation page's "Example Value".
    expect(JSON.stringify(route.responses['200'])).toContain('"next":"https://data.example.gov.cn/api/v1/catalog/changes?since=');
  });
});
