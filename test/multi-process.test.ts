/**
 * The scaled-out portal on one host standing in for several: two API-only processes and two
 * workers, each with its own DATA_DIR (no disk shared), on one PostgreSQL database and one
 * S3-protocol server (s3rver), given one SHUKAI_SECRET_KEY. Every journey starts on one API
 * process and is checked on the other. Processes start once for the whole file.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRow } from '../bench/generate-csv.js';
import { DEMO } from './support/app.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './support/database.js';
import { callerFor, eventually, json, signIn, startProcess, type ShukaiProcess } from './support/processes.js';
import { startTestBucket, type TestBucket } from './support/s3.js';
import { multipart } from './support/upload.js';

const PASSWORD = 'Shukai@2026';
const ROWS = 100_000;
const TITLE = '多进程部署公交线路客流';

let database: TestDatabase;
let bucket: TestBucket;
let sql: pg.Client;
let apiA: ShukaiProcess, apiB: ShukaiProcess;
let workers: ShukaiProcess[] = [];
const dataDirs: string[] = [];
/** The entry the first journey publishes, and its table resource. */
let entryId: string, resourceId: string;

async function start(role: 'api' | 'worker', shared: Record<string, string>): Promise<ShukaiProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), `shukai-${role}-`));
  dataDirs.push(dataDir);
  return startProcess({ ...shared, DATA_DIR: dataDir, SHUKAI_ROLE: role, LOG_LEVEL: 'warn' });
}

const pidOf = (lockedBy: string | null) => Number(lockedBy?.split(':')[1]);

