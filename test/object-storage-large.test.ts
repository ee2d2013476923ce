/**
 * A large upload through the real server process into a bucket and back: the body streams
 * through in constant memory both ways (a multipart upload to the bucket, GetObject to the client).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestBucket, type TestBucket } from './support/s3.js';
import { startServer, type ServerProcess } from './support/server.js';

const SIZE = 256 * 1024 * 1024;
/**
 * What the server may grow by while it moves SIZE bytes: its multipart parts in flight, buffers,
 * and the garbage the collector has not yet reclaimed (about 80 MB here, whatever the size);
 * holding the file would take all of it.
 */
const MAX_GROWTH = SIZE / 2;

let bucket: TestBucket;
let database: TestDatabase;
let server: ServerProcess;

beforeAll(async () => {
  bucket = await startTestBucket();
  database = await createTestDatabase();
  server = await startServer({
    DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl ?? '', SHUKAI_DEMO: '1', SHUKAI_MAX_UPLOAD_MB: '512', ...bucket.env,
  });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await database?.drop();
  await bucket?.close();
});

/** The server's resident memory now, from the kernel. */
function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

/** Samples the server's memory while `work` runs; answers the work's result and the largest growth seen. */
async function watchingMemory<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const base = rssOf(server.pid);
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, rssOf(server.pid)); }, 50);
  try {
    const result = await work();
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}

/** CSV text of `size` bytes, made as it is sent. */
async function* csvOf(size: number, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  const line = Buffer.from('2024-01-01,杭州市西湖区文三路,1234567,有效\n');
  const block = Buffer.concat(Array.from({ length: Math.ceil(65536 / line.length) }, () => line));
  for (let sent = 0; sent < size;) {
    const chunk = block.subarray(0, Math.min(block.length, size - sent));
    hash.update(chunk);
    sent += chunk.length;
    yield chunk;
  }
}

async function* multipartOf(fileName: string, content: AsyncGenerator<Uint8Array>, boundary: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`);
  yield* content;
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

describe('a large file through object storage', () => {
  it('streams a 256 MB upload into the bucket and back out in flat memory', async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: '13800000004', password: 'Shukai@2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = await login.json();
    const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { ...init, headers: { cookie, 'x-csrf-token': csrfToken, ...init.headers } });
    const departments = (await (await call('/api/v1/departments')).json()).items as { id: string; name: string }[];
    const entry = await (await call('/api/v1/catalog', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '大文件测试', summary: '测试', departmentId: departments.find((d) => d.name === '杭州市交通运输局')!.id, openType: 'unconditional', updateFrequency: 'monthly' }),
    })).json();

    const sent = createHash('sha256');
    const boundary = 'shukai-large-upload';
    const uploaded = await watchingMemory(async () => call(`/api/v1/catalog/${entry.id}/resources?kind=file`, {
      method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: multipartOf('大文件.csv', csvOf(SIZE, sent), boundary) as unknown as BodyInit, duplex: 'half',
    } as RequestInit));
    expect(uploaded.result.status, await uploaded.result.clone().text()).toBe(201);
    const { resourceId } = await uploaded.result.json();
    expect(uploaded.growth).toBeLessThan(MAX_GROWTH);
    expect([...(await bucket.objects()).values()]).toContain(SIZE);

    const received = createHash('sha256');
    const downloaded = await watchingMemory(async () => {
      const res = await call(`/api/v1/resources/${resourceId}/download`);
      expect(res.status).toBe(200);
      let bytes = 0;
      for await (const chunk of res.body!) {
        received.update(chunk);
        bytes += chunk.length;
      }
      return bytes;
    });
    expect(downloaded.result).toBe(SIZE);
    expect(received.digest('hex')).toBe(sent.digest('hex'));
    expect(downloaded.growth).toBeLessThan(MAX_GROWTH);
  }, 240_000);
});
