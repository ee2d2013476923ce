/**
 * What every benchmark shares: a fresh database on the engine DATABASE_URL selects, the
 * generated 1M-row CSV, the real server as a child process, and medians.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { generateCsv } from './generate-csv.js';

export const BENCH_DIR = 'bench/.data';
export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
export const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

export async function benchCsv(): Promise<string> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `people-${ROWS}.csv`);
  if (!existsSync(path)) await generateCsv(path, ROWS);
  return path;
}

export interface BenchDatabase {
  dataDir: string;
  databaseUrl: string | undefined;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function freshDatabase(label: string): Promise<BenchDatabase> {
  const dataDir = join(BENCH_DIR, `${label}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dataDir, { recursive: true });
  const server = process.env.DATABASE_URL;
  if (!server) {
    return { dataDir, databaseUrl: undefined, env: { DATA_DIR: dataDir, DATABASE_URL: '' }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `shukai_bench_${label}_${randomBytes(4).toString('hex')}`;
  await admin(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    dataDir, databaseUrl: url.href, env: { DATA_DIR: dataDir, DATABASE_URL: url.href },
    drop: async () => {
      await admin(server, `drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try { await client.query(statement); } finally { await client.end(); }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Samples this process's resident memory; `stop` returns the peak in MB. */
export function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10);
  return { stop: () => { clearInterval(timer); return round(peak / 1048576, 0); } };
}

/** Peak resident memory of another process (Linux VmHWM), in MB. */
export function peakRssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return round(Number(line?.replace(/\D/g, '') ?? 0) / 1024, 0);
}

/** Our server as `npm start` and the deployment's units run it: the build that bench/run.ts makes first. */
export const OUR_SERVER = [process.execPath, '--max-semi-space-size=8', 'dist/main.js'];

/** Starts a command that serves HTTP on `port` and waits until `healthPath` answers. */
export async function startServer(command: string[], env: Record<string, string>, port: number, healthPath: string): Promise<ChildProcess> {
  const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${healthPath}`)).ok) return child;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${command.join(' ')} did not start`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
