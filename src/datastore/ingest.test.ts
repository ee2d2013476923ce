import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { listDataTables, queryRecords, tableNameFor } from './index.js';
import { makeZip, openTestStore, type TestStore } from './testing.js';
import { XLSX_LIMITS } from './zip-guard.js';

let store: TestStore;
beforeAll(async () => { store = await openTestStore(); });
afterAll(async () => { await store.drop(); });

const CHINESE = '姓名,城市,人口\n张三,杭州市,1194\n李四,宁波市,961\n';

async function rows(result: { tableName: string; fields: never[] | unknown[]; rowCount: number }) {
  const page = await queryRecords(store.db, store.adapter, result as never, { limit: 1000 });
  return page.records;
}

async function failure(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, 'expected the ingest to fail').toBeTruthy();
  return err as { code: string; detail?: string; field?: string };
}

describe('formats and encodings', () => {
  it('detects GBK, GB18030, UTF-8 with BOM and TSV', async () => {
    const gbk = await store.ingest(iconv.encode(CHINESE, 'gbk'));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.format).toBe('csv');
    expect(gbk.sourceColumns).toEqual(['姓名', '城市', '人口']);
    expect(await rows(gbk)).toEqual([{ 姓名: '张三', 城市: '杭州市', 人口: 1194 }, { 姓名: '李四', 城市: '宁波市', 人口: 961 }]);

    const rare = '名称,说明\n𠮷野家,扩展字符\n'; // U+20BB7 exists only in GB18030, as four bytes
    const gb = await store.ingest(iconv.encode(rare, 'gb18030'));
    expect(gb.encoding).toBe('gb18030');
    expect((await rows(gb))[0]).toEqual({ 名称: '𠮷野家', 说明: '扩展字符' });

    const bom = await store.ingest(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHINESE)]));
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.sourceColumns[0]).toBe('姓名');

    const tsv = await store.ingest('a\tb\n1\t"x,y"\n', { name: 'data.txt' });
    expect(tsv.format).toBe('tsv');
    expect(await rows(tsv)).toEqual([{ a: 1, b: 'x,y' }]);
    expect(tsv.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the first sheet of an XLSX workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['编号', '名称', '日期', '金额', '公式']);
    ws.addRow(['00123', '西湖', new Date(Date.UTC(2024, 0, 15)), 12.5, { formula: 'D2*2', result: 25 }]);
    ws.addRow(['00124', '钱塘江', new Date(Date.UTC(2024, 1, 1)), 3]);
    wb.addWorksheet('其他').addRow(['ignored']);
    const path = store.file('book.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const result = await store.ingest({ path }, { name: 'book.xlsx' });
    expect(result.format).toBe('xlsx');
    expect(result.encoding).toBe('n/a');
    expect(result.fields.map((f) => f.type)).toEqual(['string', 'string', 'date', 'number', 'integer']);
    expect(await rows(result)).toEqual([
      { 编号: '00123', 名称: '西湖', 日期: '2024-01-15', 金额: 12.5, 公式: 25 },
      { 编号: '00124', 名称: '钱塘江', 日期: '2024-02-01', 金额: 3, 公式: null },
    ]);
  });

  it('reads a workbook whose sheet comes before xl/workbook.xml in the archive', async () => {
    // exceljs writes workbook.xml last; a streaming reader may meet the sheet first.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据').addRows([['数量', '日期'], [1, new Date(Date.UTC(2024, 0, 15))]]);
    const source = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const names = Object.keys(source.files).filter((n) => !source.files[n]!.dir);
    const order = [...names.filter((n) => n !== 'xl/workbook.xml' && !n.startsWith('xl/worksheets/')), ...names.filter((n) => n.startsWith('xl/worksheets/')), 'xl/workbook.xml'];
    const entries = await Promise.all(order.map(async (name) => ({ name, data: await source.file(name)!.async('nodebuffer') })));
    const path = store.file('reordered.xlsx', makeZip(entries));
    const result = await store.ingest({ path }, { name: 'reordered.xlsx' });
    expect(await rows(result)).toEqual([{ 数量: 1, 日期: '2024-01-15' }]);
  });

  it('streams a JSON array of objects (keys in order of first appearance)', async () => {
    const json = JSON.stringify([{ id: 1, name: '甲', tags: ['a'] }, { id: 2, extra: true }]).replace('"id":1', '"id":1,"big":330106198506153212');
    const result = await store.ingest(json, { name: 'data.json' });
    expect(result.format).toBe('json');
    expect(result.sourceColumns).toEqual(['id', 'big', 'name', 'tags', 'extra']);
    expect(await rows(result)).toEqual([
      { id: 1, big: '330106198506153212', name: '甲', tags: '["a"]', extra: null },
      { id: 2, big: null, name: null, tags: null, extra: true },
    ]);
  });

  it('infers types over the whole file, not the first rows', async () => {
    const lines = ['n,code,amount'];
    for (let i = 0; i < 10_000; i++) lines.push(`${i},${String(i).padStart(5, '0')},${i}.5`);
    lines.push('N/A,00001,7');
    const result = await store.ingest(`${lines.join('\n')}\n`);
    expect(result.fields.map((f) => [f.name, f.type])).toEqual([['n', 'string'], ['code', 'string'], ['amount', 'number']]);
    expect(result.rowCount).toBe(10_001);
    const p = await queryRecords(store.db, store.adapter, result, { filters: JSON.stringify({ n: 'N/A' }) });
    expect(p.records).toEqual([{ n: 'N/A', code: '00001', amount: 7 }]);
    const profile = result.profile.find((f) => f.name === 'amount')!;
    expect(profile).toMatchObject({ nullCount: 0, min: 0.5, max: 9999.5, distinctEstimated: true });
    expect(Math.abs(profile.distinctCount - 10_001)).toBeLessThan(500);
    expect(result.profile.find((f) => f.name === 'code')).toMatchObject({ distinctCount: 10_000, distinctEstimated: false });
  });
});

