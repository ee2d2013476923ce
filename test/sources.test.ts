/**
 * 数据汇聚 against real sources: a local HTTP server (CSV, XLSX, a JSON API page), a scratch
 * PostgreSQL database and a MariaDB table, each run through the upload's ingest into versions.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { fetchDatabaseSource } from '../src/modules/sources/fetch-database.js';
import { createStaff, DEMO, login, STRONG_PASSWORD, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, drainJobs } from './support/catalog.js';
import { TEST_ENGINE } from './support/database.js';
import { upload } from './support/upload.js';

const PG_PASSWORD = 'Pg-S3cret-passw0rd';
const MYSQL_PASSWORD = 'My-S3cret-passw0rd';
const TOKEN = 'Bearer tok-Secret-9f2c1e';
const SECRETS = [PG_PASSWORD, MYSQL_PASSWORD, 'tok-Secret-9f2c1e'];

const FIELDS = [
  { name: '编号', title: '编号', type: 'integer', filterable: true },
  { name: '名称', title: '名称', type: 'string' },
  { name: '更新时间', title: '更新时间', type: 'datetime' },
];
const INITIAL = '编号,名称,更新时间\n1,文一路口,2024-01-01 08:00:00\n2,学院路口,2024-01-02 08:00:00\n';

let t: TestApp;
let publisher: Client;
let admin: Client;
let port: number;
let server: Server;
/** What the local source system answers, by path. */
const pages = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
/** Every body a route answered in this file, scanned for credentials at the end. */
const answered: string[] = [];

const serve = (path: string, body: string | Buffer, type = 'text/csv') => pages.set(path, (_req, res) => { res.writeHead(200, { 'content-type': type }); res.end(body); });
const sourceUrl = (path: string) => `http://127.0.0.1:${port}${path}`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = pages.get(req.url ?? '');
    if (handler) handler(req, res);
    else { res.writeHead(404); res.end(); }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  t = await startTestApp({ SHUKAI_SOURCE_HOSTS: '127.0.0.1' });
  publisher = await login(t.app, DEMO.publisher);
  admin = await login(t.app, DEMO.admin);
});
afterAll(async () => {
  await t.close();
  server.close();
});

async function call(client: Client | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const res = client ? await client.request({ method, url, payload: payload as object }) : await t.app.inject({ method, url, payload: payload as object });
  answered.push(res.body);
  return res;
}

/** A draft entry of the transport bureau with one table resource holding INITIAL (version 1). */
async function newResource(): Promise<string> {
  const entryId = await createEntry(t, publisher, { title: `汇聚测试${Math.random().toString(36).slice(2, 8)}`, fields: FIELDS });
  const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('站点')}`, 'initial.csv', INITIAL);
  expect(res.statusCode, res.body).toBe(202);
  await drainJobs(t);
  return res.json().resourceId;
}

async function register(resourceId: string, body: Record<string, unknown>): Promise<string> {
  const res = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Runs the source now and answers its view afterwards. */
async function runNow(sourceId: string) {
  const res = await call(publisher, 'POST', `/api/v1/sources/${sourceId}/run`);
  expect(res.statusCode, res.body).toBe(202);
  await drainJobs(t);
  return (await call(publisher, 'GET', `/api/v1/sources/${sourceId}`)).json();
}

async function records(resourceId: string): Promise<Record<string, unknown>[]> {
  const res = await call(publisher, 'GET', `/api/v1/resources/${resourceId}/records?limit=100&sort=${encodeURIComponent('编号 asc')}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().records;
}

async function versionCount(resourceId: string): Promise<number> {
  return (await call(publisher, 'GET', `/api/v1/resources/${resourceId}/versions`)).json().items.filter((v: { status: string }) => v.status === 'ready').length;
}

const names = (rows: Record<string, unknown>[]) => rows.map((r) => r['名称']);

