/**
 * Requests that never reach a route (an address the router cannot decode, bytes the HTTP parser
 * refuses, a client gone mid-upload) and files too deeply nested to read still get the one error
 * shape, `{ error: { code, message } }`, in the caller's language, and nothing logged as a fault.
 */
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, drainJobs } from './support/catalog.js';
import { startServer, waitForLog, type ServerProcess } from './support/server.js';
import { upload } from './support/upload.js';

let t: TestApp;
let server: ServerProcess;
let publisher: Client;
beforeAll(async () => {
  t = await startTestApp();
  // The real process on the same database, for its log; jobs are left to drainJobs here.
  server = await startServer({ ...t.env, SHUKAI_RUN_JOBS: '0' });
  publisher = await login(t.app, DEMO.publisher);
});
afterAll(async () => {
  await server?.stop();
  await t?.close();
});

interface RawAnswer { status: number; headers: string; text: string; body: { error: { code: string; message: string } } }

/** Sends bytes as they are on the wire (fetch would percent-encode them) and reads the answer. */
function raw(head: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(server.port, '127.0.0.1', () => socket.write(head));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headers = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(headers.split(' ')[1]), headers, text: body, body: /content-type: application\/json/i.test(headers) ? JSON.parse(body) : null });
    });
  });
}

const get = (target: string, extraHeaders = '') => raw(Buffer.from(`GET ${target} HTTP/1.1\r\nHost: shukai\r\n${extraHeaders}Connection: close\r\n\r\n`));

describe('requests the framework refuses answer the one error shape', () => {
  it('a percent-escape that is not UTF-8 in the path is a coded 400, Chinese or English', async () => {
    const zh = await get('/api/v1/catalog/%C3%28');
    expect(zh.status).toBe(400);
    expect(zh.body).toEqual({ error: { code: 'MALFORMED_REQUEST', message: expect.stringMatching(/^请求无法解析.*百分号编码/) } });
    const en = await get('/api/v1/catalog/%C3%28', 'Accept-Language: en-US,en;q=0.9\r\n');
    expect(en.body.error).toMatchObject({ code: 'MALFORMED_REQUEST', message: 'The request cannot be read (malformed or incomplete)' });
    // A path segment beyond the router's length limit (it answered 414 in its own words).
    const long = await get(`/api/v1/catalog/${'a'.repeat(200)}`);
    expect(long.status).toBe(400);
    expect(long.body).toEqual({ error: { code: 'MALFORMED_REQUEST', message: '请求无法解析（格式有误或不完整）：地址中有一段过长' } });
  });

  it('raw UTF-8 bytes in the query or the path are a coded 400 in the caller\'s language', async () => {
    for (const target of ['/api/v1/catalog?q=公交站点', '/api/v1/catalog/公交站点']) {
      const zh = await get(target);
      expect(zh.status, target).toBe(400);
      expect(zh.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
      expect(zh.body).toEqual({ error: { code: 'MALFORMED_REQUEST', message: expect.stringMatching(/^请求无法解析.*百分号编码/) } });
      const en = await get(target, 'Accept-Language: en\r\n');
      expect(en.body.error.message).toBe('The request cannot be read (malformed or incomplete)');
    }
  });

  it('a path climbing out of a static folder finds nothing: 404 NOT_FOUND, not a coded 403 "Forbidden"', async () => {
    const docs = await get('/api/docs/static/../../../package.json');
    expect(docs.status).toBe(404);
    expect(docs.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    // Outside /api/ an unknown path is the portal's own (its page says 未找到) once the web app is built.
    const web = await get('/assets/../../package.json');
    expect(web.text).not.toContain('"name": "shukai"');
    if (web.status === 404) expect(web.body.error.code).toBe('NOT_FOUND');
    else expect([web.status, web.headers]).toEqual([200, expect.stringMatching(/content-type: text\/html/i)]);
  });

  it('headers beyond the size limit are a coded 431', async () => {
    const res = await get('/api/v1/catalog', `X-Padding: ${'a'.repeat(20_000)}\r\n`);
    expect(res.status).toBe(431);
    expect(res.body).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: '请求头过大' } });
  });
});

