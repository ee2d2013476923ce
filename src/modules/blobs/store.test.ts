import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore } from './store.js';

const root = mkdtempSync(join(tmpdir(), 'shukai-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('copying a local file into the blob store', () => {
  it('keeps the bytes under a new key, and refuses a file over the limit without leaving anything', async () => {
    const store = new BlobStore(join(root, 'blobs'));
    const source = join(root, '源文件.csv');
    writeFileSync(source, 'a,b\n1,2\n');
    const { key, size } = await store.putFile(source, 1024, '.csv');
    expect(size).toBe(8);
    expect(key).toMatch(/\.csv$/);
    expect(readFileSync(store.path(key), 'utf8')).toBe('a,b\n1,2\n');

    const before = readdirSync(join(root, 'blobs'), { recursive: true }).length;
    await expect(store.putFile(source, 4)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(readdirSync(join(root, 'blobs'), { recursive: true })).toHaveLength(before);
  });
});
