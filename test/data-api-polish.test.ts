/**
 * The data user's API as a newcomer meets it: an address that is not well-formed percent-encoding
 * gets the one error shape in Chinese (sent as raw bytes, as curl or a careless client would); a
 * wrong field name is answered with the names that exist; the web app asks who is signed in
 * without a visitor's 401; the start banner counts what the database holds.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/seed/seed.js';
import { startupBanner } from '../src/startup-banner.js';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { TEST_ENGINE } from './support/database.js';

let t: TestApp;
let port: number;
let user: Client;
let stationsId: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  user = await login(t.app, DEMO.verifiedUser);
  const { version } = (await user.request({ method: 'GET', url: '/api/v1/licence' })).json();
  await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } });
  stationsId = (await t.ctx.database.db.selectFrom('resources').select('id').where('name', '=', '杭州公交站点信息数据集').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t?.close(); });

/** A GET with the target's bytes exactly as given (fetch and inject would percent-encode them). */
function rawGet(target: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(`GET ${target} HTTP/1.1\r\nHost: shukai\r\nConnection: close\r\n\r\n`, 'utf8')));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body) });
    });
  });
}

describe('an address that is not well-formed percent-encoding', () => {
  const malformed = { error: { code: 'MALFORMED_REQUEST', message: expect.stringMatching(/^请求无法解析.*百分号编码/) } };

  it('is a coded 400 in Chinese, in the query as in the path, where the query was read as garbage', async () => {
    const targets = [
      '/api/v1/catalog?q=%zz', // % not followed by hex
      '/api/v1/catalog?q=100%', // a bare % at the end
      '/api/v1/catalog?q=%E5%85', // a UTF-8 sequence cut short
      '/api/v1/catalog?q=%C3%28', // escapes that are no UTF-8
      '/api/v1/catalog?%zz=1', // in a parameter's name
      '/api/v1/catalog?q=公交站点', // raw UTF-8 bytes in the query
      '/api/v1/catalog/公交站点', // and in the path
      '/api/v1/catalog/%zz',
      `/api/v1/resources/${'x'}/records?fields=%E4`,
      '/api/v1/no-such-route?q=%', // before any route is known
    ];
    for (const target of targets) {
      const res = await rawGet(target);
      expect(res.status, target).toBe(400);
      expect(res.body, target).toEqual(malformed);
    }
  });

  it('says so when a raw space cut the address short', async () => {
    const res = await rawGet('/api/v1/catalog?q=bus stop');
    expect(res).toEqual({ status: 400, body: { error: { code: 'MALFORMED_REQUEST', message: '请求无法解析（格式有误或不完整）：请求行格式有误：地址中的空格须编码为 %20（或 +）' } } });
  });

  it('leaves well-formed addresses alone: encoded UTF-8, a literal plus, an encoded percent', async () => {
    const search = await rawGet(`/api/v1/catalog?q=${encodeURIComponent('公交站点')}&pageSize=1`);
    expect(search.status).toBe(200);
    expect((search.body as { total: number }).total).toBeGreaterThan(0);
    for (const q of ['a+b', '100%25']) expect((await rawGet(`/api/v1/catalog?q=${q}`)).status, q).toBe(200);
  });

  it('answers CKAN clients in CKAN\'s envelope, whichever part of the address is at fault', async () => {
    // The query read by the route, raw bytes refused by the HTTP parser, a path the router cannot decode.
    for (const target of ['/api/3/action/package_search?q=%zz', '/api/3/action/package_search?q=公交', '/api/action/package_search?q=公交', '/api/action/公交', '/api/3/action/%E5']) {
      const res = await rawGet(target);
      expect(res.status, target).toBe(409);
      expect(res.body, target).toMatchObject({
        help: expect.stringMatching(/\/api\/3\/action\/help_show\?name=/), success: false,
        error: { __type: 'Validation Error', code: 'MALFORMED_REQUEST', message: expect.stringMatching(/百分号编码/) },
      });
    }
  });
});

