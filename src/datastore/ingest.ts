/**
 * The ingest pipeline: scan (format, encoding, checksum) → infer types over the whole file
 * when no 数据项 are declared → load into a new version table in batches, rejecting rows
 * that break the fields, profiling as it goes. On any failure the new table is dropped.
 */
import { stat } from 'node:fs/promises';
import type { Database, DialectAdapter } from '../db/adapter.js';
import type { BulkLoader } from '../db/datastore-dialect.js';
import { AppError } from '../domain/errors.js';
import { assertSafeTable, ROW_ID, tableNameFor } from './naming.js';
import { buildPlan, checkHeader, type LoadPlan } from './plan.js';
import { FieldProfiler } from './profile.js';
import { RejectsWriter } from './rejects.js';
import { scanFile, type ScanResult } from './scan.js';
import { readRows, type SourceRow } from './source.js';
import { copyPrevious, countRows, createDataTable, createIndex, dropDataTable, scanTable } from './tables.js';
import type { FieldType, IngestRequest, IngestResult } from './types.js';
import { rejectReason, toDbValue, TypeInference, type DbValue } from './values.js';
import { CELL_CAP } from './csv-parser.js';

/** Rows per write: one SQLite transaction, or one slice of the COPY stream. */
export const LOAD_BATCH = 2000;

class Progress {
  private pass = 0;
  private inPass = 0;
  private lastReported = -Infinity;
  rows = 0;
  constructor(private readonly req: IngestRequest, private readonly total: number, private readonly passes: number) {}

  bytes = (n: number): void => {
    this.inPass += n;
    const read = Math.min(this.total, Math.floor((this.pass * this.total + this.inPass) / this.passes));
    if (read - this.lastReported >= this.total / 100) this.report(read);
  };

  nextPass(): void { this.pass++; this.inPass = 0; }

  report(read: number): void {
    this.lastReported = read;
    this.req.onProgress?.({ bytesRead: read, totalBytes: this.total, rows: this.rows });
  }
}

/** Pass 1: the header (JSON: every key) and, without declared fields, each column's type. */
async function inferPass(req: IngestRequest, scan: ScanResult, progress: Progress) {
  const keys: string[] = [];
  let header: string[] | null = scan.format === 'json' ? keys : null;
  let rawHeader: string[] = keys;
  const inference: TypeInference[] = [];
  const infer = !req.declaredFields?.length;
  let rows = 0;
  for await (const batch of readRows(req.filePath, scan, { onBytes: progress.bytes, signal: req.signal, jsonKeys: keys, collectKeys: true })) {
    for (const r of batch) {
      if (!header) {
        rawHeader = r.cells;
        header = checkHeader(r.cells);
        if (infer) for (const name of header) inference.push(new TypeInference(name));
        continue;
      }
      rows++;
      if (!infer || r.invalid || r.tooLong || (scan.format !== 'json' && r.cellCount > header.length)) continue;
      if (scan.format === 'csv' || scan.format === 'tsv') { if (r.cellCount !== header.length) continue; }
      while (inference.length < header.length) inference.push(new TypeInference(header[inference.length]!));
      const cells = r.cells;
      for (let i = 0; i < cells.length; i++) inference[i]!.add(cells[i]!);
    }
  }
  if (!header || (scan.format === 'json' && header.length === 0 && rows === 0)) throw new AppError('EMPTY_FILE', 'file');
  if (rows === 0) throw new AppError('EMPTY_FILE', 'file', '只有表头，没有数据行');
  if (scan.format === 'json') checkHeader(header);
  return { header: rawHeader, types: infer ? header.map((_, i): FieldType => inference[i]?.type() ?? 'string') : undefined };
}

interface LoadState {
  plan: LoadPlan;
  loader: BulkLoader;
  nextId: number;
  loaded: number;
  profilers: FieldProfiler[] | null;
}

