import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type TestApp } from './support/app.js';
import { createEntry, drainJobs } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

function expectProtected(headers: Record<string, unknown>): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
}

describe('security headers', () => {
  it('are on API answers, errors, the API docs and file downloads; no HSTS on plain HTTP', async () => {
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/catalog' }),
      t.app.inject({ method: 'GET', url: '/api/v1/catalog/00000000-0000-0000-0000-000000000000' }),
      t.app.inject({ method: 'GET', url: '/api/v1/catalog?q=%00' }),
      t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' }),
      t.app.inject({ method: 'GET', url: '/api/docs/json' }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 404, 400, 200, 200]);
    for (const answer of answers) {
      expectProtected(answer.headers);
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }

    const publisher = await login(t.app, DEMO.publisher);
    const entryId = await createEntry(t, publisher);
    const uploaded = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=stations`, 'stations.csv', '站点名称,线路数\n文一路口,5\n');
    expect(uploaded.statusCode, uploaded.body).toBe(202);
    await drainJobs(t);
    const download = await publisher.request({ method: 'GET', url: `/api/v1/resources/${uploaded.json().resourceId}/download?format=csv` });
    expect(download.statusCode, download.body).toBe(200);
    expectProtected(download.headers);
  });

  it('add HSTS and the upgrade of insecure requests behind HTTPS', async () => {
    const https = await startTestApp({ SHUKAI_SECURE_COOKIES: '1' });
    try {
      const res = await https.app.inject({ method: 'GET', url: '/api/v1/catalog' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await https.close();
    }
  });
});