describe('statistics of sensitive fields', () => {
  it('keep how complete a sensitive field is, never its values', async () => {
    const csv = '姓名,身份证号,金额\n张三,330106199001011234,10\n张三,,20\n李四,330106199001011234,30\n';
    const declaredFields = [
      { name: '姓名', type: 'string' as const, sensitive: true }, { name: '身份证号', type: 'string' as const, sensitive: true },
      { name: '金额', type: 'integer' as const },
    ];
    const resourceId = '11111111-2222-3333-4444-777777777777';
    const replaced = await store.ingest(csv, { declaredFields, resourceId });
    // An append profiles the whole stored table afterwards: the same rule holds there.
    const appended = await store.ingest(csv, { declaredFields, resourceId, version: 2, mode: 'append', previous: replaced });
    for (const result of [replaced, appended]) {
      const [name, id, amount] = result.profile;
      expect(name).toEqual({ name: '姓名', type: 'string', nullCount: 0, nullRatio: 0, distinctCount: 0, distinctEstimated: false, topValues: [], withheld: true });
      expect(id).toMatchObject({ nullCount: result.rowCount / 3, withheld: true, topValues: [] });
      expect(JSON.stringify(result.profile)).not.toMatch(/张三|3301/);
      expect(amount).toMatchObject({ min: 10, max: 30, distinctCount: 3 });
    }
  });
});