describe('URL sources', () => {
  it('replaces from a CSV URL, and a run bringing the same bytes makes no version', async () => {
    const resourceId = await newResource();
    serve('/replace.csv', '编号,名称,更新时间\n1,文一路口,2024-01-01 08:00:00\n3,武林广场,2024-02-01 08:00:00\n');
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/replace.csv'), mode: 'replace', authorization: TOKEN });
    const first = await runNow(id);
    expect(first.lastRun).toMatchObject({ status: 'succeeded', version: 2, rows: 2 });
    expect(names(await records(resourceId))).toEqual(['文一路口', '武林广场']);
    const again = await runNow(id);
    expect(again.lastRun).toMatchObject({ status: 'unchanged' });
    expect(again.lastRun.version).toBeUndefined();
    expect(await versionCount(resourceId)).toBe(2);
    expect(again.runs.map((r: { status: string }) => r.status)).toEqual(['unchanged', 'succeeded']);
  });

  it('sends the sealed Authorization header and shows the source without it', async () => {
    const resourceId = await newResource();
    let seen: string | undefined;
    pages.set('/token.csv', (req, res) => { seen = req.headers.authorization; res.writeHead(200); res.end(INITIAL + '9,新站,2024-03-01 08:00:00\n'); });
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/token.csv'), mode: 'replace', authorization: TOKEN });
    const view = await runNow(id);
    expect(seen).toBe(TOKEN);
    expect(view).toMatchObject({ kind: 'url', location: sourceUrl('/token.csv'), hasCredentials: true, lastRun: { status: 'succeeded' } });
    expect(JSON.stringify(view)).not.toContain('tok-Secret');
  });

  it('sends the Authorization header to its own origin only, not where a redirect leads', async () => {
    const resourceId = await newResource();
    let seenElsewhere: string | null | undefined;
    const elsewhere = createServer((req, res) => { seenElsewhere = req.headers.authorization ?? null; res.writeHead(200); res.end(INITIAL); });
    elsewhere.listen(0, '127.0.0.1');
    await once(elsewhere, 'listening');
    try {
      // Same host, another port: another origin, as another allowed host would be.
      pages.set('/moved-away', (_req, res) => { res.writeHead(302, { location: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/stops.csv` }); res.end(); });
      const id = await register(resourceId, { kind: 'url', url: sourceUrl('/moved-away'), mode: 'replace', authorization: TOKEN });
      expect((await runNow(id)).lastRun).toMatchObject({ status: 'succeeded' });
      expect(seenElsewhere).toBeNull();
    } finally {
      elsewhere.close();
    }
  });

  it('appends the rows of an XLSX workbook', async () => {
    const resourceId = await newResource();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('站点');
    sheet.addRows([['编号', '名称', '更新时间'], [3, '武林广场', '2024-02-01 08:00:00'], [4, '龙翔桥', '2024-02-02 08:00:00']]);
    serve('/append.xlsx', Buffer.from(await book.xlsx.writeBuffer()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/append.xlsx'), mode: 'append' });
    expect((await runNow(id)).lastRun).toMatchObject({ status: 'succeeded', version: 2 });
    expect(names(await records(resourceId))).toEqual(['文一路口', '学院路口', '武林广场', '龙翔桥']);
  });

  it('upserts by key the rows a JSON API page holds under a key', async () => {
    const resourceId = await newResource();
    serve('/api/page', JSON.stringify({ code: 0, data: { items: [{ 编号: 2, 名称: '学院路口（新）', 更新时间: '2024-03-01 08:00:00' }, { 编号: 5, 名称: '凤起路', 更新时间: '2024-03-01 09:00:00' }] } }), 'application/json');
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/api/page'), jsonPath: 'data.items', mode: 'upsert', key: '编号' });
    expect((await runNow(id)).lastRun).toMatchObject({ status: 'succeeded', version: 2 });
    expect(names(await records(resourceId))).toEqual(['文一路口', '学院路口（新）', '凤起路']);
  });

  it('takes only rows past the last good run’s timestamp, and nothing new is no version', async () => {
    const resourceId = await newResource();
    let body = '编号,名称,更新时间\n2,学院路口（改）,2024-05-01 08:00:00\n6,西湖文化广场,2024-05-02 08:00:00\n';
    pages.set('/incremental.csv', (_req, res) => { res.writeHead(200); res.end(body); });
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/incremental.csv'), mode: 'incremental', cursorField: '更新时间', key: '编号' });
    const first = await runNow(id);
    expect(first).toMatchObject({ highWater: '2024-05-02 08:00:00', lastRun: { status: 'succeeded', version: 2, rows: 3 } });
    body += '7,黄龙体育中心,2024-05-03 08:00:00\n';
    const second = await runNow(id);
    expect(second.highWater).toBe('2024-05-03 08:00:00');
    expect(second.lastRun).toMatchObject({ status: 'succeeded', version: 3 });
    expect(names(await records(resourceId))).toEqual(['文一路口', '学院路口（改）', '西湖文化广场', '黄龙体育中心']);
    expect((await runNow(id)).lastRun.status).toBe('unchanged');
    expect(await versionCount(resourceId)).toBe(3);
  });
});

describe('registration', () => {
  it('refuses an unlisted host naming the allowed ones, a query that is not one SELECT, and a mode without its field', async () => {
    const resourceId = await newResource();
    const unlisted = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: 'http://10.1.2.3/data.csv', mode: 'replace' });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json().error).toMatchObject({ code: 'SOURCE_HOST_NOT_ALLOWED', field: 'url' });
    expect(unlisted.json().error.message).toContain('127.0.0.1');
    for (const query of ['delete from t', 'select 1; drop table t', 'select * into outfile \'/tmp/x\' from t', 'with x as (delete from t returning *) select * from x', 'select * from t for update']) {
      const res = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'postgres', connection: 'postgres://u:p@127.0.0.1:5432/db', query, mode: 'replace' });
      expect(res.json().error, query).toMatchObject({ code: 'SOURCE_QUERY_REFUSED', field: 'query' });
    }
    const quoted = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'postgres', connection: 'postgres://u:p@127.0.0.1:5432/db', query: "select 'delete; drop' as note -- into\n", mode: 'replace' });
    expect(quoted.statusCode, quoted.body).toBe(201);
    expect((await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'upsert' })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'key' });
    expect((await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'incremental' })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'cursorField' });
    expect((await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: `http://u:pw@127.0.0.1:${port}/x.csv`, mode: 'replace' })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
    const stray = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'postgres', connection: 'postgres://reader:50%off@127.0.0.1:5432/db', query: 'select 1', mode: 'replace' });
    expect(stray.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'connection', message: expect.stringContaining('%25') });
    // An Authorization HTTP cannot send (a line break, Chinese) is refused here, not left to fail every run.
    for (const authorization of ['Bearer x\r\nX-Injected: 1', 'Bearer 令牌']) {
      const res = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'replace', authorization });
      expect(res.json().error, authorization).toMatchObject({ code: 'VALIDATION_FAILED', field: 'authorization', message: expect.stringContaining('ASCII') });
    }
    expect((await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'replace', schedule: '* * * * *' })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'schedule' });
    // Its next runs ten minutes apart, then every minute: refused whenever it is registered.
    const minute = (m: number) => (new Date().getUTCMinutes() + m) % 60;
    const spacedThenDense = `${[3, 13, 23, 24, 25].map(minute).join(',')} * * * *`;
    expect((await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'replace', schedule: spacedThenDense })).json().error, spacedThenDense).toMatchObject({ code: 'VALIDATION_FAILED', field: 'schedule' });
    expect((await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'replace', schedule: '*/7 * * * *' })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'schedule' });
    const everyFive = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'replace', schedule: '*/5 * * * *' });
    expect(everyFive.statusCode).toBe(201);
    // Gone again: due within minutes, it would join the schedule tests' due sources.
    expect((await call(publisher, 'DELETE', `/api/v1/sources/${everyFive.json().id}`)).statusCode).toBe(204);
  });

  it('refuses a backslash, which engines read differently around quotes (a hidden COMMIT; DELETE, an INTO OUTFILE)', async () => {
    const resourceId = await newResource();
    // PostgreSQL reads '\' as a whole string and MySQL "\"" as one: past them the rest would run as code.
    for (const [kind, query] of [
      ['postgres', "select '\\') as a; commit; delete from t; -- '"],
      ['mysql', 'select "\\" \' ") as a into outfile \'/tmp/shukai-probe\' #\''],
      ['mysql', "select name from t where name like 'a\\_%'"],
    ] as const) {
      const res = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind, connection: `${kind}://u:p@127.0.0.1/db`, query, mode: 'replace' });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({ code: 'SOURCE_QUERY_REFUSED', field: 'query' });
      expect(res.json().error.message).toContain('反斜杠');
    }
    expect((await call(publisher, 'GET', `/api/v1/resources/${resourceId}/sources`)).json().items).toEqual([]);
  });

  it('refuses functions a read-only transaction lets through: server files, other hosts, locks, administration', async () => {
    const resourceId = await newResource();
    for (const [kind, query] of [
      ['postgres', "select lo_export(16384, '/tmp/shukai-probe')"],
      ['postgres', "select pg_catalog.pg_read_file('/etc/passwd') as f"],
      ['postgres', 'select "lo_import"(\'/etc/passwd\')'],
      ['postgres', "select * from dblink('host=10.0.0.1', 'select 1') as t(a int)"],
      ['postgres', 'select pg_terminate_backend(pid) from pg_stat_activity'],
      ['postgres', 'select pg_advisory_lock(1)'],
      ['mysql', "select LOAD_FILE('/etc/passwd') as f"],
      ['mysql', "select get_lock('x', 10)"],
    ] as const) {
      const res = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind, connection: `${kind}://u:p@127.0.0.1/db`, query, mode: 'replace' });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({ code: 'SOURCE_QUERY_REFUSED', field: 'query', message: expect.stringContaining('不能调用') });
    }
    // A column or a string of that name is no call.
    const named = await call(publisher, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'postgres', connection: 'postgres://u:p@127.0.0.1/db', query: "select 'lo_export' as note, file_size from files", mode: 'replace' });
    expect(named.statusCode, named.body).toBe(201);
  });

  it('derives the schedule from 更新频率 at a quiet hour, and changes, pauses and removes a source', async () => {
    const resourceId = await newResource();
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'replace' });
    const view = (await call(publisher, 'GET', `/api/v1/sources/${id}`)).json();
    expect(view.schedule).toMatch(/^\d{1,2} 2 1 \* \*$/);
    expect(Date.parse(view.nextRunAt)).toBeGreaterThan(Date.now());
    expect(view.abilities).toEqual({ manage: true });
    const paused = await call(publisher, 'PATCH', `/api/v1/sources/${id}`, { paused: true, schedule: '30 3 * * *' });
    expect(paused.json()).toMatchObject({ paused: true, nextRunAt: null, schedule: '30 3 * * *' });
    const listed = (await call(publisher, 'GET', `/api/v1/resources/${resourceId}/sources`)).json().items;
    expect(listed.map((s: { id: string }) => s.id)).toEqual([id]);
    expect((await call(publisher, 'DELETE', `/api/v1/sources/${id}`)).statusCode).toBe(204);
    expect((await call(publisher, 'GET', `/api/v1/sources/${id}`)).statusCode).toBe(404);
  });

  it('lets only the resource’s keepers manage its sources', async () => {
    const resourceId = await newResource();
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'replace' });
    const otherDepartment = (await t.ctx.departments.list()).find((d) => d.kind === 'provider' && d.name !== '杭州市交通运输局')!.id;
    const stranger = await login(t.app, (await createStaff(t, ['provider_publisher'], otherDepartment)).phone, STRONG_PASSWORD);
    expect([403, 404]).toContain((await call(stranger, 'GET', `/api/v1/sources/${id}`)).statusCode);
    expect([403, 404]).toContain((await call(stranger, 'POST', `/api/v1/sources/${id}/run`)).statusCode);
    expect([403, 404]).toContain((await call(stranger, 'POST', `/api/v1/resources/${resourceId}/sources`, { kind: 'url', url: sourceUrl('/x.csv'), mode: 'replace' })).statusCode);
    expect((await call(null, 'GET', `/api/v1/sources/${id}`)).statusCode).toBe(401);
    expect((await call(null, 'POST', `/api/v1/sources/${id}/run`)).statusCode).toBe(401);
    expect((await call(admin, 'POST', `/api/v1/sources/${id}/run`)).statusCode).toBe(202);
    await drainJobs(t);
  });
});

