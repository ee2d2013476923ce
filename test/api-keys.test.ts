import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, STRONG_PASSWORD, startTestApp, type TestApp } from './support/app.js';
import { createEntry, drainJobs, submitForReview } from './support/catalog.js';
import { multipart, upload } from './support/upload.js';

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

    // A key reads data; changing the account needs a signed-in session.
    const write = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { authorization: `Bearer ${key}:${secret}` }, payload: { displayName: '脚本改名' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('SESSION_REQUIRED');

    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}:not-the-secret` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_API_KEY');
    // The right key and secret with anything after them is not the key.
    const padded = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}:${secret}:extra` } });
    expect(padded.json().error?.code).toBe('INVALID_API_KEY');

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

  it('lets a leaked key do nothing but read: no keys, no password, no account changes, no reviews', async () => {
    const user = await registerUser(t.app);
    const { id, key, secret } = (await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: '泄露的密钥' } })).json();
    const withKey = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, bearer = `${key}:${secret}`) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, ...(payload ? { payload } : {}) });
    const refusals = [
      await withKey('POST', '/api/v1/me/api-keys', { name: '再造一个' }),
      await withKey('GET', '/api/v1/me/api-keys'),
      await withKey('DELETE', `/api/v1/me/api-keys/${id}`),
      await withKey('POST', '/api/v1/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'Another#Pass2026' }),
      await withKey('POST', '/api/v1/me/verification', { type: 'person', name: '张三', idNumber: '110105194912310021' }),
      await withKey('POST', '/api/v1/licence/accept', { version: 1 }),
    ];
    expect(refusals.map((r) => r.json().error?.code)).toEqual(Array(refusals.length).fill('SESSION_REQUIRED'));
    expect((await user.request({ method: 'GET', url: '/api/v1/me/api-keys' })).json().items).toHaveLength(1);
    // The session still works: the password was not changed behind it.
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);

    // An administrator's key cannot manage accounts, nor an authority reviewer's decide reviews.
    const admin = await login(t.app, DEMO.admin);
    const adminKey = (await admin.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: {} })).json();
    const changed = await withKey('PATCH', `/api/v1/users/${user.userId}`, { status: 'disabled' }, `${adminKey.key}:${adminKey.secret}`);
    expect(changed.json().error.code).toBe('SESSION_REQUIRED');
    expect((await withKey('GET', '/api/v1/users', undefined, `${adminKey.key}:${adminKey.secret}`)).json().error.code).toBe('SESSION_REQUIRED');
    const reviewer = await login(t.app, DEMO.authorityReviewer);
    const reviewerKey = (await reviewer.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: {} })).json();
    const publisher = await login(t.app, DEMO.publisher);
    const entry = await createEntry(t, publisher, { title: '密钥不能审核' });
    await submitForReview(t, publisher, entry);
    const decided = await withKey('POST', `/api/v1/catalog/${entry}/review`, { approve: true }, `${reviewerKey.key}:${reviewerKey.secret}`);
    expect(decided.json().error.code).toBe('SESSION_REQUIRED');
    expect((await withKey('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('gives upload keys to those who keep entries only, and they upload versions and nothing else', async () => {
    const user = await registerUser(t.app);
    const refused = await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { scope: 'upload' } });
    expect(refused.statusCode).toBe(403);

    const publisher = await login(t.app, DEMO.publisher);
    const entry = await createEntry(t, publisher, { title: '上传密钥测试' });
    const first = await upload(publisher, `/api/v1/catalog/${entry}/resources`, 'a.csv', '编号,名称\n1,甲\n');
    await drainJobs(t);
    const { resourceId } = first.json();
    const readKey = (await publisher.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: {} })).json();
    const uploadKey = (await publisher.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { scope: 'upload', name: '每日同步' } })).json();
    expect(uploadKey.scope).toBe('upload');

    const viaKey = async (bearer: { key: string; secret: string }, url: string) => {
      const file = await multipart('b.csv', '编号,名称\n1,甲\n2,乙\n');
      return t.app.inject({ method: 'POST', url, payload: file.payload, headers: { ...file.headers, authorization: `Bearer ${bearer.key}:${bearer.secret}` } });
    };
    expect((await viaKey(readKey, `/api/v1/resources/${resourceId}/versions`)).json().error.code).toBe('SESSION_REQUIRED');
    expect((await viaKey(uploadKey, `/api/v1/resources/${resourceId}/versions`)).statusCode).toBe(202);
    // A new resource changes the entry itself: that stays with a session.
    expect((await viaKey(uploadKey, `/api/v1/catalog/${entry}/resources`)).json().error.code).toBe('SESSION_REQUIRED');
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/catalog/${entry}`, headers: { authorization: `Bearer ${uploadKey.key}:${uploadKey.secret}` }, payload: { summary: '改' } });
    expect(edit.json().error.code).toBe('SESSION_REQUIRED');

    const listed = (await publisher.request({ method: 'GET', url: '/api/v1/me/api-keys' })).json().items as { id: string; scope: string; lastUsedAt: string | null }[];
    expect(listed.find((k) => k.id === uploadKey.id)).toMatchObject({ scope: 'upload', lastUsedAt: expect.any(String) });
    expect(listed.find((k) => k.id === readKey.id)).toMatchObject({ scope: 'read' });
  });

  it('stops a key bound to the password when the password changes, and keeps the others', async () => {
    const user = await registerUser(t.app);
    const bound = (await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { endsWithPassword: true } })).json();
    const kept = (await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: {} })).json();
    const me = (k: { key: string; secret: string }) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${k.key}:${k.secret}` } });
    expect((await me(bound)).statusCode).toBe(200);
    // Keys made after a change are made with the new password in force.
    await new Promise((r) => setTimeout(r, 5));
    const changed = await user.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: STRONG_PASSWORD, newPassword: 'Changed#Pass2026' } });
    expect(changed.statusCode).toBe(200);
    expect((await me(bound)).statusCode).toBe(401);
    expect((await me(kept)).statusCode).toBe(200);
    const listed = (await user.request({ method: 'GET', url: '/api/v1/me/api-keys' })).json().items as { id: string; endsWithPassword: boolean }[];
    expect(listed.find((k) => k.id === bound.id)?.endsWithPassword).toBe(true);
  });
});

