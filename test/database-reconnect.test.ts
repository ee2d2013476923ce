import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { TEST_ENGINE } from './support/database.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

/** Ends every other session on the test database, as a server restart or an administrator would. */
async function terminateConnections(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const res = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('the database server dropping idle connections', () => {
  // SQLite is a file in this process: there is no connection a server could drop.
  it.runIf(TEST_ENGINE === 'postgres')('leaves the portal answering with fresh connections', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/departments' })).statusCode).toBe(200);
    expect(await terminateConnections(t.database.databaseUrl!)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the pool hears of it
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/departments' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
  });

  // While the change watch's own connection is down it cannot hear of changes: nothing may be
  // served from memory until it listens again (then the stamp has moved past all it missed).
  it.runIf(TEST_ENGINE === 'postgres')('blinds the change watch until its listener is back', async () => {
    const watch = t.ctx.database.adapter.changes;
    const until = async (check: () => boolean, ms: number) => {
      const end = Date.now() + ms;
      while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      return check();
    };
    expect(await until(() => watch.stamp() !== null, 1_000)).toBe(true);
    const before = watch.stamp();
    await terminateConnections(t.database.databaseUrl!);
    expect(await until(() => watch.stamp() === null, 1_000)).toBe(true);
    expect(await until(() => watch.stamp() !== null, 3_000)).toBe(true);
    expect(watch.stamp()).not.toBe(before);
  });
});
