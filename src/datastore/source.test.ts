import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { scanFile } from './scan.js';
import { readRows } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'shukai-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * 40,000 rows of two- to four-byte characters (about 2.6 MB): the file is read in 1 MiB pieces
 * and decoded in 64 KiB slices, so characters straddle many slice and piece boundaries.
 */
function expectedRows(): string[][] {
  const rows = [['序号', '名称', '备注']];
  for (let i = 1; i <= 40_000; i++) rows.push([String(i), `杭州市第${i}号数据`, i % 7 === 0 ? '©é𠀋“引号”' : '西湖区']);
  return rows;
}

async function readAll(path: string): Promise<{ rows: string[][]; bytes: number }> {
  let bytes = 0;
  const onBytes = (n: number) => { bytes += n; };
  const scan = await scanFile(path, 'data.csv', () => undefined);
  const rows: string[][] = [];
  for await (const batch of readRows(path, scan, { onBytes })) for (const r of batch) rows.push(r.cells);
  return { rows, bytes };
}

describe('reading a text file', () => {
  const expected = expectedRows();
  const text = expected.map((r) => r.join(',')).join('\r\n');

  it('decodes UTF-8 (with a BOM) whole across read and decode boundaries', async () => {
    const path = join(dir, 'utf8.csv');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    writeFileSync(path, bytes);
    const read = await readAll(path);
    expect(read.rows).toEqual(expected);
    expect(read.bytes).toBe(bytes.length);
  });

  it('decodes GB18030 whole across the same boundaries', async () => {
    const path = join(dir, 'gb18030.csv');
    const bytes = iconv.encode(text, 'gb18030');
    writeFileSync(path, bytes);
    const read = await readAll(path);
    expect(read.rows).toEqual(expected);
    expect(read.bytes).toBe(bytes.length);
  });
});