describe('malformed input', () => {
  it('rejects ragged rows and huge cells with their row numbers, loading the rest', async () => {
    const huge = 'x'.repeat(40 * 1024);
    const rejectsPath = join(store.dir, 'ragged-rejects.csv');
    const result = await store.ingest(`a,b\n1,2\n3\n4,5,6\n7,${huge}\n8,9\n`, { rejectsPath });
    expect(result.rowCount).toBe(2);
    expect(result.rejectedCount).toBe(3);
    const rejects = readFileSync(rejectsPath, 'utf8');
    expect(rejects.charCodeAt(0)).toBe(0xfeff);
    const lines = rejects.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('行号,字段,原因,a,b');
    expect(lines[1]).toMatch(/^3,,列数不符：表头 2 列，该行 1 列,3$/);
    expect(lines[2]).toBe('4,,列数不符：表头 2 列，该行 3 列,4,5,6');
    expect(lines[3]).toMatch(/^5,,单元格过长/);
  });

  it('fails the whole file on ragged rows in strict mode, leaving no table', async () => {
    const before = await listDataTables(store.db, store.adapter);
    const err = await failure(store.ingest('a,b\n1,2\n3\n', { strict: true }));
    expect(err.code).toBe('ROWS_REJECTED');
    expect(err.detail).toMatch(/第 3 行/);
    expect(await listDataTables(store.db, store.adapter)).toEqual(before);
  });

  it('names the line of an unterminated quote', async () => {
    const err = await failure(store.ingest('a,b\n1,2\n3,"never closed\n4,5\n'));
    expect(err.code).toBe('MALFORMED_FILE');
    expect(err.detail).toMatch(/第 3 行/);
  });

  it('refuses empty files, header-only files, bad headers and binary junk', async () => {
    expect((await failure(store.ingest(''))).code).toBe('EMPTY_FILE');
    expect((await failure(store.ingest('\uFEFF  \n'))).code).toBe('EMPTY_FILE');
    expect((await failure(store.ingest('a,b,c\n'))).code).toBe('EMPTY_FILE');
    expect((await failure(store.ingest('[]', { name: 'x.json' }))).code).toBe('EMPTY_FILE');
    const dup = await failure(store.ingest('a,b,a\n1,2,3\n'));
    expect(dup).toMatchObject({ code: 'MALFORMED_FILE' });
    expect(dup.detail).toMatch(/重复：a/);
    expect((await failure(store.ingest('a,,c\n1,2,3\n'))).detail).toMatch(/第 2 列/);
    expect((await failure(store.ingest(`a,${'长'.repeat(40_000)}\n1,2\n`))).detail).toMatch(/列名过长/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
    expect((await failure(store.ingest(png))).code).toBe('UNSUPPORTED_FORMAT');
    expect((await failure(store.ingest(Buffer.from('a,b\n1,\u0000\u0001\n')))).code).toBe('UNSUPPORTED_FORMAT');
    const zip = makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    expect((await failure(store.ingest(zip, { name: 'data.xlsx' }))).code).toBe('UNSUPPORTED_FORMAT');
    expect((await failure(store.ingest(Buffer.from([0xff, 0xfe, 0x41, 0x00])))).code).toBe('ENCODING_ERROR');
    // Not UTF-8, and not GB18030 either (0xFF is never a GB18030 lead byte).
    expect((await failure(store.ingest(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xff, 0x2c, 0x31, 0x0a])))).code).toBe('ENCODING_ERROR');
    expect((await failure(store.ingest('{"a":1}', { name: 'x.json' }))).code).toBe('MALFORMED_FILE');
    expect((await failure(store.ingest('[{"a":1},{"a":', { name: 'x.json' }))).code).toBe('MALFORMED_FILE');
  });

  it('stops a zip bomb disguised as XLSX before it is expanded', async () => {
    const saved = XLSX_LIMITS.totalBytes;
    XLSX_LIMITS.totalBytes = 4 * 1024 * 1024;
    try {
      const bomb = makeZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x20) },
      ]);
      expect(bomb.length).toBeLessThan(200 * 1024);
      expect((await failure(store.ingest(bomb, { name: 'bomb.xlsx' }))).code).toBe('FILE_TOO_LARGE');
    } finally {
      XLSX_LIMITS.totalBytes = saved;
    }
    // Within the total, one entry that inflates ~1,000× (one cell of 64 MiB) is refused too.
    const cell = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat([Buffer.from('<worksheet><sheetData><row><c t="inlineStr"><is><t>'), Buffer.alloc(64 * 1024 * 1024, 0x41), Buffer.from('</t></is></c></row></sheetData></worksheet>')]) },
    ]);
    const refused = await failure(store.ingest(cell, { name: 'cell.xlsx' }));
    expect(refused).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(refused.detail).toMatch(/sheet1\.xml.*压缩炸弹/);
  });

  it('reports progress and honours an abort signal', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},值${i}`);
    const seen: number[] = [];
    const ok = await store.ingest(lines.join('\n'), { onProgress: (p) => seen.push(p.bytesRead / p.totalBytes) });
    expect(ok.rowCount).toBe(20_000);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);

    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    const version = 7;
    const resourceId = '11111111-2222-3333-4444-555555555555';
    await expect(store.ingest(lines.join('\n'), { signal: controller.signal, resourceId, version })).rejects.toThrow('cancelled');
    expect(await listDataTables(store.db, store.adapter)).not.toContain(tableNameFor(resourceId, version));
  });
});

describe('in a worker thread (big files)', () => {
  const csv = (() => {
    const lines = ['编号,名称,金额,日期'];
    for (let i = 0; i < 30_000; i++) lines.push(`${String(i).padStart(6, '0')},站点${i % 700},${(i * 1.25).toFixed(2)},2024-01-${String(1 + (i % 28)).padStart(2, '0')}`);
    lines.push('999999,坏行');
    return `${lines.join('\n')}\n`;
  })();

  it('loads exactly what the in-thread path loads: rows, types, rejects and statistics', async () => {
    const here = await store.ingest(csv, { inWorker: false, rejectsPath: join(store.dir, 'here-rejects.csv') });
    const there = await store.ingest(csv, { inWorker: true, rejectsPath: join(store.dir, 'there-rejects.csv') });
    expect(there.rowCount).toBe(30_000);
    expect(there.rejectedCount).toBe(1);
    expect({ ...there, tableName: '' }).toEqual({ ...here, tableName: '' });
    expect(readFileSync(join(store.dir, 'there-rejects.csv'), 'utf8')).toBe(readFileSync(join(store.dir, 'here-rejects.csv'), 'utf8'));
    expect(await rows(there)).toEqual(await rows(here));
  });

  it('brings the worker’s errors back with their codes, leaving no table', async () => {
    const before = await listDataTables(store.db, store.adapter);
    const strict = await failure(store.ingest(csv, { inWorker: true, strict: true }));
    expect(strict.code).toBe('ROWS_REJECTED');
    expect(strict.detail).toMatch(/第 30002 行/);
    const quote = await failure(store.ingest(`${csv}1,"never closed\n`, { inWorker: true }));
    expect(quote).toMatchObject({ code: 'MALFORMED_FILE' });
    expect(await listDataTables(store.db, store.adapter)).toEqual(before);
  });

  it('stops the worker when the ingest is aborted mid-file', async () => {
    const controller = new AbortController();
    const resourceId = '11111111-2222-3333-4444-666666666666';
    const ingest = store.ingest(csv, {
      inWorker: true, resourceId, version: 3, signal: controller.signal,
      onProgress: (p) => { if (p.rows > 0) controller.abort(new Error('cancelled')); },
    });
    await expect(ingest).rejects.toThrow('cancelled');
    expect(await listDataTables(store.db, store.adapter)).not.toContain(tableNameFor(resourceId, 3));
  });
});