describe('broken sources', () => {
  /** The failure is on the source, the old rows still served, the keepers told, the authority alerted. */
  async function expectFailure(resourceId: string, sourceId: string, code: string) {
    const before = (await call(publisher, 'GET', '/api/v1/me/notifications')).json().total;
    const view = await runNow(sourceId);
    expect(view.lastRun, JSON.stringify(view.lastRun)).toMatchObject({ status: 'failed', error: { code } });
    expect(view.lastRun.error.message.length).toBeGreaterThan(0);
    expect(names(await records(resourceId))).toEqual(['文一路口', '学院路口']);
    const inbox = (await call(publisher, 'GET', '/api/v1/me/notifications')).json();
    expect(inbox.total).toBe(before + 1);
    expect(inbox.items[0]).toMatchObject({ kind: 'source.failed' });
    const alerts = (await call(admin, 'GET', '/api/v1/alerts')).json();
    expect(JSON.stringify(alerts)).toContain(view.lastRun.error.message.slice(0, 20));
  }

  it('an HTTP error, a timeout, a redirect to an unlisted host and an oversized body each fail the run and nothing else', async () => {
    const resourceId = await newResource();
    pages.set('/500', (_req, res) => { res.writeHead(500); res.end('boom'); });
    pages.set('/slow', () => { /* never answers */ });
    pages.set('/redirect', (_req, res) => { res.writeHead(302, { location: `http://localhost:${port}/replace.csv` }); res.end(); });
    serve('/large.csv', `编号,名称,更新时间\n${'1,文一路口,2024-01-01 08:00:00\n'.repeat(3000)}`);
    const limits = { ...t.ctx.sourceRuns.limits };
    t.ctx.sourceRuns.limits.timeoutMs = 1000;
    t.ctx.sourceRuns.limits.maxBytes = 50_000;
    try {
      for (const [path, code] of [['/500', 'SOURCE_HTTP_ERROR'], ['/slow', 'SOURCE_UNREACHABLE'], ['/redirect', 'SOURCE_HOST_NOT_ALLOWED'], ['/large.csv', 'FILE_TOO_LARGE']] as const) {
        await expectFailure(resourceId, await register(resourceId, { kind: 'url', url: sourceUrl(path), mode: 'replace' }), code);
      }
    } finally {
      Object.assign(t.ctx.sourceRuns.limits, limits);
    }
    expect(await versionCount(resourceId)).toBe(1);
  });

  it('a repeated failure is recorded every time but told once', async () => {
    const resourceId = await newResource();
    pages.set('/down', (_req, res) => { res.writeHead(503); res.end(); });
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/down'), mode: 'replace' });
    await expectFailure(resourceId, id, 'SOURCE_HTTP_ERROR');
    const before = (await call(publisher, 'GET', '/api/v1/me/notifications')).json().total;
    const again = await runNow(id);
    expect(again.runs.map((r: { status: string }) => r.status)).toEqual(['failed', 'failed']);
    expect((await call(publisher, 'GET', '/api/v1/me/notifications')).json().total).toBe(before);
  });
});

