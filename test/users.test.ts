import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, DEMO, login, registerUser, startTestApp, type TestApp } from './support/app.js';
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

  it('keeps the administrator, the auditor and the reviewer separate people (三员分立)', async () => {
    const admin = await login(t.app, DEMO.admin);
    const authority = (await t.ctx.departments.list()).find((d) => d.kind === 'authority')!;
    const user = await registerUser(t.app);
    for (const roles of [['security_auditor', 'authority_reviewer'], ['authority_admin', 'security_auditor']]) {
      const res = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles, departmentId: authority.id } });
      expect(res.statusCode, JSON.stringify(roles)).toBeGreaterThanOrEqual(400);
      expect(['ROLES_CONFLICT', 'SECOND_ADMIN_REQUIRED']).toContain(res.json().error.code);
    }
    // Through the console any change touching the auditor needs a second administrator; the
    // operator's CLI, which may make an auditor, still refuses the combination.
    const combined = runCli(t.env, 'user', 'create', '--phone', '13700000010', '--password', 'Auditor#2026x', '--role', 'security_auditor', '--role', 'authority_reviewer');
    expect(combined.status).not.toBe(0);
    expect(combined.stderr).toContain('ROLES_CONFLICT');
    const transport = (await t.ctx.departments.list()).find((d) => d.name === '杭州市交通运输局')!;
    const provider = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles: ['provider_publisher', 'provider_reviewer'], departmentId: transport.id } });
    expect(provider.json().error.code).toBe('ROLES_CONFLICT');
    expect((await t.ctx.users.get(user.userId)).roles).toEqual(['user']);
    // The operator's CLI holds to the same rule.
    const cli = runCli(t.env, 'user', 'create', '--phone', '13700000009', '--password', 'Auditor#2026x', '--role', 'security_auditor', '--role', 'authority_admin', '--department', authority.id);
    expect(cli.status).not.toBe(0);
    expect(await t.ctx.accounts.findIdByPhone('13700000009')).toBeUndefined();
  });

  it('lets no single administrator manage an administrator, or make one', async () => {
    const admin = await login(t.app, DEMO.admin);
    const authority = (await t.ctx.departments.list()).find((d) => d.kind === 'authority')!;
    const second = await createStaff(t, ['authority_admin'], authority.id);
    for (const payload of [{ roles: ['user'] }, { status: 'disabled' }, { creditLevel: 'D' }]) {
      const res = await admin.request({ method: 'PATCH', url: `/api/v1/users/${second.id}`, payload });
      expect(res.json().error?.code, JSON.stringify(payload)).toBe('SECOND_ADMIN_REQUIRED');
    }
    const user = await registerUser(t.app);
    const promote = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles: ['authority_admin'], departmentId: authority.id } });
    expect(promote.json().error.code).toBe('SECOND_ADMIN_REQUIRED');
    expect((await t.ctx.users.get(second.id)).status).toBe('active');
    expect((await t.ctx.users.get(user.userId)).roles).toEqual(['user']);

    // Nor the security auditor, who watches the administrators (三员分立): neither removed nor appointed.
    const auditor = (await t.ctx.users.get((await t.ctx.accounts.findIdByPhone(DEMO.auditor))!));
    const demote = await admin.request({ method: 'PATCH', url: `/api/v1/users/${auditor.id}`, payload: { roles: ['user'] } });
    expect(demote.json().error?.code).toBe('SECOND_ADMIN_REQUIRED');
    const appoint = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles: ['security_auditor'], departmentId: authority.id } });
    expect(appoint.json().error?.code).toBe('SECOND_ADMIN_REQUIRED');
    expect((await t.ctx.users.get(auditor.id)).roles).toContain('security_auditor');
    // An authority reviewer is the administrator's to appoint.
    const reviewer = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload: { roles: ['authority_reviewer'], departmentId: authority.id } });
    expect(reviewer.statusCode, reviewer.body).toBe(200);
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

    // The first administrator of an installation: the authority is the department by default.
    const admin = runCli(t.env, 'user', 'create', '--phone', '13700000003', '--password', 'Admin#2026xy', '--role', 'authority_admin');
    expect(admin.status, admin.stderr).toBe(0);
    expect(JSON.parse(admin.stdout.trim())).toMatchObject({ roles: expect.arrayContaining(['authority_admin']), department: departments.find((d: { kind: string }) => d.kind === 'authority').name });
    const citizen = runCli(t.env, 'user', 'create', '--phone', '13700000004', '--password', 'Citizen#2026x');
    expect(JSON.parse(citizen.stdout.trim())).toMatchObject({ roles: ['user'], department: null });

    const bad = runCli(t.env, 'user', 'create', '--phone', '13700000002', '--password', 'weak');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('WEAK_PASSWORD');

    const reset = runCli(t.env, 'user', 'reset-password', '--phone', '13700000001', '--password', 'Teacher#2027y');
    expect(reset.status).toBe(0);
    await login(t.app, '13700000001', 'Teacher#2027y');
  });
});