export async function ingestFile(db: Database, adapter: DialectAdapter, req: IngestRequest): Promise<IngestResult> {
  const tableName = tableNameFor(req.resourceId, req.version);
  if (req.mode === 'upsert' && !req.key) throw new AppError('VALIDATION_FAILED', 'key', '按主键更新须指定主键数据项');
  const previous = req.mode === 'replace' ? undefined : req.previous;
  if (previous) {
    assertSafeTable(previous);
    if (previous.tableName === tableName) throw new AppError('INTERNAL', undefined, '新版本的数据表不能与上一版本相同');
  }
  let rejects: RejectsWriter | null = null;
  let state: LoadState | null = null;
  try {
    await dropDataTable(db, adapter, tableName); // a half-written table from an attempt that died
    const { size } = await stat(req.filePath);
    const progress = new Progress(req, size, req.declaredFields?.length ? 2 : 3);
    const scan = await scanFile(req.filePath, req.fileName, progress.bytes, req.signal);
    const needInference = !req.declaredFields?.length || scan.format === 'json';
    progress.nextPass();
    const pre = needInference ? await inferPass(req, scan, progress) : null;
    if (pre) progress.nextPass();

    let header: string[] = [];
    let sourceColumns: string[] = [];
    const setup = async (rawHeader: string[]): Promise<LoadState> => {
      sourceColumns = [...rawHeader];
      header = checkHeader(rawHeader);
      const plan = buildPlan({ header, declared: req.declaredFields, inferred: pre?.types, previous, key: req.mode === 'upsert' ? req.key : undefined });
      rejects = new RejectsWriter(req.rejectsPath, sourceColumns);
      await createDataTable(db, adapter, tableName, plan.fields);
      let nextId = 0;
      if (previous) nextId = await copyPrevious(db, adapter, previous, tableName, plan);
      const keyColumn = plan.keyIndex >= 0 ? plan.fields[plan.keyIndex]!.column : undefined;
      if (keyColumn) {
        try {
          await createIndex(db, adapter, tableName, keyColumn, true);
        } catch {
          throw new AppError('DUPLICATE_KEY', 'key', `上一版本中主键“${req.key}”有重复值`);
        }
      }
      const loader = await adapter.datastore.bulkLoad(db, { table: tableName, columns: [ROW_ID, ...plan.fields.map((f) => f.column)], upsertKey: keyColumn });
      return { plan, loader, nextId, loaded: 0, profilers: previous ? null : plan.fields.map((f) => new FieldProfiler(f.name, f.type)) };
    };
    // JSON has no header row: its keys come from the first pass.
    if (scan.format === 'json') state = await setup(pre!.header);
    let skipHeader = scan.format !== 'json';

    let pending: DbValue[][] = [];
    for await (const batch of readRows(req.filePath, scan, { onBytes: progress.bytes, signal: req.signal, jsonKeys: pre ? [...pre.header] : undefined })) {
      let start = 0;
      if (skipHeader) { skipHeader = false; start = 1; state ??= await setup(batch[0]!.cells); }
      const s = state!;
      for (let b = start; b < batch.length; b++) {
        const row = loadRow(batch[b]!, s, header.length, scan.format === 'xlsx', rejects!);
        if (row && !(req.strict && rejects!.count > 0)) pending.push(row);
      }
      if (pending.length >= LOAD_BATCH) {
        await s.loader.write(pending);
        s.loaded += pending.length;
        progress.rows = s.loaded;
        pending = [];
      }
      await rejects!.flush();
    }
    if (!state) throw new AppError('EMPTY_FILE', 'file');
    const s: LoadState = state;
    const rw: RejectsWriter = rejects!;
    if (pending.length && !(req.strict && rw.count > 0)) { await s.loader.write(pending); s.loaded += pending.length; }
    progress.rows = s.loaded;
    if (s.loaded === 0 && rw.count === 0) throw new AppError('EMPTY_FILE', 'file', '只有表头，没有数据行');
    await rw.close();
    if (req.strict && rw.count > 0) {
      const f = rw.first!;
      throw new AppError('ROWS_REJECTED', f.field || undefined, `共 ${rw.count} 行不符合要求；第 ${f.row} 行${f.field ? `“${f.field}”` : ''}：${f.reason}`);
    }
    await s.loader.finish();
    state = null;
    for (const f of s.plan.fields) {
      if (f.filterable && s.plan.fields.indexOf(f) !== s.plan.keyIndex) await createIndex(db, adapter, tableName, f.column);
    }
    await adapter.datastore.analyze(db, tableName);
    const rowCount = previous ? await countRows(db, tableName) : s.loaded;
    const table = { tableName, fields: s.plan.fields, rowCount };
    const profile = s.profilers ? s.profilers.map((p) => p.result()) : await profileTable(db, adapter, table);
    progress.report(scan.size);
    return { ...table, rejectedCount: rw.count, checksum: scan.checksum, format: scan.format, encoding: scan.encoding, sourceColumns, profile };
  } catch (err) {
    const s = state as LoadState | null;
    if (s) await s.loader.abort().catch(() => undefined);
    const rw = rejects as RejectsWriter | null;
    if (rw) await rw.abandon().catch(() => undefined);
    await dropDataTable(db, adapter, tableName).catch(() => undefined);
    if (err instanceof AppError || req.signal?.aborted) throw err;
    throw new AppError('INTERNAL', undefined, `数据导入失败：${(err as Error).message}`);
  }
}

/** One source row as stored values, or null when it is rejected (and recorded). */
function loadRow(r: SourceRow, s: LoadState, width: number, padShort: boolean, rejects: RejectsWriter): DbValue[] | null {
  if (r.invalid) { rejects.add(r.row, '', r.invalid, r.cells); return null; }
  if (r.tooLong) { rejects.add(r.row, '', `单元格过长（超过 ${CELL_CAP / 1024} KiB）`, r.cells); return null; }
  if (padShort ? r.cellCount > width : r.cellCount !== width) {
    rejects.add(r.row, '', `列数不符：表头 ${width} 列，该行 ${r.cellCount} 列`, r.cells);
    return null;
  }
  const { fields, sourceIndex, keyIndex } = s.plan;
  const cells = r.cells;
  const out: DbValue[] = new Array(fields.length + 1);
  for (let i = 0; i < fields.length; i++) {
    const src = sourceIndex[i]!;
    const raw = src >= 0 ? cells[src] ?? '' : '';
    const v = toDbValue(fields[i]!.type, raw);
    if (v === undefined) { rejects.add(r.row, fields[i]!.name, rejectReason(fields[i]!.type, raw), cells); return null; }
    out[i + 1] = v;
  }
  if (keyIndex >= 0 && out[keyIndex + 1] === null) {
    rejects.add(r.row, fields[keyIndex]!.name, `主键“${fields[keyIndex]!.name}”为空`, cells);
    return null;
  }
  out[0] = ++s.nextId;
  if (s.profilers) for (let i = 0; i < fields.length; i++) s.profilers[i]!.add(out[i + 1]!);
  return out;
}

/** Profile of a whole stored table (append / upsert), read back in row-id order. */
async function profileTable(db: Database, adapter: DialectAdapter, table: { tableName: string; fields: IngestResult['fields']; rowCount: number }) {
  const profilers = table.fields.map((f) => new FieldProfiler(f.name, f.type));
  for await (const rows of scanTable(db, adapter, table, 20_000)) {
    for (const row of rows) for (let i = 0; i < profilers.length; i++) profilers[i]!.add(row[i]!);
  }
  return profilers.map((p) => p.result());
}