describe.skipIf(TEST_ENGINE !== 'postgres')('several processes on one PostgreSQL and one bucket (PostgreSQL only: a SQLite file belongs to one host)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    bucket = await startTestBucket('shukai-multi');
    const shared = { DATABASE_URL: database.databaseUrl!, ...bucket.env, SHUKAI_SECRET_KEY: '7c'.repeat(32), SHUKAI_DEMO: '1' };
    // The first process migrates and seeds the empty database; the others start on it together.
    apiA = await start('api', shared);
    [apiB, ...workers] = await Promise.all([start('api', shared), start('worker', shared), start('worker', shared)]) as [ShukaiProcess, ...ShukaiProcess[]];
    sql = new pg.Client({ connectionString: database.databaseUrl });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    const codes = await Promise.all([apiA, apiB, ...workers].filter(Boolean).map((p) => p.stop()));
    await bucket?.close();
    await database?.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    expect(codes.every((c) => c === 0)).toBe(true);
  }, 60_000);

  it('ingests an upload made through A in a worker, shows its progress and rejects on B, and serves the download from B', async () => {
    const publisher = await signIn(apiA.url, DEMO.publisher, PASSWORD);
    const publisherOnB = callerFor(apiB.url, publisher.cookie, publisher.csrfToken);
    const departments = (await (await publisher.call('/api/v1/departments')).json()).items as { id: string; name: string }[];
    const departmentId = departments.find((d) => d.name === '杭州市交通运输局')!.id;
    entryId = (await (await publisher.call('/api/v1/catalog', json({ title: TITLE, summary: '多进程测试', departmentId, openType: 'unconditional', updateFrequency: 'monthly' }))).json()).id;

    let seed = 3;
    const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const lines = ['序号,姓名,身份证号,手机号,性别,出生日期,地址,金额,登记时间,是否有效'];
    for (let i = 1; i <= ROWS; i++) lines.push(generateRow(i, rand).join(','));
    lines.push('100001,只有两列');
    const file = await multipart('客流.csv', lines.join('\n'));
    const upload = await publisher.call(`/api/v1/catalog/${entryId}/resources`, { method: 'POST', body: new Uint8Array(file.payload), headers: file.headers });
    expect(upload.status).toBe(202);
    const started = await upload.json();
    resourceId = started.resourceId;

    // Its progress, read on B while a worker writes it.
    const seenOnB: { status: string; progress: number }[] = [];
    const done = await eventually(async () => {
      const job = await (await publisherOnB(`/api/v1/jobs/${started.jobId}`)).json();
      seenOnB.push(job);
      return job;
    }, (j) => j.status === 'succeeded' || j.status === 'failed', 120_000);
    expect(done).toMatchObject({ status: 'succeeded', result: { rows: ROWS, rejected: 1 } });
    expect(seenOnB.some((j) => j.status === 'running' && j.progress > 0 && j.progress < 1)).toBe(true);
    expect(await (await publisher.call(`/api/v1/jobs/${started.jobId}`)).json()).toEqual(done);
    const { rows: [ran] } = await sql.query('select locked_by from jobs where id = $1', [started.jobId]);
    expect(workers.map((w) => w.proc.pid)).toContain(pidOf(ran.locked_by));

    // The upload and its rejects report live in the bucket, not on the receiving host's disk.
    expect((await bucket.objects()).size).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(dataDirs[0]!, 'blobs')) ? readdirSync(join(dataDirs[0]!, 'blobs')) : []).toEqual([]);
    const rejects = await publisherOnB(`/api/v1/resources/${resourceId}/versions/1/rejects`);
    expect(rejects.status).toBe(200);
    expect(await rejects.text()).toContain('只有两列');

    // Published through both processes: submitted on B, reviewed on A and on B.
    expect((await publisherOnB(`/api/v1/catalog/${entryId}/submit`, { method: 'POST' })).status).toBe(200);
    const departmentReviewer = await signIn(apiA.url, DEMO.providerReviewer, PASSWORD);
    expect((await departmentReviewer.call(`/api/v1/catalog/${entryId}/review`, json({ approve: true }))).status).toBe(200);
    const authorityReviewer = await signIn(apiB.url, DEMO.authorityReviewer, PASSWORD);
    expect((await authorityReviewer.call(`/api/v1/catalog/${entryId}/review`, json({ approve: true }))).status).toBe(200);

    // The licence accepted on A lets the download through on B.
    const user = await signIn(apiA.url, DEMO.verifiedUser, PASSWORD);
    const userOnB = callerFor(apiB.url, user.cookie, user.csrfToken);
    expect((await userOnB(`/api/v1/resources/${resourceId}/download`)).status).toBe(403);
    const { version } = await (await user.call('/api/v1/licence')).json();
    expect((await user.call('/api/v1/licence/accept', json({ version }))).status).toBe(200);
    const download = await userOnB(`/api/v1/resources/${resourceId}/download`);
    expect(download.status).toBe(200);
    const csv = await download.text();
    expect(csv.trimEnd().split('\n')).toHaveLength(ROWS + 1);
  }, 180_000);

  it('accepts a session made on A on B, and B demands its CSRF token on writes', async () => {
    const user = await signIn(apiA.url, DEMO.verifiedUser, PASSWORD);
    const onB = callerFor(apiB.url, user.cookie, user.csrfToken);
    const me = await (await onB('/api/v1/me')).json();
    // B knows the session A made, down to its CSRF token.
    expect(me).toMatchObject({ phone: DEMO.verifiedUser, csrfToken: user.csrfToken });
    const patch = (headers: Record<string, string>) => fetch(`${apiB.url}/api/v1/me`, {
      method: 'PATCH', headers: { cookie: user.cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ displayName: '跨进程用户' }),
    });
    const forged = await patch({});
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe('CSRF_FAILED');
    expect((await patch({ 'x-csrf-token': user.csrfToken })).status).toBe(200);
  });

  it('refuses on B an API key revoked on A', async () => {
    const user = await signIn(apiA.url, DEMO.verifiedUser, PASSWORD);
    const created = await (await user.call('/api/v1/me/api-keys', json({ name: '跨进程密钥' }))).json();
    const withKey = () => fetch(`${apiB.url}/api/v1/me`, { headers: { authorization: `Bearer ${created.key}:${created.secret}` } });
    expect((await withKey()).status).toBe(200);
    expect((await user.call(`/api/v1/me/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    const refused = await eventually(withKey, (r) => r.status !== 200, 3_000);
    expect(refused.status).toBe(401);
  });

  it("takes an entry withdrawn through B out of A's search and downloads", async () => {
    expect(entryId).toBeTruthy();
    const user = await signIn(apiA.url, DEMO.verifiedUser, PASSWORD);
    const found = async () => ((await (await fetch(`${apiA.url}/api/v1/catalog?q=${encodeURIComponent(TITLE)}`)).json()).items as { id: string }[]).some((e) => e.id === entryId);
    expect(await found()).toBe(true);
    expect((await user.call(`/api/v1/resources/${resourceId}/download`)).status).toBe(200);

    const publisher = await signIn(apiB.url, DEMO.publisher, PASSWORD);
    expect((await publisher.call(`/api/v1/catalog/${entryId}/withdraw`, json({ reason: '数据口径调整' }))).status).toBe(200);
    expect(await eventually(found, (f) => !f, 3_000)).toBe(false);
    const refused = await eventually(() => user.call(`/api/v1/resources/${resourceId}/download`), (r) => r.status !== 200, 3_000);
    expect(refused.status).toBe(404);
  });

  it('runs each scheduled minute once across the workers, and only in workers', async () => {
    // source-runs-due is due every minute: wait for a firing both workers' clocks saw.
    const firings = await eventually(async () => (await sql.query(
      "select dedupe_key, count(*)::int as n, max(locked_by) as by from jobs where kind = 'recurring:source-runs-due' and status = 'succeeded' group by dedupe_key",
    )).rows as { dedupe_key: string; n: number; by: string }[], (rows) => rows.length > 0, 75_000);
    expect(firings.every((f) => f.n === 1)).toBe(true);
    const { rows: all } = await sql.query("select dedupe_key, count(*)::int as n from jobs where kind like 'recurring:%' group by dedupe_key having count(*) > 1");
    expect(all).toEqual([]);
    const { rows: runners } = await sql.query("select distinct locked_by from jobs where kind like 'recurring:%' and locked_by is not null");
    for (const { locked_by } of runners) expect(workers.map((w) => w.proc.pid)).toContain(pidOf(locked_by));
  }, 90_000);
});
