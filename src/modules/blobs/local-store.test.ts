import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from './local-store.js';

const root = mkdtempSync(join(tmpdir(), 'shukai-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('copying a local file into the blob store', () => {
  it('keeps the bytes under a new key, and refuses a file over the limit without leaving anything', async () => {
    const store = new LocalBlobStore(join(root, 'blobs'), join(root, 'tmp'));
    const source = join(root, '源文件.csv');
    writeFileSync(source, 'a,b\n1,2\n');
    const { key, size } = await store.putFile(source, 1024, '.csv');
    expect(size).toBe(8);
    expect(key).toMatch(/\.csv$/);
    expect(await text(await store.read(key))).toBe('a,b\n1,2\n');
    expect(await text(await store.read(key, { start: 4, end: 6 }))).toBe('1,2');

    const before = readdirSync(join(root, 'blobs'), { recursive: true }).length;
    await expect(store.putFile(source, 4)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(readdirSync(join(root, 'blobs'), { recursive: true })).toHaveLength(before);
  });

  it('answers NOT_FOUND for a missing blob and for a key it could not have made', async () => {
    const store = new LocalBlobStore(join(root, 'blobs'), join(root, 'tmp'));
    await expect(store.read('00000000-0000-0000-0000-000000000000.csv')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.read('../secret.key')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.size('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
