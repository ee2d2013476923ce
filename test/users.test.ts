import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type TestApp } from './support/app.js';
import { runCli } from './support/cli.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('user management by the authority', () => {
  it('finds users, sets roles bound to a department, and sets the credit level', async () => {
    const admin = await login(t.app, DEMO.admin);
    const user = await registerUser(t.app, { displayName: '候选发布员' });
    const found = (await admin.request({ method: 'GET', url: `/api/v1/users?q=${user.phone}` })).json();
    expect(found.items).toHaveLength(1);

    const departments = (await t.app.inject({ method: 'GET', url: '/api/v1/departments' })).json().items;
    const health = departments.find((d: { name: string }) => d.name === '杭州市卫生健康委员会');
    const authority = departments.find((d: { kind: string }) => d.kind === 'authority');

    const unbound = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles: ['provider_publisher'] } });
    expect(unbound.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'departmentId' });
    const wrongKind = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles: ['provider_publisher'], departmentId: authority.id } });
    expect(wrongKind.statusCode).toBe(400);

    const ok = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles: ['provider_publisher'], departmentId: health.id, creditLevel: 'A' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ roles: expect.arrayContaining(['user', 'provider_publisher']), creditLevel: 'A', department: { name: '杭州市卫生健康委员会' } });
    // The old session carried the old roles: a role change signs the account out.
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);

    // Back to a plain user: null unbinds the department (it used to arrive as "" and fail).
    const unbind = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles: ['user'], departmentId: null } });
    expect(unbind.statusCode, unbind.body).toBe(200);
    expect(unbind.json().department).toBeNull();
  });

  it('disables an account, which ends its sessions and refuses sign-in', async () => {
    const admin = await login(t.app, DEMO.admin);
    const user = await registerUser(t.app);
    await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { status: 'disabled' } });
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await expect(login(t.app, user.phone, 'Hangzhou#2026x')).rejects.toThrow(/403/);
  });

  it('does not let an administrator change their own account', async () => {
    const admin = await login(t.app, DEMO.admin);
    const res = await admin.request({ method: 'PATCH', url: `/api/v1/users/${admin.userId}`, payload: { creditLevel: 'A' } });
    expect(res.statusCode).toBe(403);
  });

  it('`npm run shukai -- user create` makes a staff account bound to a department', async () => {
    const departments = (await t.app.inject({ method: 'GET', url: '/api/v1/departments' })).json().items;
    const edu = departments.find((d: { name: string }) => d.name === '杭州市教育局');
    const res = runCli(t.env, 'user', 'create', '--phone', '13700000001', '--password', 'Teacher#2026x', '--role', 'provider_reviewer', '--department', edu.id);
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout.trim())).toMatchObject({ roles: expect.arrayContaining(['provider_reviewer']), department: '杭州市教育局' });
    const client = await login(t.app, '13700000001', 'Teacher#2026x');
    expect((await client.request({ method: 'GET', url: '/api/v1/me' })).json().department.name).toBe('杭州市教育局');

    const bad = runCli(t.env, 'user', 'create', '--phone', '13700000002', '--password', 'weak');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('WEAK_PASSWORD');

    const reset = runCli(t.env, 'user', 'reset-password', '--phone', '13700000001', '--password', 'Teacher#2027y');
    expect(reset.status).toBe(0);
    await login(t.app, '13700000001', 'Teacher#2027y');
  });
});
