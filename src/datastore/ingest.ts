/**
 * The ingest: the file half (prepare.ts: scan, type inference, conversion, rejects, profile)
 * feeds this database half, which creates the new version table, loads the rows in batches,
 * then builds the indexes. On any failure the new table is dropped.
 */
import { stat } from 'node:fs/promises';
import type { Database, DialectAdapter } from '../db/adapter.js';
import type { BulkLoader } from '../db/datastore-dialect.js';
import { AppError } from '../domain/errors.js';
import { assertSafeTable, ROW_ID, tableNameFor } from './naming.js';
import type { LoadPlan } from './plan.js';
import { FieldProfiler } from './profile.js';
import { sensitiveNames, type PrepareSink } from './prepare.js';
import { prepare, WORKER_THRESHOLD_BYTES } from './prepared-source.js';
import type { ScanResult } from './scan.js';
import { copyPrevious, countRows, createDataTable, createIndex, dropDataTable, scanTable } from './tables.js';
import type { IngestRequest, IngestResult, TableField } from './types.js';

interface LoadState {
  plan: LoadPlan;
  scan: ScanResult;
  sourceColumns: string[];
  loader: BulkLoader;
  nextId: number;
  loaded: number;
}

export async function ingestFile(db: Database, adapter: DialectAdapter, req: IngestRequest): Promise<IngestResult> {
  const tableName = tableNameFor(req.resourceId, req.version);
  if (req.mode === 'upsert' && !req.key) throw new AppError('VALIDATION_FAILED', 'key', '按主键更新须指定主键数据项');
  const previous = req.mode === 'replace' ? undefined : req.previous;
  if (previous) {
    assertSafeTable(previous);
    if (previous.tableName === tableName) throw new AppError('INTERNAL', undefined, '新版本的数据表不能与上一版本相同');
  }
  let state: LoadState | null = null;
  try {
    await dropDataTable(db, adapter, tableName); // a half-written table from an attempt that died
    const { size } = await stat(req.filePath);
    const progress = { bytesRead: 0, totalBytes: size, rows: 0 };

    const sink: PrepareSink = {
      progress(bytesRead) {
        progress.bytesRead = bytesRead;
        progress.rows = state?.loaded ?? 0;
        req.onProgress?.({ ...progress });
      },
      async plan(plan, sourceColumns, scan) {
        await createDataTable(db, adapter, tableName, plan.fields);
        const nextId = previous ? await copyPrevious(db, adapter, previous, tableName, plan) : 0;
        const keyColumn = plan.keyIndex >= 0 ? plan.fields[plan.keyIndex]!.column : undefined;
        if (keyColumn) {
          try {
            await createIndex(db, adapter, tableName, keyColumn, true);
          } catch {
            throw new AppError('DUPLICATE_KEY', 'key', `上一版本中主键“${req.key}”有重复值`);
          }
        }
        const loader = await adapter.datastore.bulkLoad(db, { table: tableName, columns: [ROW_ID, ...plan.fields.map((f) => f.column)], upsertKey: keyColumn });
        state = { plan, scan, sourceColumns, loader, nextId, loaded: 0 };
      },
      async rows(rows) {
        const s = state!;
        for (const row of rows) row[0] = ++s.nextId;
        await s.loader.write(rows);
        s.loaded += rows.length;
      },
    };
    const summary = await prepare({
      filePath: req.filePath, fileName: req.fileName, declaredFields: req.declaredFields, key: req.mode === 'upsert' ? req.key : undefined,
      previous, strict: req.strict, rejectsPath: req.rejectsPath,
    }, sink, { inWorker: req.inWorker ?? size >= WORKER_THRESHOLD_BYTES, signal: req.signal });

    const s = state as LoadState | null;
    if (!s) throw new AppError('EMPTY_FILE', 'file');
    if (s.loaded === 0 && summary.rejected === 0) throw new AppError('EMPTY_FILE', 'file', '只有表头，没有数据行');
    if (req.strict && summary.rejected > 0) {
      const f = summary.firstReject!;
      throw new AppError('ROWS_REJECTED', f.field || undefined, `共 ${summary.rejected} 行不符合要求；第 ${f.row} 行${f.field ? `“${f.field}”` : ''}：${f.reason}`);
    }
    await s.loader.finish();
    state = null;
    const { plan, scan } = s;
    // An upsert writes replaced rows where the engine finds room; the table is put back in row-id order.
    if (req.mode === 'upsert') await adapter.datastore.restoreRowOrder(db, tableName);
    for (const f of plan.fields) {
      if (f.filterable && plan.fields.indexOf(f) !== plan.keyIndex) await createIndex(db, adapter, tableName, f.column);
    }
    await adapter.datastore.analyze(db, tableName);
    const rowCount = previous ? await countRows(db, tableName) : s.loaded;
    const fields = plan.fields.map((f, i) => withPlainText(f, summary.plainText[i]! && (!previous || plainBefore(plan.previousColumn[i]!))));
    const table = { tableName, fields, rowCount, rowsInOrder: true };
    const profile = summary.profile ?? await profileTable(db, adapter, table, sensitiveNames(req.declaredFields));
    req.onProgress?.({ bytesRead: size, totalBytes: size, rows: s.loaded });
    return { ...table, rejectedCount: summary.rejected, checksum: scan.checksum, format: scan.format, encoding: scan.encoding, sourceColumns: s.sourceColumns, profile };
  } catch (err) {
    const s = state as LoadState | null;
    if (s) await s.loader.abort().catch(() => undefined);
    await dropDataTable(db, adapter, tableName).catch(() => undefined);
    if (err instanceof AppError || req.signal?.aborted) throw err;
    throw new AppError('INTERNAL', undefined, `数据导入失败：${(err as Error).message}`);
  }
}

/** Profile of a whole stored table (append / upsert), read back in row-id order. */
async function profileTable(db: Database, adapter: DialectAdapter, table: { tableName: string; fields: IngestResult['fields']; rowCount: number }, sensitive: Set<string>) {
  const profilers = table.fields.map((f) => new FieldProfiler(f.name, f.type, sensitive.has(f.name)));
  for await (const rows of scanTable(db, adapter, table, 20_000)) {
    for (const row of rows) for (let i = 0; i < profilers.length; i++) profilers[i]!.add(row[i]!);
  }
  return profilers.map((p) => p.result());
}

/** A field as stored, marked plain in CSV only when every cell of the new table is. */
function withPlainText(field: TableField, plain: boolean): TableField {
  const stored: TableField = { name: field.name, column: field.column, type: field.type, filterable: field.filterable };
  return plain && field.type === 'string' ? { ...stored, plainText: true } : stored;
}

/** The rows copied from the previous version are plain: the field is new (nulls), or was plain text. */
function plainBefore(previous: TableField | null): boolean {
  return previous === null || (previous.type === 'string' && previous.plainText === true);
}
