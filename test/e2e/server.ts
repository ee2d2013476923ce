/**
 * The real server for the browser tests: the built server (`dist/main.js`, as `npm start` runs
 * it; `npm run test:e2e` builds it first) as a child process on a free port, on
 * a fresh SQLite folder, or, when DATABASE_URL is set, on a fresh PostgreSQL database made on
 * that server and dropped afterwards. The web bundle is built first when web/dist is missing.
 * Under `npm run test:e2e` (test/e2e/run.ts) each server starts from a copy of one seeded
 * demo (SEEDED_TEMPLATE) instead of seeding its own: the same data, some ten seconds sooner.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_DIST = join(ROOT, 'web', 'dist');

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** A seeded demo to copy (the data folder, and the PostgreSQL database when there is one), named by run.ts. */
export interface SeededTemplate {
  dataDir: string;
  databaseName?: string;
}

export const TEMPLATE_ENV = 'SHUKAI_E2E_TEMPLATE';

const seededTemplate = (): SeededTemplate | undefined => (process.env[TEMPLATE_ENV] ? JSON.parse(process.env[TEMPLATE_ENV]) as SeededTemplate : undefined);

/**
 * Builds into a private folder and renames it into place, so test files started in parallel
 * never see (or clobber) a half-written bundle.
 */
export function ensureWebBuilt(): void {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = join(cache, `shukai-web-${process.pid}-${randomBytes(4).toString('hex')}`);
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT, stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`vite build failed with status ${build.status}`);
  try {
    renameSync(outDir, WEB_DIST);
  } catch (err) {
    // Another test file finished its build first; theirs is as good as ours.
    rmSync(outDir, { recursive: true, force: true });
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw err;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function onPostgres<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database on the server named by DATABASE_URL (a copy of `template`'s), or none for SQLite. */
export async function freshDatabase(template?: SeededTemplate): Promise<{ url: string | undefined; name?: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `shukai_e2e_${randomBytes(6).toString('hex')}`;
  await onPostgres(serverUrl, (c) => c.query(template?.databaseName ? `create database ${name} template ${template.databaseName}` : `create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, name, drop: () => onPostgres(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}) };
}

/** `extraEnv` configures what a test needs on top (an SMTP server of its own). */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  ensureWebBuilt();
  const server = await launch(extraEnv, seededTemplate());
  return { url: server.url, stop: async () => { await server.halt(); await server.discard(); } };
}

/**
 * Seeds the demo once, as the server seeds an empty database at its first start, and stops:
 * what each startServer of the run then copies. `drop` removes it after the run.
 */
export async function seedTemplate(): Promise<SeededTemplate & { drop(): Promise<void> }> {
  const server = await launch({});
  await server.halt();
  return { dataDir: server.dataDir, databaseName: server.databaseName, drop: server.discard };
}

/** dist/main.js on a fresh data folder and database (copies of `template`'s), once it answers. */
async function launch(extraEnv: Record<string, string>, template?: SeededTemplate) {
  const dataDir = mkdtempSync(join(tmpdir(), 'shukai-e2e-'));
  if (template) cpSync(template.dataDir, dataDir, { recursive: true });
  const database = await freshDatabase(template);
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SHUKAI_DEMO: '1',
      SHUKAI_VERIFIER: 'manual',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const halt = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const discard = async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, dataDir, databaseName: database.name, halt, discard };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await halt();
  await discard();
  throw new Error(`the server did not become healthy; its output:\n${output}`);
}
