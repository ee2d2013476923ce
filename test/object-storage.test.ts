/**
 * The application with its blobs in an S3-compatible bucket (a real S3-protocol server on
 * 127.0.0.1): uploads and their ingest, rejects reports, file resources, attachments, refused
 * uploads leaving nothing behind, and the copy of a local store into the bucket.
 */
import { existsSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../src/modules/blobs/local-store.js';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, drainJobs } from './support/catalog.js';
import { runCliAsync } from './support/cli.js';
import { startTestBucket, type TestBucket } from './support/s3.js';
import { upload } from './support/upload.js';

let bucket: TestBucket;
let t: TestApp;
let publisher: Client;
const MAX_UPLOAD_MB = 16;
/** A source system on 127.0.0.1: what it answers, by path. */
let source: Server;
const pages = new Map<string, string>();

beforeAll(async () => {
  bucket = await startTestBucket();
  source = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    res.writeHead(body === undefined ? 404 : 200);
    res.end(body);
  }).listen(0, '127.0.0.1');
  await once(source, 'listening');
  // Seeded afresh into the bucket: the demo data sets are ingested from it too.
  t = await startTestApp({ ...bucket.env, SHUKAI_MAX_UPLOAD_MB: String(MAX_UPLOAD_MB), SHUKAI_SOURCE_HOSTS: '127.0.0.1' });
  publisher = await login(t.app, DEMO.publisher);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await bucket?.close();
  source?.close();
});

/** Files left on the local disk: with object storage, none stays once a request or job is done. */
function localFiles(): string[] {
  return ['blobs', 'tmp'].flatMap((dir) => {
    const root = join(t.database.dataDir, dir);
    return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name) : [];
  });
}

describe('blobs in an S3-compatible bucket', () => {
  it('ingests an upload from the bucket, and serves its rejects report from there', async () => {
    const before = await bucket.objects();
    const entryId = await createEntry(t, publisher, { title: '对象存储导入测试' });
    const csv = '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n学院路口,很多,2020-01-15\n古荡,2,2021-03-03\n';
    const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('站点')}`, 'stations.csv', csv);
    expect(res.statusCode, res.body).toBe(202);
    const { resourceId, jobId } = res.json();
    await drainJobs(t);
    const job = (await publisher.request({ method: 'GET', url: `/api/v1/jobs/${jobId}` })).json();
    expect(job).toMatchObject({ status: 'succeeded', result: { rows: 2, rejected: 1 } });
    const records = (await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` })).json();
    expect(records.records.map((r: Record<string, unknown>) => r.站点名称)).toEqual(['文一路口', '古荡']);

    const report = await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/versions/1/rejects` });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.body).toContain('很多');

    // The upload and the report are objects in the bucket; nothing stayed on the local disk.
    const added = [...(await bucket.objects()).keys()].filter((k) => !before.has(k));
    expect(added).toHaveLength(2);
    expect(added.every((k) => k.endsWith('.csv'))).toBe(true);
    expect(Buffer.byteLength(csv)).toBe((await bucket.objects()).get((await t.ctx.database.db.selectFrom('resource_versions')
      .innerJoin('jobs', 'jobs.id', 'resource_versions.job_id').select('jobs.payload').where('resource_versions.resource_id', '=', resourceId)
      .executeTakeFirstOrThrow().then((r) => JSON.parse(r.payload) as { blobKey: string })).blobKey));
    expect(localFiles()).toEqual([]);
  });

  it('keeps a plain file in the bucket with its sniffed type, and streams it back on download', async () => {
    const entryId = await createEntry(t, publisher, { title: '对象存储文件测试' });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    const ok = await upload(publisher, `/api/v1/catalog/${entryId}/resources?kind=file&name=${encodeURIComponent('说明文档')}`, '说明.pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    const resource = await t.ctx.resources.get(ok.json().resourceId);
    expect((await bucket.objects()).get(resource.blob_key!)).toBe(pdf.length);
    const download = await publisher.request({ method: 'GET', url: `/api/v1/resources/${resource.id}/download` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // Refused by its bytes, after it reached the bucket: removed again.
    const before = await bucket.objects();
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(100)]);
    const bad = await upload(publisher, `/api/v1/catalog/${entryId}/resources?kind=file`, 'tool.pdf', elf);
    expect(bad.statusCode).toBe(415);
    expect(await bucket.objects()).toEqual(before);
    expect(localFiles()).toEqual([]);
  });

  it('refuses an upload past the size limit, leaving no object in the bucket', async () => {
    const entryId = await createEntry(t, publisher, { title: '对象存储超限测试' });
    const before = await bucket.objects();
    const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources?kind=file`, 'big.txt', Buffer.alloc((MAX_UPLOAD_MB + 1) * 1024 * 1024, 0x61));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    expect(await bucket.objects()).toEqual(before);
    expect(await t.ctx.resources.listForEntry(entryId)).toEqual([]);
  });

  it('keeps attachments in the bucket, and a refused one leaves nothing', async () => {
    const user = await registerUser(t.app);
    const before = await bucket.objects();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c50000000049454e44ae426082', 'hex');
    const res = await upload(user, '/api/v1/attachments', '证明.png', png);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'image/png', size: png.length });
    const own = await user.request({ method: 'GET', url: `/api/v1/attachments/${res.json().id}` });
    expect(own.rawPayload.equals(png)).toBe(true);
    expect((await bucket.objects()).size).toBe(before.size + 1);

    const refused = await upload(user, '/api/v1/attachments', '说明.txt', 'just text');
    expect(refused.statusCode).toBe(415);
    const empty = await upload(user, '/api/v1/attachments', '空.pdf', '');
    expect(empty.json().error.code).toBe('EMPTY_FILE');
    expect((await bucket.objects()).size).toBe(before.size + 1);

    const discarded = await user.request({ method: 'DELETE', url: `/api/v1/attachments/${res.json().id}` });
    expect(discarded.statusCode).toBe(204);
    expect(await bucket.objects()).toEqual(before);
    expect(localFiles()).toEqual([]);
  });

  it('runs URL sources through the bucket: the rows under a JSON page\'s key, and the rows past a cursor', async () => {
    const fields = [
      { name: '编号', title: '编号', type: 'integer', filterable: true },
      { name: '名称', title: '名称', type: 'string' },
      { name: '更新时间', title: '更新时间', type: 'datetime' },
    ];
    const entryId = await createEntry(t, publisher, { title: '对象存储汇聚测试', fields });
    const initial = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('站点')}`, 'initial.csv', '编号,名称,更新时间\n1,文一路口,2024-01-01 08:00:00\n');
    const { resourceId } = initial.json();
    await drainJobs(t);
    const origin = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    const run = async (id: string) => {
      expect((await publisher.request({ method: 'POST', url: `/api/v1/sources/${id}/run` })).statusCode).toBe(202);
      await drainJobs(t);
      return (await publisher.request({ method: 'GET', url: `/api/v1/sources/${id}` })).json().lastRun;
    };
    const register = async (body: object) => (await publisher.request({ method: 'POST', url: `/api/v1/resources/${resourceId}/sources`, payload: body })).json().id as string;
    const names = async () => (await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records?sort=${encodeURIComponent('编号 asc')}` })).json().records.map((r: Record<string, unknown>) => r.名称);

    pages.set('/page', JSON.stringify({ data: { items: [{ 编号: 2, 名称: '学院路口', 更新时间: '2024-03-01 08:00:00' }] } }));
    const page = await register({ kind: 'url', url: `${origin}/page`, jsonPath: 'data.items', mode: 'upsert', key: '编号' });
    expect(await run(page)).toMatchObject({ status: 'succeeded', version: 2 });
    expect(await names()).toEqual(['文一路口', '学院路口']);

    pages.set('/rows.csv', '编号,名称,更新时间\n3,武林广场,2024-05-01 08:00:00\n');
    const rows = await register({ kind: 'url', url: `${origin}/rows.csv`, mode: 'incremental', cursorField: '更新时间', key: '编号' });
    expect(await run(rows)).toMatchObject({ status: 'succeeded', version: 3 });
    expect(await names()).toEqual(['文一路口', '学院路口', '武林广场']);
    // Nothing new: the fetched file and the rows kept from it leave the bucket again.
    const before = await bucket.objects();
    expect(await run(rows)).toMatchObject({ status: 'unchanged' });
    expect(await bucket.objects()).toEqual(before);
    expect(localFiles()).toEqual([]);
  });

  it('answers NOT_FOUND for a blob the bucket does not hold', async () => {
    await expect(t.ctx.blobs.read('00000000-0000-4000-8000-000000000000.csv')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.ctx.blobs.ping();
  });
});

