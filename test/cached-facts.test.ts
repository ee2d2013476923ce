/**
 * Verified API keys, licence acceptances and resources' read contexts are remembered per
 * process (src/db/fact-cache.ts). These tests hold the promise that makes that safe: whatever
 * this process changes takes effect on the very next call, and a change made by another
 * process as soon as the change watch hears of it (SQLite: at once; PostgreSQL: by NOTIFY).
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { createStaff, DEMO, login, registerUser, STRONG_PASSWORD, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId, drainJobs, submitForReview } from './support/catalog.js';
import { TEST_ENGINE } from './support/database.js';
import { upload } from './support/upload.js';

let t: TestApp;
let admin: Client;
/** A second context on the same database: another API process, or the CLI. */
let elsewhere: AppContext;
beforeAll(async () => {
  t = await startTestApp();
  admin = await login(t.app, DEMO.admin);
  elsewhere = await createContext(loadConfig(t.env));
});
afterAll(async () => {
  await elsewhere.close();
  await t.close();
});

/** Whether `check` comes true within a second (a notification takes a few milliseconds). */
async function eventually(check: () => Promise<boolean>, ms = 1_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}

async function keyOf(client: Client): Promise<{ id: string; bearer: string }> {
  const { id, key, secret } = (await client.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: '缓存测试' } })).json();
  return { id, bearer: `Bearer ${key}:${secret}` };
}

const call = (bearer: string, url = '/api/v1/me') => t.app.inject({ method: 'GET', url, headers: { authorization: bearer } });

describe('remembered API keys', () => {
  it('refuses a revoked key on the next call', async () => {
    const user = await registerUser(t.app);
    const { id, bearer } = await keyOf(user);
    expect((await call(bearer)).statusCode).toBe(200);
    expect((await call(bearer)).statusCode).toBe(200);
    expect((await user.request({ method: 'DELETE', url: `/api/v1/me/api-keys/${id}` })).statusCode).toBe(200);
    const refused = await call(bearer);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('INVALID_API_KEY');
  });

  it('refuses a revoked key on the next call when the service revokes it directly', async () => {
    const user = await registerUser(t.app);
    const { id, bearer } = await keyOf(user);
    expect((await call(bearer)).statusCode).toBe(200);
    await t.ctx.apiKeys.revoke(user.userId, id);
    expect((await call(bearer)).statusCode).toBe(401);
  });

  it('checks every call against the secret, remembered or not', async () => {
    const user = await registerUser(t.app);
    const { bearer } = await keyOf(user);
    expect((await call(bearer)).statusCode).toBe(200);
    const [, key] = /^Bearer (sk_[^:]+):/.exec(bearer)!;
    expect((await call(`Bearer ${key}:not-the-secret`)).statusCode).toBe(401);
    expect((await call(`${bearer.slice(0, -1)}${bearer.endsWith('A') ? 'B' : 'A'}`)).statusCode).toBe(401);
    expect((await call(bearer)).statusCode).toBe(200);
  });

  it('refuses the key of an account disabled a moment ago, and serves it again once restored', async () => {
    const user = await registerUser(t.app);
    const { bearer } = await keyOf(user);
    expect((await call(bearer)).statusCode).toBe(200);
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { status: 'disabled' } })).statusCode).toBe(200);
    expect((await call(bearer)).statusCode).toBe(401);
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { status: 'active' } })).statusCode).toBe(200);
    expect((await call(bearer)).statusCode).toBe(200);
  });

  it('applies a role taken away on the next call', async () => {
    const transport = await departmentId(t, '杭州市交通运输局');
    const staff = await createStaff(t, ['provider_publisher'], transport);
    const { bearer } = await keyOf(await login(t.app, staff.phone, STRONG_PASSWORD));
    expect((await call(bearer, '/api/v1/console/catalog')).statusCode).toBe(200);
    const res = await admin.request({ method: 'PATCH', url: `/api/v1/users/${staff.id}`, payload: { roles: ['user'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await call(bearer, '/api/v1/console/catalog')).statusCode).toBe(403);
  });

  it('refuses the key of an account another process disabled, as soon as the change is heard', async () => {
    const user = await registerUser(t.app);
    const { bearer } = await keyOf(user);
    expect((await call(bearer)).statusCode).toBe(200);
    expect((await call(bearer)).statusCode).toBe(200);
    await elsewhere.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.userId).execute();
    expect(await eventually(async () => (await call(bearer)).statusCode === 401)).toBe(true);
  });
});

