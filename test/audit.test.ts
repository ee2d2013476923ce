import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEntry } from '../src/domain/audit-chain.js';
import { AuditService } from '../src/modules/audit/service.js';
import { DEMO, login, registerUser, startTestApp, type TestApp } from './support/app.js';
import { runCli } from './support/cli.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const rows = () => t.ctx.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

describe('audit trail', () => {
  it('records every state-changing request with actor, action, target, IP and outcome', async () => {
    const user = await registerUser(t.app);
    await user.request({ method: 'PATCH', url: '/api/v1/me', payload: { displayName: '审计测试' } });
    await user.request({ method: 'POST', url: '/api/v1/departments', payload: {} });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.9', payload: { account: user.phone, password: 'wrong-Password1' } });

    const log = await rows();
    const mine = log.filter((r) => r.actor_id === user.userId);
    expect(mine.map((r) => [r.action, r.outcome])).toEqual(expect.arrayContaining([
      ['account.register', 'success'],
      ['account.login', 'success'],
      ['account.profile.update', 'success'],
    ]));
    const refused = log.find((r) => r.action === 'department.create' && r.actor_id === user.userId);
    expect(refused).toMatchObject({ outcome: 'failure' });
    const failedLogin = log.find((r) => r.action === 'account.login' && r.ip === '192.0.2.9');
    expect(failedLogin).toMatchObject({ outcome: 'failure', status_code: 401 });
    expect(failedLogin!.detail).toContain(user.phone);
    expect(failedLogin!.detail).not.toContain('wrong-Password1');
    expect(log.map((r) => Number(r.seq))).toEqual(log.map((_, i) => i + 1));
  });

  it('lets the security auditor read and verify the chain; nobody else', async () => {
    const auditor = await login(t.app, DEMO.auditor);
    const page = (await auditor.request({ method: 'GET', url: '/api/v1/audit?pageSize=5' })).json();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items).toHaveLength(5);
    // The actor is named as the auditor knows them, the mobile number masked.
    const own = page.items.find((i: { actor_id: string | null }) => i.actor_id === auditor.userId);
    expect(own.actor).toEqual({ name: expect.any(String), phone: '138****0003' });
    const signIn = page.items.find((i: { action: string; actor_id: string | null }) => i.action === 'account.login' && i.actor_id === auditor.userId);
    expect(signIn.detail).toContain('138****0003');
    expect(JSON.stringify(page.items)).not.toContain(DEMO.auditor);
    expect((await auditor.request({ method: 'GET', url: '/api/v1/audit/verify' })).json()).toMatchObject({ intact: true, firstBroken: null });
    const admin = await login(t.app, DEMO.admin);
    expect((await admin.request({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });

  it('`shukai audit verify` passes on an intact chain and names the first edited row', async () => {
    expect(runCli(t.env, 'audit', 'verify').status).toBe(0);
    const log = await rows();
    const victim = log[2]!;
    await t.ctx.database.db.updateTable('audit_log').set({ outcome: 'success', ip: '10.0.0.1' }).where('seq', '=', victim.seq).execute();
    const res = runCli(t.env, 'audit', 'verify');
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain(`seq ${victim.seq}`);
    await t.ctx.database.db.updateTable('audit_log').set({ outcome: victim.outcome, ip: victim.ip }).where('seq', '=', victim.seq).execute();
    expect(runCli(t.env, 'audit', 'verify').status).toBe(0);
  });

  it('with a head kept elsewhere, notices the newest rows cut off or rewritten with fresh hashes', async () => {
    const auditor = await login(t.app, DEMO.auditor); // signing in is audited: before the head is taken
    const ok = runCli(t.env, 'audit', 'verify');
    const printed = /head[^:]*: (\d+:[0-9a-f]{64})/.exec(ok.stdout)?.[1];
    expect(printed, ok.stdout).toBeDefined();
    const head = (await t.ctx.audit.head())!;
    expect(printed).toBe(`${head.seq}:${head.hash}`);
    const db = t.ctx.database.db;
    const newest = await db.selectFrom('audit_log').selectAll().where('seq', '=', head.seq).executeTakeFirstOrThrow();

    // Cut off: the chain that is left is intact, so only the anchor can tell.
    await db.deleteFrom('audit_log').where('seq', '=', head.seq).execute();
    expect(await t.ctx.audit.verify()).toBeNull();
    expect(await t.ctx.audit.verify([head])).toEqual({ seq: head.seq, reason: 'truncated' });
    const cli = runCli(t.env, 'audit', 'verify', '--anchor', printed!);
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain('truncated');
    const api = (await auditor.request({ method: 'GET', url: `/api/v1/audit/verify?anchor=${printed}` })).json();
    expect(api).toMatchObject({ intact: false, firstBroken: { seq: head.seq, reason: 'truncated' } });

    // Rewritten with a recomputed hash: a chain that fits, but not the anchor.
    const forged = { ...newest, seq: Number(newest.seq), status_code: Number(newest.status_code), detail: 'forged' };
    await db.insertInto('audit_log').values({ ...forged, hash: hashEntry(t.ctx.config.auditHash, newest.prev_hash, forged) }).execute();
    expect(await t.ctx.audit.verify()).toBeNull();
    expect(await t.ctx.audit.verify([head])).toEqual({ seq: head.seq, reason: 'anchor' });

    await db.deleteFrom('audit_log').where('seq', '=', head.seq).execute();
    await db.insertInto('audit_log').values(newest).execute();
    expect(await t.ctx.audit.verify([head])).toBeNull();
    expect((await auditor.request({ method: 'GET', url: '/api/v1/audit/verify?anchor=12:nothex' })).statusCode).toBe(400);
  });

  it('detects a deleted row and a row rewritten with a fresh hash', async () => {
    const log = await rows();
    const db = t.ctx.database.db;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('audit_log').where('seq', '=', log[1]!.seq).execute();
      const insideTransaction = new AuditService(trx, t.ctx.database.adapter, t.ctx.config.auditHash);
      expect(await insideTransaction.verify()).toMatchObject({ seq: 2, reason: 'gap' });
      throw new Error('rollback');
    }).catch((e) => expect(String(e)).toContain('rollback'));
    // Rewriting a row and recomputing its own hash still breaks the link to the next row.
    const target = log[3]!;
    await db.updateTable('audit_log').set({ action: 'forged', hash: 'f'.repeat(64) }).where('seq', '=', target.seq).execute();
    expect(await t.ctx.audit.verify()).toMatchObject({ seq: target.seq, reason: 'hash' });
    await db.updateTable('audit_log').set({ action: target.action, hash: target.hash }).where('seq', '=', target.seq).execute();
    expect(await t.ctx.audit.verify()).toBeNull();
  });
});

describe('audit actions in the console', () => {
  it('has a Chinese label for every action the server records', async () => {
    const { readFile, readdir } = await import('node:fs/promises');
    // Read as text: the web app's modules belong to its own build.
    const labelled = new Set([...(await readFile('web/src/pages/admin/auditActions.ts', 'utf8')).matchAll(/^ {2}'([\w.]+)': 'auditAction\./gm)].map((m) => m[1]!));
    const files = (await readdir('src', { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const recorded = new Set<string>();
    for (const file of files) {
      const text = await readFile(`src/${file}`, 'utf8');
      for (const m of text.matchAll(/\baudit: '([\w.]+)'|\baction: '([\w.]+)', target/g)) recorded.add(m[1] ?? m[2]!);
    }
    expect(recorded.size).toBeGreaterThan(20);
    expect(labelled.size).toBeGreaterThan(20);
    expect([...recorded].filter((a) => !labelled.has(a))).toEqual([]);
  });
});
