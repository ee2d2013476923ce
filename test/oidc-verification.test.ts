import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, startTestApp, type TestApp } from './support/app.js';
import { startOidcProvider } from './support/oidc-provider.js';

let t: TestApp;
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
beforeAll(async () => {
  provider = await startOidcProvider({ name: '赵六', id_number: '330106198506153212' }, 'shukai');
  t = await startTestApp({
    SHUKAI_VERIFIER: 'oidc',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: 'shukai',
    OIDC_CLIENT_SECRET: 'secret',
    OIDC_REDIRECT_URI: 'http://localhost:3000/api/v1/me/verification/oidc/callback',
    OIDC_ALLOW_HTTP: '1',
  });
});
afterAll(async () => {
  await t.close();
  await provider.close();
});

describe('verification through an OpenID identity provider', () => {
  it('verifies a person at once from the provider’s signed claims', async () => {
    const user = await registerUser(t.app);
    const start = await user.request({ method: 'GET', url: '/api/v1/me/verification/oidc' });
    expect(start.statusCode).toBe(302);
    const checks = start.cookies.find((c) => c.name === 'shukai_oidc')!;
    expect(checks.httpOnly).toBe(true);

    // The browser follows the redirect to the provider, which sends it back with a code.
    const atProvider = await fetch(start.headers.location as string, { redirect: 'manual' });
    const callback = new URL(atProvider.headers.get('location')!);
    const done = await user.request({ method: 'GET', url: `${callback.pathname}${callback.search}`, cookies: { shukai_oidc: checks.value } });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/user/verification');

    const me = (await user.request({ method: 'GET', url: '/api/v1/me' })).json();
    expect(me.verification).toEqual({ status: 'verified', type: 'person', realName: '赵六' });
    const mine = (await user.request({ method: 'GET', url: '/api/v1/me/verification' })).json();
    expect(mine.verification).toMatchObject({ verifier: 'oidc', idNumberMasked: '330106********3212' });
  });

  it('refuses a callback whose state cookie is missing or forged', async () => {
    const user = await registerUser(t.app);
    const start = await user.request({ method: 'GET', url: '/api/v1/me/verification/oidc' });
    const callback = new URL((await fetch(start.headers.location as string, { redirect: 'manual' })).headers.get('location')!);
    const forged = await user.request({ method: 'GET', url: `${callback.pathname}${callback.search}`, cookies: { shukai_oidc: '{"state":"x","verifier":"y"}' } });
    expect(forged.statusCode).toBe(403);
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).json().verification.status).toBe('none');
  });
});
