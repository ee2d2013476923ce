/**
 * DDL and whole-table operations on data tables. Identifiers come only from naming.ts
 * (checked) and are quoted; no user text is ever part of these statements.
 */
import { sql } from 'kysely';
import type { Database, DialectAdapter } from '../db/adapter.js';
import { quoteIdent } from '../db/datastore-dialect.js';
import type { LoadPlan } from './plan.js';
import { isDataTableName, ROW_ID, TABLE_PREFIX } from './naming.js';
import type { DataTable, FieldType, TableField } from './types.js';
import type { DbValue } from './values.js';

/** Drops a data table if it exists (only names of data tables are accepted). */
export async function dropDataTable(db: Database, _adapter: DialectAdapter, tableName: string): Promise<void> {
  if (!isDataTableName(tableName)) throw new Error(`not a data table: ${tableName}`);
  await sql.raw(`drop table if exists ${quoteIdent(tableName)}`).execute(db);
}

/** Every data table in the database, committed or not, so orphans can be found after a crash. */
export async function listDataTables(db: Database, adapter: DialectAdapter): Promise<string[]> {
  const names = await adapter.datastore.listTables(db, TABLE_PREFIX);
  return names.filter(isDataTableName);
}

export async function createDataTable(db: Database, adapter: DialectAdapter, tableName: string, fields: TableField[]): Promise<void> {
  const ds = adapter.datastore;
  const column = (f: TableField) => {
    const type = ds.columnType(f.type);
    return `${quoteIdent(f.column)} ${type}${type === 'text' ? ds.textCollation : ''}`;
  };
  const cols = [`${quoteIdent(ROW_ID)} ${ds.rowIdType} primary key`, ...fields.map(column)];
  await sql.raw(`create table ${quoteIdent(tableName)} (${cols.join(', ')})`).execute(db);
}

/** The SQL expression turning a previous column into the new field's type. */
function converted(from: FieldType, to: FieldType, column: string, adapter: DialectAdapter): string {
  const c = quoteIdent(column);
  if (from === to) return c;
  if (from === 'date' && to === 'datetime') return `(${c} || 'T00:00:00')`;
  return `cast(${c} as ${adapter.datastore.columnType(to)})`;
}

/**
 * Copies the previous version's rows (row ids kept, in their order) into the new table;
 * returns the largest row id.
 */
export async function copyPrevious(db: Database, adapter: DialectAdapter, previous: DataTable, tableName: string, plan: LoadPlan): Promise<number> {
  const target = [ROW_ID, ...plan.fields.map((f) => f.column)].map(quoteIdent);
  const source = [quoteIdent(ROW_ID), ...plan.fields.map((f, i) => {
    const p = plan.previousColumn[i];
    return p ? converted(p.type, f.type, p.column, adapter) : 'null';
  })];
  await sql.raw(`insert into ${quoteIdent(tableName)} (${target.join(', ')}) select ${source.join(', ')} from ${quoteIdent(previous.tableName)} order by ${quoteIdent(ROW_ID)}`).execute(db);
  const { rows } = await sql<{ m: number | string | null }>`select max(${sql.ref(ROW_ID)}) as m from ${sql.table(tableName)}`.execute(db);
  return Number(rows[0]?.m ?? 0);
}

/** An index in the query API's order (NULLs first), so it serves sorted pages on both engines. */
export async function createIndex(db: Database, adapter: DialectAdapter, tableName: string, column: string, unique = false): Promise<void> {
  const name = quoteIdent(`${tableName}_${column}`);
  await sql.raw(`create ${unique ? 'unique ' : ''}index ${name} on ${quoteIdent(tableName)} (${quoteIdent(column)}${adapter.datastore.indexNullsFirst})`).execute(db);
}

export async function countRows(db: Database, tableName: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(tableName)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** A stored value as the JS type of its field (PostgreSQL bigint text → number). */
export function fromDb(type: FieldType, v: unknown): DbValue {
  if (v === null || v === undefined) return null;
  if (type === 'integer' || type === 'number' || type === 'boolean') return typeof v === 'number' ? v : Number(v);
  return String(v);
}

export const SCAN_BATCH = 5000;

/** Every row of a table in row-id order, in batches (keyset reads: no long-held cursor). */
export async function* scanTable(db: Database, adapter: DialectAdapter, table: DataTable, batchRows = SCAN_BATCH): AsyncGenerator<DbValue[][]> {
  const columns = table.fields.map((f) => f.column);
  const types = table.fields.map((f) => f.type);
  let after = 0;
  for (;;) {
    const rows = await adapter.datastore.readBatch(db, table.tableName, columns, after, batchRows);
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]![0]);
    yield rows.map((r) => types.map((t, i) => fromDb(t, r[i + 1])));
    if (rows.length < batchRows) return;
    // SQLite reads complete synchronously: give other requests their turn between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
