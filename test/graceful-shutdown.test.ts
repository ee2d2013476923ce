/**
 * SIGTERM, as systemd or a supervisor sends it: the listening socket closes at once (a new
 * connection is refused, so the balancer goes elsewhere), a request in flight still completes,
 * a running job goes back to the queue without spending an attempt and another process
 * finishes it, and the process exits 0. Real processes on the engine under test.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateRow } from '../bench/generate-csv.js';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { DEMO } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { eventually, json, signIn, startProcess } from './support/processes.js';
import { multipart } from './support/upload.js';

const PASSWORD = 'Shukai@2026';
const ROWS = 150_000;
let database: TestDatabase;
let env: Record<string, string>;
let reader: AppContext;

function csv(rows: number): string {
  let seed = 11;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['序号,姓名,身份证号,手机号,性别,出生日期,地址,金额,登记时间,是否有效'];
  for (let i = 1; i <= rows; i++) lines.push(generateRow(i, rand).join(','));
  return lines.join('\n');
}

/** A fresh entry of the transport bureau, by its publisher on the given process. */
async function newEntry(url: string) {
  const publisher = await signIn(url, DEMO.publisher, PASSWORD);
  const departments = (await (await publisher.call('/api/v1/departments')).json()).items as { id: string; name: string }[];
  const departmentId = departments.find((d) => d.name === '杭州市交通运输局')!.id;
  const entry = await (await publisher.call('/api/v1/catalog', json({ title: `停机测试目录${Date.now()}`, summary: '测试', departmentId, openType: 'unconditional', updateFrequency: 'monthly' }))).json();
  return { publisher, entryId: entry.id as string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A test of one process: startProcess alone may wait 90 s for it on a loaded machine. */
const ONE_PROCESS_MS = 150_000;

beforeAll(async () => {
  database = await createTestDatabase(inject('seededTemplate'));
  env = { DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl ?? '' };
});
afterAll(async () => {
  await reader?.close();
  await database.drop();
});

describe('graceful shutdown', () => {
  it('finishes a slow upload in flight, refuses new connections meanwhile, and exits 0', async () => {
    const server = await startProcess(env);
    const { publisher, entryId } = await newEntry(server.url);
    const body = await multipart('slow.csv', csv(200));
    const upload = request(`${server.url}/api/v1/catalog/${entryId}/resources`, {
      method: 'POST',
      headers: { ...body.headers, 'content-length': String(body.payload.length), cookie: publisher.cookie, 'x-csrf-token': publisher.csrfToken },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      upload.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      upload.on('error', reject);
    });
    // Half the file is on its way when the signal comes; the rest follows later.
    upload.write(body.payload.subarray(0, body.payload.length / 2));
    await sleep(300);
    server.proc.kill('SIGTERM');
    await sleep(300);
    const refused = await fetch(`${server.url}/api/health`).then(() => null, (err: Error & { cause?: { code?: string } }) => err.cause?.code);
    expect(refused).toBe('ECONNREFUSED');
    upload.end(body.payload.subarray(body.payload.length / 2));
    const done = await answer;
    expect(done.status, done.body).toBe(202);
    expect(JSON.parse(done.body)).toMatchObject({ resourceId: expect.any(String), jobId: expect.any(String) });
    expect(await server.exited).toBe(0);
  }, ONE_PROCESS_MS);

  it('answers /api/ready 503 at once and keeps serving for SHUKAI_SHUTDOWN_DELAY_SECONDS before closing its port', async () => {
    const server = await startProcess({ ...env, SHUKAI_SHUTDOWN_DELAY_SECONDS: '2' });
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
    server.proc.kill('SIGTERM');
    await sleep(300);
    // What a polling balancer sees during the delay: not ready, while requests are still served.
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', shuttingDown: true });
    expect((await fetch(`${server.url}/api/v1/departments`)).status).toBe(200);
    await sleep(2_500);
    const refused = await fetch(`${server.url}/api/health`).then(() => null, (err: Error & { cause?: { code?: string } }) => err.cause?.code);
    expect(refused).toBe('ECONNREFUSED');
    expect(await server.exited).toBe(0);
  }, ONE_PROCESS_MS);

  it('hands a running ingest back to the queue; a worker process finishes it', async () => {
    const server = await startProcess(env);
    const { publisher, entryId } = await newEntry(server.url);
    const big = await multipart('big.csv', csv(ROWS));
    const started = await (await publisher.call(`/api/v1/catalog/${entryId}/resources`, { method: 'POST', body: new Uint8Array(big.payload), headers: big.headers })).json();
    const job = () => publisher.call(`/api/v1/jobs/${started.jobId}`).then((r) => r.json());
    await eventually(job, (j) => j.status === 'running' && j.progress > 0.05);
    expect(await server.stop()).toBe(0);

    reader = await createContext(loadConfig(env));
    const handedBack = await reader.jobs.get(started.jobId);
    expect(handedBack).toMatchObject({ status: 'queued', attempts: 0 });
    expect(handedBack.message).toContain('交回队列');

    const worker = await startProcess({ ...env, SHUKAI_ROLE: 'worker' });
    try {
      // A worker answers its probes and nothing else.
      expect((await fetch(`${worker.url}/api/ready`)).status).toBe(200);
      expect((await fetch(`${worker.url}/api/v1/catalog`)).status).toBe(404);
      const finished = await eventually(() => reader.jobs.get(started.jobId), (j) => j.status !== 'queued' && j.status !== 'running', 120_000);
      expect(finished).toMatchObject({ status: 'succeeded', attempts: 1, result: { rows: ROWS } });
    } finally {
      expect(await worker.stop()).toBe(0);
    }
  }, 180_000);
});
