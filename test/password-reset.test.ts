/**
 * 忘记密码: a one-time code by email (or SMS), rate-limited, expiring, single-use; the answer never
 * tells whether the account exists; the new password ends every session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, registerUser, startTestApp, STRONG_PASSWORD, type TestApp } from './support/app.js';
import { codeIn, startMailServer, startSmsGateway } from './support/outbound.js';

const NEW_PASSWORD = 'Xihu#Lake2026';

describe('忘记密码 by email and SMS', () => {
  let t: TestApp;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  beforeAll(async () => {
    [mail, sms] = await Promise.all([startMailServer(), startSmsGateway()]);
    t = await startTestApp({ SMTP_URL: mail.url, SMTP_FROM: 'noreply@data.example.gov.cn', SMS_GATEWAY_URL: sms.url });
  });
  afterAll(async () => { await t.close(); await mail.close(); await sms.close(); });

  const request = (account: string, ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { account }, remoteAddress: ip });
  const confirm = (body: Record<string, string>, ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: body, remoteAddress: ip });

  it('says which channels exist', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/password-reset/channels' });
    expect(res.json()).toMatchObject({ email: true, sms: true });
  });

  it('emails a code that sets a new password once and ends every session', async () => {
    const email = `reset${Date.now()}@example.com`;
    const user = await registerUser(t.app, { email });
    const asked = await request(email);
    expect(asked.statusCode).toBe(202);
    const code = codeIn((await mail.waitForMail(email)).text);

    const weak = await confirm({ account: email, code, newPassword: 'short' });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const wrong = await confirm({ account: email, code: code === '000000' ? '111111' : '000000', newPassword: NEW_PASSWORD });
    expect(wrong.json().error.code).toBe('RESET_CODE_INVALID');

    const done = await confirm({ account: email, code, newPassword: NEW_PASSWORD });
    expect(done.statusCode, done.body).toBe(200);
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await login(t.app, user.phone, NEW_PASSWORD);
    const again = await confirm({ account: email, code, newPassword: STRONG_PASSWORD });
    expect(again.json().error.code).toBe('RESET_CODE_INVALID');
    const stored = await t.ctx.database.db.selectFrom('password_reset_codes').select('code_hash').where('user_id', '=', user.userId).execute();
    expect(stored.every((r) => r.code_hash !== code && r.code_hash.length === 64)).toBe(true);
  });

  it('texts the code to an account without email, and only the latest code works', async () => {
    const user = await registerUser(t.app);
    await request(user.phone, '10.0.0.2');
    const first = codeIn((await sms.waitForSms(user.phone)).text);
    sms.messages.length = 0;
    await request(user.phone, '10.0.0.2');
    const second = codeIn((await sms.waitForSms(user.phone)).text);
    if (first !== second) expect((await confirm({ account: user.phone, code: first, newPassword: NEW_PASSWORD }, '10.0.0.2')).json().error.code).toBe('RESET_CODE_INVALID');
    expect((await confirm({ account: user.phone, code: second, newPassword: NEW_PASSWORD }, '10.0.0.2')).statusCode).toBe(200);
  });

  it('answers an unknown account as a known one, and limits requests per account', async () => {
    const unknown = await request('13999999999', '10.0.0.3');
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(JSON.stringify({ ok: true }));
    const user = await registerUser(t.app, { email: `limit${Date.now()}@example.com` });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await request(user.phone, '10.0.0.4')).statusCode);
    expect(answers).toEqual([202, 202, 202, 429]);
  });

  it('refuses a code past its 15 minutes', async () => {
    const email = `expired${Date.now()}@example.com`;
    await registerUser(t.app, { email });
    await request(email, '10.0.0.5');
    const code = codeIn((await mail.waitForMail(email)).text);
    await t.ctx.database.db.updateTable('password_reset_codes').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('used_at', 'is', null).execute();
    expect((await confirm({ account: email, code, newPassword: NEW_PASSWORD }, '10.0.0.5')).json().error.code).toBe('RESET_CODE_INVALID');
  });

  it('stops guessing after five wrong codes', async () => {
    const email = `guess${Date.now()}@example.com`;
    await registerUser(t.app, { email });
    await request(email, '10.0.0.6');
    const code = codeIn((await mail.waitForMail(email)).text);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await confirm({ account: email, code: wrong, newPassword: NEW_PASSWORD }, '10.0.0.6');
    expect((await confirm({ account: email, code, newPassword: NEW_PASSWORD }, '10.0.0.6')).statusCode).toBe(429);
  });
});

describe('忘记密码 with no channel configured', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('tells the login page whom to contact', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/password-reset/channels' });
    const body = res.json();
    expect(body).toMatchObject({ email: false, sms: false });
    expect(body.contact.name).toContain('数据资源管理局');
    expect(body.contact.phone).toBeTruthy();
  });
});
