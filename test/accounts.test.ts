import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, newPhone, registerUser, startTestApp, STRONG_PASSWORD, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const countUsers = async () => Number((await t.ctx.database.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('registration', () => {
  it('creates a data user who can sign in and read /me', async () => {
    const phone = newPhone();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone, password: STRONG_PASSWORD, email: `${phone}@example.cn` } });
    expect(res.statusCode).toBe(201);
    const client = await login(t.app, phone, STRONG_PASSWORD);
    const me = (await client.request({ method: 'GET', url: '/api/v1/me' })).json();
    expect(me).toMatchObject({ phone, roles: ['user'], creditLevel: 'B', verification: { status: 'none', type: null } });
    expect(me.permissions).toContain('me.verification.submit');
    expect(me.permissions).not.toContain('user.list');
  });

  it.each([
    [{ phone: '12345', password: STRONG_PASSWORD }, 'INVALID_PHONE', 'phone'],
    [{ phone: newPhone(), password: 'short1A!' }, 'WEAK_PASSWORD', 'password'],
    [{ phone: newPhone(), password: 'onlylowercaseletters' }, 'WEAK_PASSWORD', 'password'],
    [{ phone: newPhone(), password: STRONG_PASSWORD, email: 'not-an-email' }, 'INVALID_EMAIL', 'email'],
    [{ password: STRONG_PASSWORD }, 'VALIDATION_FAILED', 'phone'],
  ])('rejects %o with a 400 naming the field, writing nothing', async (payload, code, field) => {
    const before = await countUsers();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field });
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await countUsers()).toBe(before);
  });

  it('answers in English when the client prefers it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: { 'accept-language': 'en-US,en;q=0.9' }, payload: { phone: '1', password: STRONG_PASSWORD } });
    expect(res.json().error.message).toMatch(/mobile number/);
  });

  it('takes a mobile number as people write it, and stores the 11 digits', async () => {
    const phone = newPhone();
    const written = `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone: written, password: STRONG_PASSWORD } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone, password: STRONG_PASSWORD } })).json().error.code).toBe('PHONE_TAKEN');
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, password: STRONG_PASSWORD } });
    expect(signIn.statusCode, signIn.body).toBe(200);
  });

  it('registers a data user and nothing more, whatever else the body carries', async () => {
    const authority = (await t.ctx.departments.list()).find((d) => d.kind === 'authority')!;
    const phone = newPhone();
    const escalation = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/register',
      payload: { phone, password: STRONG_PASSWORD, roles: ['authority_admin', 'security_auditor'], departmentId: authority.id },
    });
    expect(escalation.statusCode).toBe(400);
    expect(escalation.json().error.code).toBe('VALIDATION_FAILED');
    expect(await t.ctx.accounts.findIdByPhone(phone)).toBeUndefined();
    for (const extra of [{ departmentId: 'no-such-department' }, { status: 'active', creditLevel: 'A' }, { verification_status: 'verified' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone, password: STRONG_PASSWORD, ...extra } });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone, password: STRONG_PASSWORD } });
    expect(plain.statusCode).toBe(201);
    expect(plain.json().user).toMatchObject({ roles: ['user'], department: null, creditLevel: 'B' });
  });

  it('refuses a phone number that is already registered', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone: DEMO.verifiedUser, password: STRONG_PASSWORD } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PHONE_TAKEN');
  });

  it('takes a JSON body as sent: a wrong type is refused, never converted', async () => {
    const client = await registerUser(t.app);
    const patch = (payload: unknown) => client.request({ method: 'PATCH', url: '/api/v1/me', payload: payload as object });
    for (const bad of [{ displayName: 123 }, { displayName: ['一个', '列表'] }, { email: false }]) {
      const res = await patch(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      // What the validator found is said in Chinese too, not appended in English.
      expect(res.json().error.message, JSON.stringify(bad)).not.toMatch(/must|should/);
    }
    expect((await patch({ displayName: 123 })).json().error.message).toBe('请求参数不正确（字段：displayName）：应当是 string 类型');
    expect((await client.request({ method: 'GET', url: '/api/v1/me' })).json().displayName).not.toBe('123');
    expect((await patch({ email: 'a@example.cn' })).statusCode).toBe(200);
    expect((await patch({ email: null })).statusCode).toBe(200);
    expect((await client.request({ method: 'GET', url: '/api/v1/me' })).json().email).toBeNull();
    // A query string is text by nature: its numbers are still read as numbers.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalog?page=1&pageSize=5' })).json().items).toHaveLength(5);
  });

  it('stores markup and SQL metacharacters as plain text', async () => {
    const name = `<script>alert(1)</script>'; DROP TABLE users; --`;
    const client = await registerUser(t.app, { displayName: name });
    const me = (await client.request({ method: 'GET', url: '/api/v1/me' })).json();
    expect(me.displayName).toBe(name);
    expect(await countUsers()).toBeGreaterThan(1);
  });
});