describe('shukai blobs copy-to-s3', () => {
  it('copies a local store into the bucket under the same keys, skipping what is already there', async () => {
    // Blobs written before the switch, as the local store keeps them.
    const local = new LocalBlobStore(join(t.database.dataDir, 'blobs'), join(t.database.dataDir, 'tmp'));
    const kept = await Promise.all(['a,b\n1,2\n', '站点名称\n文一路口\n', ''].map((content, i) => local.put(Readable.from([Buffer.from(content)]), 1024, i ? '.csv' : '')));
    const env = { ...t.env, SHUKAI_BLOBS: 'local' };

    const first = await runCliAsync(env, 'blobs', 'copy-to-s3');
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout.trim().split('\n').pop()!)).toEqual({ copied: 3, skipped: 0, bytes: kept.reduce((n, b) => n + b.size, 0) });
    const objects = await bucket.objects();
    for (const blob of kept) expect(objects.get(blob.key)).toBe(blob.size);
    // Once switched, the application reads them under the keys the database holds.
    expect(await text(await t.ctx.blobs.read(kept[1]!.key))).toBe('站点名称\n文一路口\n');

    const again = await runCliAsync(env, 'blobs', 'copy-to-s3');
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toEqual({ copied: 0, skipped: 3, bytes: 0 });
    const log = await t.ctx.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'cli.blobs.copyToS3').execute();
    expect(log).toHaveLength(2);
  }, 120_000);

  it('refuses without a bucket named', async () => {
    const res = await runCliAsync({ ...t.env, SHUKAI_BLOBS: 'local', S3_BUCKET: '' }, 'blobs', 'copy-to-s3');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('S3_BUCKET');
  }, 120_000);
});
