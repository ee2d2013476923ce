import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.js';
import { startTestBucket, type TestBucket } from '../../../test/support/s3.js';
import { openBlobStore } from './open-store.js';
import type { BlobStore } from './store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'shukai-s3-store-'));
let bucket: TestBucket;
let store: BlobStore;

beforeAll(async () => {
  bucket = await startTestBucket();
  store = await openBlobStore(loadConfig({ DATA_DIR: dataDir, ...bucket.env }));
});
afterAll(async () => {
  store.close();
  await bucket.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the S3 blob store', () => {
  it('streams a blob in and out, whole or by range, and removes it', async () => {
    const { key, size } = await store.put(Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')]), 1024, '.csv');
    expect(size).toBe(8);
    expect(key).toMatch(/^[0-9a-f-]{36}\.csv$/);
    expect(await bucket.objects()).toEqual(new Map([[key, 8]]));
    expect(await text(await store.read(key))).toBe('a,b\n1,2\n');
    expect(await text(await store.read(key, { start: 4, end: 6 }))).toBe('1,2');
    expect(await store.size(key)).toBe(8);
    expect(await store.withLocalFile(key, async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'))).toBe('a,b\n1,2\n');
    // The temporary local copy is gone.
    expect(readdirSync(join(dataDir, 'tmp'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile())).toEqual([]);
    await store.remove(key);
    expect(await bucket.objects()).toEqual(new Map());
    await expect(store.read(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.size(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.read('../secret.key')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a stream past the limit mid-way through a multipart upload, leaving no object', async () => {
    // 20 MiB against a 12 MiB limit: one 8 MiB part is already sent when the limit is crossed.
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const source = Readable.from((function* () { for (let i = 0; i < 20; i++) yield chunk; })());
    const from = bucket.requests.length;
    await expect(store.put(source, 12 * 1024 * 1024, '.csv')).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await bucket.objects()).toEqual(new Map());
    // The multipart upload was started, then aborted (which s3rver itself does not implement).
    const sent = bucket.requests.slice(from);
    expect(sent.some((r) => /^POST \S+\?uploads/.test(r))).toBe(true);
    expect(sent.some((r) => /^DELETE \S+\?uploadId=/.test(r))).toBe(true);
  });

  it('keeps an empty blob, and pings the bucket', async () => {
    const { key, size } = await store.put(Readable.from([]), 1024);
    expect(size).toBe(0);
    expect(await text(await store.read(key))).toBe('');
    await store.ping();
    await store.remove(key);
  });

  it('fails its ping and its uploads when the bucket does not answer, ending the stream it was given', async () => {
    const elsewhere = await openBlobStore(loadConfig({ DATA_DIR: dataDir, ...bucket.env, S3_BUCKET: 'no-such-bucket' }));
    await expect(elsewhere.ping()).rejects.toBeTruthy();
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const source = Readable.from((function* () { for (let i = 0; i < 40; i++) yield chunk; })());
    await expect(elsewhere.put(source, 64 * 1024 * 1024)).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await vi.waitFor(() => expect(source.destroyed).toBe(true));
    elsewhere.close();
  });

  it('gives up its ping within seconds on an endpoint that never answers', async () => {
    const silent = createServer(() => { /* accepts, never answers */ }).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const stuck = await openBlobStore(loadConfig({ DATA_DIR: dataDir, ...bucket.env, S3_ENDPOINT: endpoint }));
    const started = Date.now();
    await expect(stuck.ping()).rejects.toBeTruthy();
    expect(Date.now() - started).toBeLessThan(10_000);
    stuck.close();
    silent.close();
  }, 20_000);
});