describe('sessions', () => {
  it('sets an HttpOnly SameSite cookie and ends it on logout', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: DEMO.unverifiedUser, password: 'Shukai@2026' } });
    const cookie = res.cookies.find((c) => c.name === 'shukai_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const csrf = res.json().csrfToken;
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { shukai_session: cookie.value }, headers: { 'x-csrf-token': csrf } });
    expect(logout.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { shukai_session: cookie.value } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const client = await login(t.app, DEMO.unverifiedUser);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', cookies: { shukai_session: client.cookie }, payload: { displayName: '改名' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const wrong = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', cookies: { shukai_session: client.cookie }, headers: { 'x-csrf-token': 'forged' }, payload: { displayName: '改名' } });
    expect(wrong.statusCode).toBe(403);
    const ok = await client.request({ method: 'PATCH', url: '/api/v1/me', payload: { displayName: '改名' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().displayName).toBe('改名');
  });

  it('says the same thing for an unknown account and a wrong password', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: '13999999999', password: 'x' } });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: DEMO.admin, password: 'x' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks an account after five failures, even for the right password', async () => {
    const user = await registerUser(t.app);
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: user.phone, password: 'wrong-Password1' } });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: user.phone, password: STRONG_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('gives an email to one account only, even to registrations at the same moment', async () => {
    const email = `same${newPhone()}@example.cn`;
    const results = await Promise.all(Array.from({ length: 6 }, () => t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone: newPhone(), email, password: STRONG_PASSWORD } })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'EMAIL_TAKEN')).toBe(true);
    const holders = await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(holders).toHaveLength(1);
  });

  it('takes an email in any letter case as one address: stored in lower case, taken once, signed in with as typed', async () => {
    const phone = newPhone();
    const email = `Case${phone}@Example.CN`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone, email, password: STRONG_PASSWORD } });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.ctx.database.db.selectFrom('users').select('email').where('phone', '=', phone).executeTakeFirstOrThrow();
    expect(stored.email).toBe(email.toLowerCase());
    const other = await registerUser(t.app);
    const taken = await other.request({ method: 'PATCH', url: '/api/v1/me', payload: { email: email.toUpperCase() } });
    expect(taken.json().error?.code).toBe('EMAIL_TAKEN');
    const twin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone: newPhone(), email: ` ${email.toLowerCase()} `, password: STRONG_PASSWORD } });
    expect(twin.json().error?.code).toBe('EMAIL_TAKEN');
    await login(t.app, email.toUpperCase(), STRONG_PASSWORD);
  });

  it('keeps the lock whichever name the account signs in with', async () => {
    const phone = newPhone();
    const email = `lock${phone}@example.cn`;
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone, email, password: STRONG_PASSWORD } })).statusCode).toBe(201);
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: phone, password: 'wrong-Password1' } });
    const byEmail = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: email, password: STRONG_PASSWORD } });
    expect(byEmail.json().error?.code).toBe('ACCOUNT_LOCKED');
  });

  it('locks an address that guesses across many accounts', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 20; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { account: newPhone(), password: 'guess-Password1' } });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { account: DEMO.verifiedUser, password: 'Shukai@2026' } });
    expect(res.json().error.code).toBe('ACCOUNT_LOCKED');
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.1', payload: { account: DEMO.verifiedUser, password: 'Shukai@2026' } });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('changes the password and ends the other sessions', async () => {
    const first = await registerUser(t.app);
    const second = await login(t.app, first.phone, STRONG_PASSWORD);
    const bad = await first.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'nope', newPassword: 'Another#Pass2026' } });
    expect(bad.json().error).toMatchObject({ code: 'WRONG_PASSWORD', field: 'currentPassword' });
    const weak = await first.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: STRONG_PASSWORD, newPassword: 'weak' } });
    expect(weak.json().error).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword' });
    const ok = await first.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: STRONG_PASSWORD, newPassword: 'Another#Pass2026' } });
    expect(ok.statusCode).toBe(200);
    expect((await first.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await second.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await expect(login(t.app, first.phone, STRONG_PASSWORD)).rejects.toThrow();
    await login(t.app, first.phone, 'Another#Pass2026');
  });

  it('counts wrong current passwords as guesses: a stolen session cannot find the password by changing it', async () => {
    const user = await registerUser(t.app);
    const change = (currentPassword: string) => user.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword, newPassword: 'Another#Pass2026' } });
    for (let i = 0; i < 5; i++) expect((await change(`Wrong#Guess${i}`)).json().error.code).toBe('WRONG_PASSWORD');
    const locked = await change(STRONG_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.ctx.database.db.selectFrom('users').select('password_hash').where('phone', '=', DEMO.admin).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});
