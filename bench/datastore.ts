/**
 * Measures the datastore on a generated file: ingest (inferred or declared types) and export,
 * with wall time and peak RSS. The lead's bench/run.ts compares with sqlite3 / psql.
 *   npx tsx bench/datastore.ts [sqlite|postgres] [rows] [--declared]
 * PostgreSQL uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { exportTable, ingestFile, queryRecords, type FieldSpec } from '../src/datastore/index.js';
import { generateCsv } from './generate-csv.js';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const rows = Number(process.argv[3] ?? 1_000_000);
const declared = process.argv.includes('--declared');
const dir = 'bench/.data';
mkdirSync(dir, { recursive: true });
const csv = join(dir, `people-${rows}.csv`);
if (!existsSync(csv)) await generateCsv(csv, rows);

let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

let databaseUrl: string | undefined;
let dbName = '';
if (engine === 'postgres') {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  dbName = `shukai_bench_${Date.now()}`;
  const c = new pg.Client(server); await c.connect(); await c.query(`create database ${dbName}`); await c.end();
  const u = new URL(server); u.pathname = `/${dbName}`; databaseUrl = u.href;
}
const dataDir = join(dir, `db-${Date.now()}`);
mkdirSync(dataDir, { recursive: true });
const handle = openDatabase({ databaseUrl, dataDir });
await migrateToLatest(handle.db, handle.adapter);

const fields: FieldSpec[] = [
  { name: '序号', type: 'integer', filterable: true }, { name: '姓名', type: 'string' }, { name: '身份证号', type: 'string' },
  { name: '手机号', type: 'string' }, { name: '性别', type: 'string' }, { name: '出生日期', type: 'date' }, { name: '地址', type: 'string' },
  { name: '金额', type: 'number' }, { name: '登记时间', type: 'datetime' }, { name: '是否有效', type: 'boolean' },
];
try {
  peak = 0;
  let t = performance.now();
  const result = await ingestFile(handle.db, handle.adapter, {
    resourceId: randomUUID(), version: 1, filePath: csv, fileName: 'people.csv', mode: 'replace', strict: false,
    rejectsPath: join(dataDir, 'rejects.csv'), declaredFields: declared ? fields : undefined,
  });
  const ingestMs = performance.now() - t;
  console.log(`${engine} ingest ${rows} rows (${mb(statSync(csv).size)}, ${declared ? 'declared' : 'inferred'}): ${(ingestMs / 1000).toFixed(2)} s, peak RSS ${mb(peak)}, rejected ${result.rejectedCount}`);
  console.log('types:', result.fields.map((f) => `${f.name}:${f.type}`).join(' '));

  t = performance.now();
  const page = await queryRecords(handle.db, handle.adapter, result, { filters: JSON.stringify({ 性别: '女' }), sort: '金额 desc', limit: 100 });
  console.log(`query (filter+sort) ${(performance.now() - t).toFixed(0)} ms, total ${page.total}${page.totalEstimated ? ' (estimated)' : ''}`);

  for (const format of ['csv', 'json', 'xml', 'xlsx'] as const) {
    if ((format === 'xlsx' || format === 'xml' || format === 'json') && rows > 200_000 && !process.argv.includes('--all-formats')) continue;
    peak = 0;
    t = performance.now();
    let bytes = 0;
    const out = exportTable(handle.db, handle.adapter, result, format, { bom: true });
    await pipeline(out.stream, new Writable({ write(chunk: Buffer, _e, cb) { bytes += chunk.length; cb(); } }));
    console.log(`export ${format}: ${((performance.now() - t) / 1000).toFixed(2)} s, ${mb(bytes)}, peak RSS ${mb(peak)}`);
  }
} finally {
  clearInterval(timer);
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (dbName) {
    const c = new pg.Client(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    await c.connect(); await c.query(`drop database ${dbName} with (force)`); await c.end();
  }
}
