/**
 * GET /api/ready, what a load balancer asks: 200 while the database answers and the process is
 * not shutting down, 503 naming the part that failed otherwise; /api/health stays the liveness
 * probe. Both answer without resolving the caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { buildApp } from '../src/http/app.js';
import { startTestApp, type TestApp } from './support/app.js';
import { TEST_ENGINE } from './support/database.js';
import { startTestBucket } from './support/s3.js';

const quiet = { info() {}, warn() {}, error() {} } as unknown as Parameters<typeof createContext>[1];
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('readiness', () => {
  it('answers 200 with each check while the database answers, whatever cookie or key comes with the probe', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    // With SHUKAI_TEST_BLOBS=s3 the suite's bucket is checked too.
    expect(ready.json()).toEqual({ status: 'ready', shuttingDown: false, checks: { database: 'ok', ...(t.env.SHUKAI_BLOBS === 's3' ? { objectStorage: 'ok' } : {}) } });
    // A stale session or a revoked key is the caller's problem, not the balancer's.
    const withKey = await t.app.inject({ method: 'GET', url: '/api/ready', headers: { authorization: 'Bearer sk_nothing:wrong' } });
    expect(withKey.statusCode).toBe(200);
    const health = await t.app.inject({ method: 'GET', url: '/api/health', cookies: { shukai_session: 'forged' }, headers: { authorization: 'Bearer sk_x:y' } });
    expect(health.json()).toEqual({ status: 'ok', db: TEST_ENGINE });
  });

  it('answers 503 naming the database when it does not answer', async () => {
    const ctx = await createContext(loadConfig(t.env), quiet);
    const app = await buildApp(ctx);
    try {
      await ctx.database.close();
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', shuttingDown: false, checks: { database: 'failed' } });
    } finally {
      await app.close();
    }
  });

  it('checks the object store where one is configured, and names it when it does not answer', async () => {
    const bucket = await startTestBucket('shukai-ready');
    const ctx = await createContext(loadConfig({ ...t.env, ...bucket.env }), quiet);
    const app = await buildApp(ctx);
    try {
      const ready = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(ready.json()).toEqual({ status: 'ready', shuttingDown: false, checks: { database: 'ok', objectStorage: 'ok' } });
      await bucket.close();
      // Past the second for which one round of checks is reused.
      await new Promise((r) => setTimeout(r, 1_100));
      const down = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'unavailable', shuttingDown: false, checks: { database: 'ok', objectStorage: 'failed' } });
    } finally {
      await app.close();
      await ctx.close();
    }
  });

  it('answers 503 at once when shutdown begins, while health still answers', async () => {
    const ctx = await createContext(loadConfig(t.env));
    const app = await buildApp(ctx);
    try {
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
      ctx.readiness.shutDown();
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', shuttingDown: true });
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await ctx.close();
    }
  });
});