describe('a JSON upload nested beyond the depth limit', () => {
  it('fails its ingest as MALFORMED_FILE in Chinese, where a stack overflow made it INTERNAL', async () => {
    const entryId = await createEntry(t, publisher, { title: '深层嵌套 JSON 测试' });
    const nested = (depth: number) => `[{"站点名称":"文一路口","附注":${'['.repeat(depth - 1)}5${']'.repeat(depth - 1)}}]`;
    const deep = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=deep`, 'deep.json', nested(50_000));
    expect(deep.statusCode, deep.body).toBe(202);
    // Nesting up to the limit still loads (the record is level 1, its value's lists 2 to 64).
    const atLimit = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=limit`, 'limit.json', nested(64));
    await drainJobs(t);

    const job = (await publisher.request({ method: 'GET', url: `/api/v1/jobs/${deep.json().jobId}` })).json();
    expect(job).toMatchObject({ status: 'failed', error: expect.stringMatching(/^MALFORMED_FILE: 文件内容无法解析：JSON 第 1 条记录附近：嵌套超过 64 层/) });
    const versions = (await publisher.request({ method: 'GET', url: `/api/v1/resources/${deep.json().resourceId}/versions` })).json().items;
    expect(versions[0]).toMatchObject({ status: 'failed', current: false });
    const loaded = (await publisher.request({ method: 'GET', url: `/api/v1/jobs/${atLimit.json().jobId}` })).json();
    expect(loaded).toMatchObject({ status: 'succeeded', result: { rows: 1 } });
  });
});

describe('a client that drops an upload mid-stream', () => {
  it('is logged at info, not as an unhandled error, and leaves no version, job or file behind', async () => {
    const entryId = await createEntry(t, publisher, { title: '中断上传测试' });
    const first = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=stations`, 'v1.csv', '站点名称,线路数\n文一路口,5\n');
    await drainJobs(t);
    const resourceId: string = first.json().resourceId;
    // Files only: the shard folder a refused upload made may stay, empty.
    const blobs = () => readdirSync(join(t.env.DATA_DIR!, 'blobs'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name).sort();
    const before = { blobs: blobs(), jobs: await countJobs(), versions: await t.ctx.resources.versions(resourceId) };

    // Half of a declared 1 MB multipart body, then the connection is cut.
    const url = `/api/v1/resources/${resourceId}/versions`;
    const part = `--cut\r\nContent-Disposition: form-data; name="file"; filename="v2.csv"\r\nContent-Type: text/csv\r\n\r\n站点名称,线路数\n${'学院路口,3\n'.repeat(30_000)}`;
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(`POST ${url} HTTP/1.1\r\nHost: shukai\r\nCookie: shukai_session=${publisher.cookie}\r\nX-CSRF-Token: ${publisher.csrfToken}\r\n`
          + `Content-Type: multipart/form-data; boundary=cut\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`);
        socket.write(part, () => setTimeout(() => socket.destroy(), 300));
      });
      socket.on('close', () => resolve());
    });

    const reqId = () => server.logs.find((l) => l.msg === 'incoming request' && l.req?.url === url)?.reqId;
    await waitForLog(server, (logs) => logs.some((l) => l.reqId !== undefined && l.reqId === reqId() && l.level >= 30 && l.msg !== 'incoming request'));
    const ofRequest = server.logs.filter((l) => l.reqId === reqId());
    expect(ofRequest.filter((l) => l.level >= 40)).toEqual([]);
    expect(ofRequest).toContainEqual(expect.objectContaining({ level: 30, msg: 'client closed the connection before the request was complete' }));
    // Nothing in the whole log is an error: neither the abort nor the refused requests above.
    expect(server.logs.filter((l) => l.level >= 50)).toEqual([]);

    expect(await t.ctx.resources.versions(resourceId)).toEqual(before.versions);
    expect(await countJobs()).toBe(before.jobs);
    expect(blobs()).toEqual(before.blobs);
  });
});

async function countJobs(): Promise<number> {
  const { n } = await t.ctx.database.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}
