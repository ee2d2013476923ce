import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './support/database.js';
import { startProcess } from './support/processes.js';

let database: TestDatabase;
let env: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase();
  env = { DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl ?? '' };
});
afterAll(async () => { await database.drop(); });

describe('crash safety', () => {
  it('a server killed with SIGKILL in the middle of writes restarts cleanly with its data', async () => {
    const first = await startProcess(env);
    const health = await (await fetch(`${first.url}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', db: TEST_ENGINE });

    // Fire registrations and kill the process while they are in flight.
    const inFlight = Array.from({ length: 20 }, (_, i) => fetch(`${first.url}/api/v1/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: `1360000${String(i).padStart(4, '0')}`, password: 'Restart#2026x' }),
    }).then((r) => r.status, () => 0));
    await new Promise((r) => setTimeout(r, 150));
    first.proc.kill('SIGKILL');
    const statuses = await Promise.all(inFlight);
    await first.exited;

    const second = await startProcess(env);
    try {
      const departments = await (await fetch(`${second.url}/api/v1/departments`)).json();
      expect(departments.items.length).toBeGreaterThanOrEqual(9);
      // Every registration the client saw succeed is there and can sign in.
      const confirmed = statuses.flatMap((s, i) => (s === 201 ? [`1360000${String(i).padStart(4, '0')}`] : []));
      for (const phone of confirmed) {
        const res = await fetch(`${second.url}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: phone, password: 'Restart#2026x' }),
        });
        expect(res.status).toBe(200);
      }
    } finally {
      await second.stop();
    }
  });
});
