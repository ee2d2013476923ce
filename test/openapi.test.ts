import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('OpenAPI', () => {
  it('is generated from the route schemas and browsable at /api/docs', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/api/v1/auth/register'].post.requestBody.content['application/json'].schema.required).toEqual(['phone', 'password']);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/departments/{id}', '/api/v1/verifications/{id}/decision']));
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    // In the portal's name, its logo leading back to the portal.
    expect(ui.body).toContain('<title>数开 Shukai · 接口文档</title>');
    const init = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.body).toContain('data:image/svg+xml;base64,');
  });

  it('refuses NUL characters in the address or a JSON body on every engine (PostgreSQL text cannot hold them)', async () => {
    for (const url of ['/api/v1/catalog/a%00', '/api/v1/resources/a%00/records', '/api/3/action/package_show?id=a%00']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.code, url).toBe('VALIDATION_FAILED');
    }
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: 'a\u0000', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.message).toContain('空字符');
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '请求的资源不存在' } });
  });
});