describe('a request body the framework cannot read', () => {
  it('is refused in Chinese, not in the framework\'s English', async () => {
    const cases: [headers: Record<string, string>, payload: string | undefined, status: number, detail: string][] = [
      [{ 'content-type': 'application/json' }, '{"account":', 400, '请求体不是有效的 JSON'],
      [{ 'content-type': 'application/json' }, undefined, 400, '内容类型为 application/json 时请求体不能为空'],
      [{ 'content-type': 'text/x-unknown' }, 'account=1', 415, '不支持该内容类型（Content-Type），请发送 application/json'],
    ];
    for (const [headers, payload, status, detail] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, ...(payload === undefined ? {} : { payload }) });
      expect(res.statusCode, detail).toBe(status);
      expect(res.json(), detail).toEqual({ error: { code: 'VALIDATION_FAILED', message: `请求参数不正确：${detail}` } });
    }
  });
});

describe('a field name the table does not have', () => {
  const fields = ['station_id', 'station_name', 'road', 'district', 'longitude', 'latitude', 'line_count', 'opened_on'];

  it('is refused with the names that exist, whichever parameter names it', async () => {
    const queries = {
      fields: { fields: 'station_name,name' },
      sort: { sort: 'name desc' },
      filters: { filters: JSON.stringify({ name: '文一路口' }) },
    };
    for (const [param, query] of Object.entries(queries)) {
      const res = await user.request({ method: 'GET', url: `/api/v1/resources/${stationsId}/records?${new URLSearchParams(query)}` });
      expect(res.statusCode, param).toBe(400);
      expect(res.json().error).toEqual({ code: 'UNKNOWN_FIELD', field: param, message: `数据项不存在（字段：${param}）：数据项“name”不存在；可用的数据项：${fields.join('、')}` });
    }
  });

  it('is refused alike through CKAN datastore_search', async () => {
    const res = await user.request({ method: 'GET', url: `/api/3/action/datastore_search?${new URLSearchParams({ resource_id: stationsId, fields: 'nope' })}` });
    expect(res.json().success).toBe(false);
    expect(JSON.stringify(res.json().error)).toContain(`可用的数据项：`);
    expect(JSON.stringify(res.json().error)).toContain('station_name');
  });
});

describe('who is signed in, as the web app asks', () => {
  it('is { user: null } for a visitor, answered 200, while /api/v1/me keeps its 401 for API clients', async () => {
    const visitor = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ user: null });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('is the account, its permissions and CSRF token for a session, as /api/v1/me answers', async () => {
    const session = (await user.request({ method: 'GET', url: '/api/v1/auth/session' })).json();
    const me = (await user.request({ method: 'GET', url: '/api/v1/me' })).json();
    expect(session).toEqual({ user: me });
    expect(session.user).toMatchObject({ phone: DEMO.verifiedUser, csrfToken: user.csrfToken, permissions: expect.arrayContaining(['me.read']) });
  });
});

describe('the start banner', () => {
  it('names the address, the engine, what was seeded and the demo accounts', async () => {
    const banner = await startupBanner(t.ctx, 'http://0.0.0.0:3000');
    const { db } = t.ctx.database;
    const published = (await db.selectFrom('catalog_entries').select('id').where('status', '=', 'published').execute()).length;
    const departments = (await db.selectFrom('departments').select('id').execute()).length;
    expect(banner).toContain('http://localhost:3000/');
    expect(banner).toContain(TEST_ENGINE === 'postgres' ? 'PostgreSQL，数据库 ' : `SQLite，文件 ${t.env.DATA_DIR}/shukai.db`);
    expect(banner).not.toMatch(/:\/\/[^ ]*@/); // no credentials of the database URL
    expect(banner).toContain(`已发布目录 ${published} 条，其中 4 条有数据资源；部门 ${departments} 个`);
    expect(banner).toContain(`密码均为 ${DEMO_PASSWORD}`);
    expect(banner).toMatch(/13800000001 {2}主管部门·管理员（平台管理员）/);
    expect(banner).toMatch(/13800000006 {2}数据利用主体（已认证用户）/);
  });
});
