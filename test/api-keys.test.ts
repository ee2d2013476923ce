import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, startTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('API keys', () => {
  it('shows the secret once, authenticates by Bearer key:secret, and stops at revocation', async () => {
    const user = await registerUser(t.app);
    const created = await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: '数据分析脚本' } });
    expect(created.statusCode).toBe(201);
    const { id, key, secret } = created.json();
    expect(key).toMatch(/^sk_/);
    expect(secret.length).toBeGreaterThanOrEqual(40);

    const listed = await user.request({ method: 'GET', url: '/api/v1/me/api-keys' });
    expect(listed.json().items).toEqual([expect.objectContaining({ id, key, name: '数据分析脚本', revokedAt: null })]);
    expect(listed.body).not.toContain(secret);
    const row = await t.ctx.database.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}:${secret}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.userId);

    // An API key call needs no CSRF token: there is no ambient cookie for a forger to ride on.
    const write = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { authorization: `Bearer ${key}:${secret}` }, payload: { displayName: '脚本改名' } });
    expect(write.statusCode).toBe(200);

    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}:not-the-secret` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_API_KEY');

    expect((await user.request({ method: 'DELETE', url: `/api/v1/me/api-keys/${id}` })).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}:${secret}` } });
    expect(revoked.statusCode).toBe(401);
  });

  it("cannot revoke or see another user's key", async () => {
    const owner = await registerUser(t.app);
    const other = await registerUser(t.app);
    const { id } = (await owner.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: {} })).json();
    expect((await other.request({ method: 'DELETE', url: `/api/v1/me/api-keys/${id}` })).statusCode).toBe(404);
    expect((await other.request({ method: 'GET', url: '/api/v1/me/api-keys' })).json().items).toEqual([]);
  });
});
