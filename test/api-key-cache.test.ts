/**
 * Verified API keys and licence acceptances are remembered a few seconds per process. These
 * tests hold the promise that makes that safe: whatever this process changes takes effect on
 * the very next call, and a change made elsewhere (another process) within the TTL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { departmentId } from './support/catalog.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await login(t.app, DEMO.admin);
});
afterAll(async () => { await t.close(); });

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
    const phone = `137${String(Date.now()).slice(-8)}`;
    const secondAdminId = await t.ctx.accounts.register({
      phone, password: 'Hangzhou#2026x', roles: ['authority_admin'], departmentId: await departmentId(t, '杭州市数据资源管理局'),
    });
    const secondAdmin = await login(t.app, phone, 'Hangzhou#2026x');
    const { bearer } = await keyOf(secondAdmin);
    expect((await call(bearer, '/api/v1/users')).statusCode).toBe(200);
    const res = await admin.request({ method: 'PATCH', url: `/api/v1/users/${secondAdminId}`, payload: { roles: ['user'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await call(bearer, '/api/v1/users')).statusCode).toBe(403);
  });

  it('sees a change made by another process within the few seconds it remembers a key', async () => {
    const user = await registerUser(t.app);
    const { bearer } = await keyOf(user);
    expect((await call(bearer)).statusCode).toBe(200);
    // Another process writing straight to the database: this one has no way to hear of it.
    await t.ctx.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.userId).execute();
    await new Promise((r) => setTimeout(r, 3_100));
    expect((await call(bearer)).statusCode).toBe(401);
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
});
