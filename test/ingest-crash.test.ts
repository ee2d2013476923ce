/**
 * kill -9 in the middle of an ingest: the previous version stays served, no orphan table
 * survives the restart, and the interrupted job runs again to completion — with the blobs in
 * the local folder, and in an S3-compatible bucket.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateRow } from '../bench/generate-csv.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { listDataTables } from '../src/datastore/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestBucket, type TestBucket } from './support/s3.js';
import { eventually, signIn, startProcess, type Caller } from './support/processes.js';
import { multipart } from './support/upload.js';

const PASSWORD = 'Shukai@2026';
let bigCsv: Buffer;
let env: Record<string, string>;

const start = (extra: Record<string, string> = {}) => startProcess({ ...env, ...extra });

async function session(url: string, account: string): Promise<Caller> {
  return (await signIn(url, account, PASSWORD)).call;
}

function waitForJob(call: Caller, jobId: string, until: (job: { status: string; progress: number }) => boolean) {
  return eventually(async () => (await call(`/api/v1/jobs/${jobId}`)).json(), until, 120_000);
}

beforeAll(() => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['序号,姓名,身份证号,手机号,性别,出生日期,地址,金额,登记时间,是否有效'];
  for (let i = 1; i <= 400_000; i++) lines.push(generateRow(i, rand).join(','));
  bigCsv = Buffer.from(lines.join('\n'));
}, 120_000);

/** Files left in the data folder's blobs and temporary files. */
function localFiles(dataDir: string): string[] {
  return ['blobs', 'tmp'].flatMap((dir) => existsSync(join(dataDir, dir))
    ? readdirSync(join(dataDir, dir), { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name) : []);
}

describe.each(['local', 's3'] as const)('kill -9 during an ingest (blobs: %s)', (blobs) => {
  let database: TestDatabase;
  let bucket: TestBucket | undefined;
  beforeAll(async () => {
    // The seeded demo's copy, where its files are local; with a bucket the demo is seeded into it afresh.
    database = await createTestDatabase(blobs === 'local' ? inject('seededTemplate') : undefined);
    bucket = blobs === 's3' ? await startTestBucket() : undefined;
    env = { DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl ?? '', SHUKAI_DEMO: '1', ...bucket?.env };
  });
  afterAll(async () => {
    await database.drop();
    await bucket?.close();
  });

  it('keeps serving the previous version, leaves no orphan table, and finishes the job after restart', async () => {
    const first = await start();
    const publisher = await session(first.url, '13800000004');
    const departments = (await (await publisher('/api/v1/departments')).json()).items;
    const transport = departments.find((d: { name: string }) => d.name === '杭州市交通运输局').id;
    const created = await (await publisher('/api/v1/catalog', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '崩溃测试目录', summary: '测试', departmentId: transport, openType: 'unconditional', updateFrequency: 'monthly' }),
    })).json();
    const small = await multipart('v1.csv', bigCsv.subarray(0, bigCsv.indexOf('\n', 2000)).toString());
    const v1 = await (await publisher(`/api/v1/catalog/${created.id}/resources`, { method: 'POST', body: new Uint8Array(small.payload), headers: small.headers })).json();
    await waitForJob(publisher, v1.jobId, (j) => j.status === 'succeeded');
    await publisher(`/api/v1/catalog/${created.id}/submit`, { method: 'POST' });
    // The department's security review, then the authority's.
    const departmentReviewer = await session(first.url, '13800000005');
    await departmentReviewer(`/api/v1/catalog/${created.id}/review`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approve: true }) });
    const reviewer = await session(first.url, '13800000002');
    await reviewer(`/api/v1/catalog/${created.id}/review`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approve: true }) });
    const v1Rows = (await (await reviewer(`/api/v1/resources/${v1.resourceId}/records?limit=1`)).json()).total;

    const big = await multipart('v2.csv', bigCsv);
    const v2 = await (await publisher(`/api/v1/resources/${v1.resourceId}/versions`, { method: 'POST', body: new Uint8Array(big.payload), headers: big.headers })).json();
    await waitForJob(publisher, v2.jobId, (j) => j.status === 'running' && j.progress > 0.05);
    first.proc.kill('SIGKILL');
    await first.exited;

    // Restart without running jobs: recovery alone must leave a clean, served state.
    const second = await start({ SHUKAI_RUN_JOBS: '0' });
    const reader = await session(second.url, '13800000002');
    expect((await (await reader(`/api/v1/resources/${v1.resourceId}/records?limit=1`)).json()).total).toBe(v1Rows);
    const owner = await session(second.url, '13800000004');
    const job = await (await owner(`/api/v1/jobs/${v2.jobId}`)).json();
    expect(job.status).toBe('queued');
    const ctx = await createContext(loadConfig(env));
    try {
      const tables = await listDataTables(ctx.database.db, ctx.database.adapter);
      const owned = (await ctx.database.db.selectFrom('resource_versions').select('table_name').where('status', '=', 'ready').execute()).map((v) => v.table_name);
      expect(tables.sort()).toEqual(owned.sort());
    } finally {
      await ctx.close();
    }
    await second.stop();

    // With jobs running again, the interrupted ingest starts over from the kept upload and completes.
    const third = await start();
    try {
      const again = await session(third.url, '13800000004');
      const done = await waitForJob(again, v2.jobId, (j) => j.status === 'succeeded' || j.status === 'failed');
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2, result: { rows: 400_000 } });
      expect((await (await again(`/api/v1/resources/${v1.resourceId}/records?limit=1`)).json()).total).toBe(400_000);
      if (bucket) {
        // Every blob is in the bucket; the killed process's download was swept at the next start.
        expect(localFiles(database.dataDir)).toEqual([]);
        expect([...(await bucket.objects()).values()]).toContain(bigCsv.length);
      }
    } finally {
      await third.stop();
    }
  }, 240_000);
});