describe('remembered licence acceptance', () => {
  it('takes an acceptance, and a newly published licence, into account at once', async () => {
    const user = await login(t.app, DEMO.verifiedUser);
    const accepted = async () => (await user.request({ method: 'GET', url: '/api/v1/licence' })).json() as { version: number; accepted: boolean };
    const before = await accepted();
    if (!before.accepted) {
      expect((await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version: before.version } })).statusCode).toBe(200);
      expect((await accepted()).accepted).toBe(true);
    }
    const published = await admin.request({ method: 'PUT', url: '/api/v1/licence', payload: { title: '数据开放授权许可使用协议', text: '第二版协议正文，须重新同意。' } });
    expect(published.statusCode, published.body).toBe(200);
    const after = await accepted();
    expect(after).toMatchObject({ version: published.json().version, accepted: false });
    await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version: after.version } });
    expect((await accepted()).accepted).toBe(true);
  });

  it('hears of a licence version another process published', async () => {
    const user = await login(t.app, DEMO.verifiedUser);
    const accepted = async () => (await user.request({ method: 'GET', url: '/api/v1/licence' })).json().accepted as boolean;
    const { version } = (await user.request({ method: 'GET', url: '/api/v1/licence' })).json();
    await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } });
    expect(await accepted()).toBe(true);
    await elsewhere.licence.publish('数据开放授权许可使用协议', '另一进程发布的新版协议正文，须重新同意。', null);
    expect(await eventually(async () => !(await accepted()))).toBe(true);
  });
});

describe('remembered read contexts of resources', () => {
  async function publishedResource(): Promise<{ entryId: string; resourceId: string; publisher: Client }> {
    const publisher = await login(t.app, DEMO.publisher);
    const reviewer = await login(t.app, DEMO.authorityReviewer);
    const entryId = await createEntry(t, publisher, { title: `缓存测试站点 ${Date.now()}` });
    const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('站点')}`, 'stations.csv', '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n');
    expect(res.statusCode, res.body).toBe(202);
    await drainJobs(t);
    await submitForReview(t, publisher, entryId);
    expect((await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } })).statusCode).toBe(200);
    return { entryId, resourceId: res.json().resourceId, publisher };
  }
  const preview = async (resourceId: string) => t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` });

  it('stops serving an entry withdrawn here on the next call', async () => {
    const { entryId, resourceId, publisher } = await publishedResource();
    expect((await preview(resourceId)).statusCode).toBe(200);
    expect((await preview(resourceId)).statusCode).toBe(200);
    const withdrawn = await publisher.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/withdraw`, payload: { reason: '数据有误' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await preview(resourceId)).statusCode).not.toBe(200);
  });

  it('stops serving an entry another process withdrew, and serves the version another process loaded', async () => {
    const { entryId, resourceId } = await publishedResource();
    expect((await preview(resourceId)).json().records).toEqual([{ 站点名称: '文一路口', 线路数: 5, 开通日期: '2019-05-01' }]);
    const version = await elsewhere.resources.startTableUpload(resourceId, await blobOf('站点名称,线路数,开通日期\n学院路口,3,2020-01-15\n'), 'stations.csv',
      { mode: 'replace', strict: false }, null);
    expect(version.version).toBe(2);
    while (await elsewhere.jobRunner.runOne()) { /* the other process's job */ }
    expect(await eventually(async () => (await preview(resourceId)).json().records?.[0]?.站点名称 === '学院路口')).toBe(true);

    await elsewhere.catalog.withdraw(entryId, admin.userId, '数据有误', () => elsewhere.resources.settleHeld(entryId, false));
    expect(await eventually(async () => (await preview(resourceId)).statusCode !== 200)).toBe(true);
  });

  async function blobOf(csv: string): Promise<string> {
    return (await elsewhere.blobs.put(Readable.from([csv]), Infinity, '.csv')).key;
  }
});

describe('the change watch', () => {
  // On SQLite every commit moves the stamp (exact and free); PostgreSQL's triggers skip counters.
  it.runIf(TEST_ENGINE === 'postgres')('is not moved by counters, and is by what cached facts are made of', async () => {
    const watch = t.ctx.database.adapter.changes;
    expect(await eventually(async () => watch.stamp() !== null)).toBe(true);
    const { id } = (await t.ctx.database.db.selectFrom('resources').select('id').executeTakeFirstOrThrow());
    const before = watch.stamp();
    await elsewhere.database.db.updateTable('resources').set((eb) => ({ views: eb('views', '+', 1) })).where('id', '=', id).execute();
    await new Promise((r) => setTimeout(r, 200));
    expect(watch.stamp()).toBe(before);
    await elsewhere.database.db.updateTable('resources').set({ name: '改名的资源' }).where('id', '=', id).execute();
    expect(await eventually(async () => watch.stamp() !== before)).toBe(true);
  });
});