describe('PostgreSQL query sources', () => {
  const database = `shukai_src_${process.pid}_${Date.now() % 100000}`;
  const server = (db = 'postgres') => new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  const connection = `postgres://postgres:${PG_PASSWORD}@127.0.0.1:5432/${database}`;

  beforeAll(async () => {
    const c = server();
    await c.connect();
    await c.query(`create database ${database}`);
    await c.end();
    const d = server(database);
    await d.connect();
    await d.query('create table stations (id integer primary key, name text, updated_at timestamp)');
    await d.query("insert into stations values (1, '文一路口', '2024-01-01 08:00:00'), (2, '学院路口（库）', '2024-06-01 08:00:00'), (8, '城站', '2024-06-02 08:00:00')");
    await d.end();
  });
  afterAll(async () => {
    const c = server();
    await c.connect();
    await c.query(`drop database if exists ${database} with (force)`);
    await c.end();
  });

  it('replaces with a query’s result, read-only, and incrementally takes rows past the timestamp', async () => {
    const resourceId = await newResource();
    const query = 'select id as "编号", name as "名称", updated_at as "更新时间" from stations order by id';
    const id = await register(resourceId, { kind: 'postgres', connection, query, mode: 'replace' });
    const view = await runNow(id);
    expect(view).toMatchObject({ location: `postgres://postgres@127.0.0.1:5432/${database}`, hasCredentials: true, lastRun: { status: 'succeeded', version: 2, rows: 3 } });
    expect(names(await records(resourceId))).toEqual(['文一路口', '学院路口（库）', '城站']);
    expect((await runNow(id)).lastRun.status).toBe('unchanged');

    const incremental = await register(resourceId, { kind: 'postgres', connection, query, mode: 'incremental', cursorField: '更新时间', key: '编号' });
    expect((await runNow(incremental)).highWater).toBe('2024-06-02 08:00:00');
    const d = server(database);
    await d.connect();
    await d.query("insert into stations values (9, '火车东站', '2024-06-03 08:00:00')");
    await d.end();
    const next = await runNow(incremental);
    expect(next).toMatchObject({ highWater: '2024-06-03 08:00:00', lastRun: { status: 'succeeded', rows: 4 } });
    expect(names(await records(resourceId))).toContain('火车东站');
    expect((await runNow(incremental)).lastRun.status).toBe('unchanged');
  });

  it('a query that writes anyway is stopped by the read-only transaction; bad SQL fails the run', async () => {
    const resourceId = await newResource();
    // nextval() writes: the text passes, the read-only transaction refuses it.
    const d = server(database);
    await d.connect();
    await d.query('create sequence if not exists counter');
    await d.end();
    const writes = await register(resourceId, { kind: 'postgres', connection, query: "select nextval('counter') as \"编号\"", mode: 'replace' });
    const view = await runNow(writes);
    expect(view.lastRun).toMatchObject({ status: 'failed', error: { code: 'SOURCE_QUERY_FAILED' } });
    expect(view.lastRun.error.message).toMatch(/read-only|只读/);
    const bad = await register(resourceId, { kind: 'postgres', connection, query: 'select nope from stations', mode: 'replace' });
    expect((await runNow(bad)).lastRun).toMatchObject({ status: 'failed', error: { code: 'SOURCE_QUERY_FAILED' } });
    expect(names(await records(resourceId))).toEqual(['文一路口', '学院路口']);
  });

  it('holds the whole read to the deadline, not each FETCH of the cursor alone', async () => {
    // Every batch of 1000 rows takes a fraction of a second, well within the statement timeout; twenty of them do not fit in 1.5 s.
    const limits = { ...t.ctx.sourceRuns.limits, timeoutMs: 1500 };
    const started = Date.now();
    const slow = fetchDatabaseSource(t.ctx.sourceReach, t.ctx.blobs, limits, { kind: 'postgres', connection, query: 'select g, pg_sleep(0.0002) as s from generate_series(1, 20000) g' });
    await expect(slow).rejects.toMatchObject({ code: 'SOURCE_QUERY_FAILED', detail: expect.stringContaining('查询超时') });
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('runs one statement only, even one the text guard let past: COMMIT; DELETE in it is an error, not run', async () => {
    const limits = { ...t.ctx.sourceRuns.limits };
    const hidden = fetchDatabaseSource(t.ctx.sourceReach, t.ctx.blobs, limits, { kind: 'postgres', connection, query: 'select 1) as a; commit; delete from stations; --' });
    await expect(hidden).rejects.toMatchObject({ code: 'SOURCE_QUERY_FAILED' });
    const d = server(database);
    await d.connect();
    const { rows } = await d.query('select count(*)::int as n from stations');
    await d.end();
    expect(rows[0].n).toBeGreaterThanOrEqual(3);
  });
});

describe('MariaDB query sources', () => {
  const table = `shukai_src_${process.pid}_${Date.now() % 100000}`;
  const user = `shukai_u${process.pid % 100000}`;
  const root = () => mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });

  beforeAll(async () => {
    const c = await root();
    await c.query(`create table ${table} (id int primary key, name varchar(50), updated_at datetime)`);
    await c.query(`insert into ${table} values (1, '文一路口', '2024-01-01 08:00:00'), (2, '学院路口（MariaDB）', '2024-07-01 08:00:00')`);
    await c.query(`create or replace user '${user}'@'127.0.0.1' identified by '${MYSQL_PASSWORD}'`);
    await c.query(`grant select on test.${table} to '${user}'@'127.0.0.1'`);
    await c.end();
  });
  afterAll(async () => {
    const c = await root();
    await c.query(`drop table if exists ${table}`);
    await c.query(`drop user if exists '${user}'@'127.0.0.1'`);
    await c.end();
  });

  it('replaces with a query’s result, on schedule and on demand, and a wrong password fails the run', async () => {
    const resourceId = await newResource();
    const query = `select id as 编号, name as 名称, updated_at as 更新时间 from ${table} order by id`;
    const id = await register(resourceId, { kind: 'mysql', connection: `mysql://${user}:${MYSQL_PASSWORD}@127.0.0.1:3306/test`, query, mode: 'replace' });
    const view = await runNow(id);
    expect(view).toMatchObject({ location: `mysql://${user}@127.0.0.1:3306/test`, lastRun: { status: 'succeeded', version: 2, rows: 2 } });
    expect(names(await records(resourceId))).toEqual(['文一路口', '学院路口（MariaDB）']);

    // On schedule: the source comes due, the minute's firing queues it.
    const c = await root();
    await c.query(`insert into ${table} values (3, '武林门', '2024-07-02 08:00:00')`);
    await c.end();
    await t.ctx.database.db.updateTable('sources').set({ next_run_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', id).execute();
    expect(await t.ctx.sources.enqueueDue(new Date())).toBe(1);
    await drainJobs(t);
    const scheduled = (await call(publisher, 'GET', `/api/v1/sources/${id}`)).json();
    expect(scheduled.lastRun).toMatchObject({ status: 'succeeded', version: 3 });
    expect(scheduled.runs[0].trigger).toBe('schedule');
    expect(names(await records(resourceId))).toContain('武林门');

    const wrong = await register(resourceId, { kind: 'mysql', connection: `mysql://${user}:wrong-password@127.0.0.1:3306/test`, query, mode: 'replace' });
    expect((await runNow(wrong)).lastRun).toMatchObject({ status: 'failed', error: { code: 'SOURCE_LOGIN_FAILED' } });
    const denied = await register(resourceId, { kind: 'mysql', connection: `mysql://${user}:${MYSQL_PASSWORD}@127.0.0.1:3306/test`, query: 'select * from mysql.user', mode: 'replace' });
    expect((await runNow(denied)).lastRun).toMatchObject({ status: 'failed', error: { code: 'SOURCE_QUERY_FAILED' } });
    expect(names(await records(resourceId))).toContain('武林门');
  });

  it('a statement that answers no rows ends at the deadline instead of hanging the run', async () => {
    const limits = { ...t.ctx.sourceRuns.limits, timeoutMs: 1500 };
    const started = Date.now();
    const noRows = fetchDatabaseSource(t.ctx.sourceReach, t.ctx.blobs, limits, { kind: 'mysql', connection: `mysql://${user}:${MYSQL_PASSWORD}@127.0.0.1:3306/test`, query: 'select 1 as b) as a into @shukai_probe #' });
    await expect(noRows).rejects.toMatchObject({ code: 'SOURCE_QUERY_FAILED' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('the schedule', () => {
  it('queues a due source once however many schedulers fire the minute', async () => {
    const resourceId = await newResource();
    serve('/scheduled.csv', INITIAL + '10,钱江新城,2024-08-01 08:00:00\n');
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/scheduled.csv'), mode: 'replace' });
    const due = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await t.ctx.database.db.updateTable('sources').set({ next_run_at: new Date(due.getTime() - 60_000).toISOString() }).where('id', '=', id).execute();
    const second: AppContext = await createContext(loadConfig(t.env));
    try {
      // One after the other: on SQLite two handles' write transactions would only wait for each other.
      const fired = [await t.ctx.scheduler.fire('source-runs-due', due), await second.scheduler.fire('source-runs-due', due)];
      expect(fired.filter(Boolean)).toHaveLength(1);
      // The firing's job runs in one of them; the guarded move of next_run_at keeps a second sweep from queueing it again.
      const queued = [await second.sources.enqueueDue(due), await t.ctx.sources.enqueueDue(due)];
      expect(queued.reduce((a, b) => a + b)).toBe(1);
      await drainJobs(t);
      const view = (await call(publisher, 'GET', `/api/v1/sources/${id}`)).json();
      expect(view.runs).toHaveLength(1);
      expect(view.lastRun).toMatchObject({ status: 'succeeded', version: 2 });
      expect(Date.parse(view.nextRunAt)).toBeGreaterThan(due.getTime());
    } finally {
      await second.close();
    }
  });

  it.runIf(TEST_ENGINE === 'postgres')('two run requests at once give one job', async () => {
    const resourceId = await newResource();
    const id = await register(resourceId, { kind: 'url', url: sourceUrl('/replace.csv'), mode: 'replace' });
    const [a, b] = await Promise.all([call(publisher, 'POST', `/api/v1/sources/${id}/run`), call(admin, 'POST', `/api/v1/sources/${id}/run`)]);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.json().jobId).toBe(b.json().jobId);
    expect(a.json().runId).toBe(b.json().runId);
    await drainJobs(t);
    expect((await call(publisher, 'GET', `/api/v1/sources/${id}`)).json().runs).toHaveLength(1);
  });
});

describe('credentials', () => {
  it('appear in no response, audit row or job payload', async () => {
    const rows = JSON.stringify([
      await t.ctx.database.db.selectFrom('audit_log').selectAll().execute(),
      await t.ctx.database.db.selectFrom('jobs').selectAll().execute(),
      await t.ctx.database.db.selectFrom('source_runs').selectAll().execute(),
      await t.ctx.database.db.selectFrom('notifications').selectAll().execute(),
      await t.ctx.database.db.selectFrom('alerts').selectAll().execute(),
      (await t.ctx.database.db.selectFrom('sources').select(['location', 'query']).execute()),
    ]);
    expect(answered.length).toBeGreaterThan(50);
    for (const secret of SECRETS) {
      expect(rows, secret).not.toContain(secret);
      expect(answered.find((body) => body.includes(secret)), secret).toBeUndefined();
    }
    const sealed = await t.ctx.database.db.selectFrom('sources').select('secret').where('secret', 'is not', null).execute();
    expect(sealed.length).toBeGreaterThan(0);
    for (const { secret } of sealed) for (const s of SECRETS) expect(secret).not.toContain(s);
  });
});
