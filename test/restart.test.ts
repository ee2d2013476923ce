import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './support/database.js';

/** Starts the real server process (`src/main.ts`) on a free port and waits until it is healthy. */
async function startServer(env: Record<string, string>): Promise<{ proc: ChildProcess; url: string }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { proc, url };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error('server did not become healthy');
}

let database: TestDatabase;
let env: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase();
  env = { DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl ?? '' };
});
afterAll(async () => { await database.drop(); });

describe('crash safety', () => {
  it('a server killed with SIGKILL in the middle of writes restarts cleanly with its data', async () => {
    const first = await startServer(env);
    const health = await (await fetch(`${first.url}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', db: TEST_ENGINE });

    // Fire registrations and kill the process while they are in flight.
    const inFlight = Array.from({ length: 20 }, (_, i) => fetch(`${first.url}/api/v1/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: `1360000${String(i).padStart(4, '0')}`, password: 'Restart#2026x' }),
    }).then((r) => r.status, () => 0));
    await new Promise((r) => setTimeout(r, 150));
    const exited = new Promise((r) => first.proc.once('exit', r));
    first.proc.kill('SIGKILL');
    const statuses = await Promise.all(inFlight);
    await exited;

    const second = await startServer(env);
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
      second.proc.kill('SIGTERM');
    }
  });
});
