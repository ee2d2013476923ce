import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { SaxesParser } from 'saxes';
import { generateCsv } from '../../bench/generate-csv.js';
import { exportTable, type IngestResult } from './index.js';
import { CsvParser } from './csv-parser.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
let table: IngestResult;
beforeAll(async () => {
  store = await openTestStore();
  table = await store.ingest([
    '名称,金额,日期,有效,备注',
    '=1+2,-5,2024-01-02,是,"含,逗号与""引号"""',
    '+SUM(A1),3.5,,否,@cmd',
    '普通,,2024-03-04,,"换行\n第二行\u0001控制符"',
  ].join('\n'));
});
afterAll(async () => { await store.drop(); });

async function collect(format: 'csv' | 'xlsx' | 'json' | 'xml', bom = false, from: IngestResult = table): Promise<Buffer> {
  const out = exportTable(store.db, store.adapter, from, format, { bom });
  const chunks: Buffer[] = [];
  await pipeline(out.stream, new Writable({ write(c: Buffer, _e, cb) { chunks.push(Buffer.from(c)); cb(); } }));
  return Buffer.concat(chunks);
}

describe('exportTable', () => {
  it('CSV: BOM on request, quoting, formulas neutralised, numbers untouched', async () => {
    const buf = await collect('csv', true);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const p = new CsvParser(',');
    const rows = [...p.push(buf.toString('utf8').slice(1)), ...p.end()].map((r) => r.cells);
    expect(rows).toEqual([
      ['名称', '金额', '日期', '有效', '备注'],
      ["'=1+2", '-5', '2024-01-02', 'true', '含,逗号与"引号"'],
      ["'+SUM(A1)", '3.5', '', 'false', "'@cmd"],
      ['普通', '', '2024-03-04', '', '换行\n第二行\u0001控制符'],
    ]);
    expect((await collect('csv')).subarray(0, 3).toString()).toBe('名');
  });

  it('CSV: the same bytes on every engine, lines ending in LF', async () => {
    expect((await collect('csv')).toString('utf8')).toBe([
      '名称,金额,日期,有效,备注',
      `'=1+2,-5,2024-01-02,true,"含,逗号与""引号"""`,
      `'+SUM(A1),3.5,,false,'@cmd`,
      '普通,,2024-03-04,,"换行\n第二行\u0001控制符"',
      '',
    ].join('\n'));
  });

  it('XLSX: typed cells, formulas neutralised', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await collect('xlsx') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '名称', '金额', '日期', '有效', '备注']);
    expect(ws.getRow(2).values).toEqual([undefined, "'=1+2", -5, '2024-01-02', true, '含,逗号与"引号"']);
    expect(ws.getCell('A3').value).toBe("'+SUM(A1)");
    expect(ws.getCell('A2').formula).toBeUndefined();
    expect(ws.rowCount).toBe(4);
  });

  it('JSON: an array of typed objects', async () => {
    expect(JSON.parse((await collect('json')).toString())).toEqual([
      { 名称: '=1+2', 金额: -5, 日期: '2024-01-02', 有效: true, 备注: '含,逗号与"引号"' },
      { 名称: '+SUM(A1)', 金额: 3.5, 日期: null, 有效: false, 备注: '@cmd' },
      { 名称: '普通', 金额: null, 日期: '2024-03-04', 有效: null, 备注: '换行\n第二行\u0001控制符' },
    ]);
  });

  it('XML: well-formed, escaped, control characters removed', async () => {
    const xml = (await collect('xml')).toString();
    const parser = new SaxesParser();
    const records: Record<string, string | null>[] = [];
    let current: Record<string, string | null> = {};
    let name = '';
    parser.on('opentag', (t) => {
      if (t.name === 'record') current = {};
      if (t.name === 'field') { name = String(t.attributes.name); current[name] = t.isSelfClosing ? null : ''; }
    });
    parser.on('text', (text) => { if (name && current[name] !== null) current[name] += text; });
    parser.on('closetag', (t) => { if (t.name === 'field') name = ''; if (t.name === 'record') records.push(current); });
    parser.write(xml).close();
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({ 名称: '=1+2', 金额: '-5', 日期: '2024-01-02', 有效: 'true', 备注: '含,逗号与"引号"' });
    expect(records[2]).toEqual({ 名称: '普通', 金额: null, 日期: '2024-03-04', 有效: null, 备注: '换行\n第二行控制符' });
  });

  it('streams a larger table in flat memory with a slow reader', async () => {
    const path = join(store.dir, 'big.csv');
    await generateCsv(path, 60_000);
    const big = await store.ingest({ path });
    expect(big.rowCount).toBe(60_000);
    // Live memory, measured after a forced collection every few chunks.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let bytes = 0;
    let writes = 0;
    const out = exportTable(store.db, store.adapter, big, 'xml', {});
    await pipeline(out.stream, new Writable({
      highWaterMark: 64 * 1024,
      write(c: Buffer, _e, cb) {
        bytes += c.length;
        if (++writes % 10 === 0) { gc(); peak = Math.max(peak, process.memoryUsage().heapUsed - base); }
        setTimeout(cb, 0);
      },
    }));
    expect(bytes).toBeGreaterThan(25 * 1024 * 1024);
    // The document is over 25 MB (50 MB as JS strings); a buffering export would hold all of it.
    expect(peak).toBeLessThan(24 * 1024 * 1024);
  });

  it('CSV: plain text columns as stored, rows in row-id order after an upsert and from tables not known to be', async () => {
    const resourceId = randomUUID();
    const fields = [{ name: 'code', type: 'string' as const }, { name: 'name', type: 'string' as const }, { name: 'note', type: 'string' as const }];
    const v1 = await store.ingest('code,name,note\nA,甲,\nB,乙,\nC,丙,\nD,丁,\n', { resourceId, version: 1, declaredFields: fields });
    const v2 = await store.ingest('code,name,note\nC,丙二,\nE,戊,"x,y"\nA,甲二,\n', { resourceId, version: 2, declaredFields: fields, mode: 'upsert', key: 'code', previous: v1 });
    expect(v2.fields.map((f) => [f.name, f.plainText ?? false])).toEqual([['code', true], ['name', true], ['note', false]]);
    expect(v2.rowsInOrder).toBe(true);
    const expected = 'code,name,note\nA,甲二,\nB,乙,\nC,丙二,\nD,丁,\nE,戊,"x,y"\n';
    expect((await collect('csv', false, v2)).toString()).toBe(expected);
    // Rows rewritten where the engine found room (as upserts left them before the order was
    // kept): a table not known to be in row-id order is read by its row ids.
    await sql`update ${sql.table(v2.tableName)} set ${sql.ref('c2')} = ${sql.ref('c2')} where ${sql.ref('_id')} in (1, 2)`.execute(store.db);
    expect((await collect('csv', false, { ...v2, rowsInOrder: false })).toString()).toBe(expected);
  });

  it('CSV: downloads abandoned mid-table leave the database usable', async () => {
    const path = join(store.dir, 'abandoned.csv');
    await generateCsv(path, 20_000);
    const big = await store.ingest({ path });
    // More abandoned exports than the PostgreSQL pool has connections: each must be given back.
    for (let i = 0; i < 12; i++) {
      const out = exportTable(store.db, store.adapter, big, 'csv', {});
      let chunks = 0;
      await new Promise<void>((resolve) => out.stream.on('data', () => { if (++chunks === 3) resolve(); }));
      (out.stream as unknown as { destroy(): void }).destroy();
    }
    expect((await collect('csv')).toString()).toContain('普通');
  });
});
