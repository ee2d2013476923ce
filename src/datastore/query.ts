/**
 * The records API: filters, full-text, sort, projection, offset or keyset paging, and a
 * total that never costs more than a bounded count. Field names are looked up in the
 * table's fields and only their generated columns reach SQL; every value is a parameter.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database, DialectAdapter } from '../db/adapter.js';
import { contains } from '../db/contains.js';
import { AppError } from '../domain/errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { assertSafeTable, ROW_ID } from './naming.js';
import { fromDb } from './tables.js';
import type { DataTable, RecordPage, RecordQuery, TableField } from './types.js';
import { parseFilters } from './filters.js';
import { queryDistinct } from './distinct.js';
import type { DbValue } from './values.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Filtered totals are counted up to this many rows; beyond it the total is an estimate. */
export const COUNT_CAP = 10_000;
const MAX_SORT_KEYS = 5;
/** The page's extra column carrying the filtered total (data columns are c1, c2, …). */
const TOTAL_COLUMN = 'capped_total';

function integerParam(name: string, v: number | string | undefined, dflt: number, max: number): number {
  if (v === undefined || v === '') return dflt;
  const n = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new AppError('INVALID_QUERY', name, `${name} 须为非负整数`);
  if (n > max) throw new AppError('INVALID_QUERY', name, `${name} 不能超过 ${max}`);
  return n;
}

/** The field a query parameter names: unknown, or withheld from this reader, is refused. */
function fieldNamed(table: DataTable, byName: Map<string, TableField>, name: string, param: string): TableField {
  const f = byName.get(name);
  if (f) return f;
  if (table.withheldFields?.includes(name)) throw new AppError('FORBIDDEN', param, `数据项“${name.slice(0, 100)}”不在授权范围内`);
  throw new AppError('UNKNOWN_FIELD', param, `数据项“${name.slice(0, 100)}”不存在；${validFields(table)}`);
}

/** Names listed in an unknown field's error; a table wider than this is listed in part. */
const LISTED_FIELDS = 50;

/**
 * The names a query may use, for the error that refuses another: those of the table as this
 * reader sees it (a grantee's, the granted data items only).
 */
function validFields(table: DataTable): string {
  const names = table.fields.map((f) => f.name);
  if (names.length === 0) return '该资源没有可用的数据项';
  const listed = names.slice(0, LISTED_FIELDS).join('、');
  return `可用的数据项：${listed}${names.length > LISTED_FIELDS ? ` 等 ${names.length} 个` : ''}`;
}

type Lookup = (name: string, param: string) => TableField;

export interface SortKey { field: TableField; desc: boolean }

function parseSort(lookup: Lookup, text: string | undefined): SortKey[] {
  if (!text?.trim()) return [];
  const keys = text.split(',').map((part) => {
    const m = /^\s*(.+?)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw new AppError('INVALID_QUERY', 'sort', '排序格式为“数据项 desc,数据项2”');
    return { field: lookup(m[1]!, 'sort'), desc: m[2]?.toLowerCase() === 'desc' };
  });
  if (keys.length > MAX_SORT_KEYS) throw new AppError('INVALID_QUERY', 'sort', `最多按 ${MAX_SORT_KEYS} 个数据项排序`);
  return keys;
}

/**
 * NULLs sort as the smallest value on both engines: SQLite's own order, and the order of the
 * NULLS FIRST indexes built on PostgreSQL, so the index on a sort field serves the page
 * instead of a sort of every matching row.
 */
function orderBy(keys: SortKey[]): RawBuilder<unknown> {
  const parts = keys.map((k) => (k.desc ? sql`${sql.ref(k.field.column)} desc nulls last` : sql`${sql.ref(k.field.column)} asc nulls first`));
  parts.push(rowIdDescending(keys) ? sql`${sql.ref(ROW_ID)} desc` : sql`${sql.ref(ROW_ID)} asc`);
  return sql.join(parts, sql`, `);
}

/**
 * Ties break on the row id in the direction of the last sort key: an index walked backwards
 * for a descending sort yields (value desc, row id desc), so that order needs no sort step.
 */
function rowIdDescending(keys: SortKey[]): boolean {
  return keys.length > 0 && keys[keys.length - 1]!.desc;
}

/** Rows strictly after the cursor position in the (keys, _id) order. */
function after(keys: SortKey[], values: DbValue[], id: number, i = 0): RawBuilder<unknown> {
  if (i === keys.length) return rowIdDescending(keys) ? sql`${sql.ref(ROW_ID)} < ${id}` : sql`${sql.ref(ROW_ID)} > ${id}`;
  const col = sql.ref(keys[i]!.field.column);
  const v = values[i];
  const rest = after(keys, values, id, i + 1);
  if (v === null || v === undefined) {
    return keys[i]!.desc ? sql`(${col} is null and ${rest})` : sql`(${col} is not null or (${col} is null and ${rest}))`;
  }
  return keys[i]!.desc
    ? sql`(${col} < ${v} or ${col} is null or (${col} = ${v} and ${rest}))`
    : sql`(${col} > ${v} or (${col} = ${v} and ${rest}))`;
}

function present(field: TableField, v: DbValue): unknown {
  if (field.type === 'boolean' && v !== null) return v === 1;
  return v;
}

/**
 * Rows as the API shows them, keyed by field name. Assignment in a loop costs a quarter of
 * Object.fromEntries per page, but would set the prototype for a field named "__proto__",
 * which Object.fromEntries defines as a plain property: that name keeps the slow path.
 */
export function toRecords(projection: TableField[], rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const value = (f: TableField, row: Record<string, unknown>) => present(f, fromDb(f.type, row[f.column]));
  if (projection.some((f) => f.name === '__proto__')) return rows.map((r) => Object.fromEntries(projection.map((f) => [f.name, value(f, r)])));
  return rows.map((r) => {
    const record: Record<string, unknown> = {};
    for (const f of projection) record[f.name] = value(f, r);
    return record;
  });
}

/** What a query asks, checked against the table: fields returned, order, and conditions. */
export interface CompiledQuery { projection: TableField[]; keys: SortKey[]; conditions: RawBuilder<unknown>[]; limit: number; offset: number }

export function compileQuery(table: DataTable, params: RecordQuery): CompiledQuery {
  assertSafeTable(table);
  const byName = new Map(table.fields.map((f) => [f.name, f]));
  // The row number, where asked for and no data item already has its name.
  const rowId: TableField | undefined = params.rowIds && !byName.has(ROW_ID) ? { name: ROW_ID, column: ROW_ID, type: 'integer', filterable: true } : undefined;
  const lookup: Lookup = (name, param) => (rowId && name === ROW_ID ? rowId : fieldNamed(table, byName, name, param));
  const limit = integerParam('limit', params.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const offset = integerParam('offset', params.offset, 0, Number.MAX_SAFE_INTEGER);
  if (params.cursor && offset > 0) throw new AppError('INVALID_QUERY', 'offset', '使用游标分页时不能同时指定 offset');

  const projection = params.fields?.trim()
    ? [...new Set(params.fields.split(',').map((s) => s.trim()).filter(Boolean))].map((n) => lookup(n, 'fields'))
    : rowId ? [rowId, ...table.fields] : table.fields;
  const keys = parseSort(lookup, params.sort);
  const conditions = parseFilters((name) => lookup(name, 'filters'), params.filters);
  const q = params.q?.trim();
  if (q) {
    if (q.length > 200) throw new AppError('INVALID_QUERY', 'q', '检索词过长');
    const text = table.fields.filter((f) => f.type === 'string').map((f) => contains(f.column, q));
    conditions.push(text.length ? sql`(${sql.join(text, sql` or `)})` : sql`1 = 0`);
  }
  return { projection, keys, conditions, limit, offset };
}

export async function queryRecords(db: Database, adapter: DialectAdapter, table: DataTable, params: RecordQuery): Promise<RecordPage> {
  const compiled = compileQuery(table, params);
  if (params.distinct) {
    if (params.cursor) throw new AppError('INVALID_QUERY', 'cursor', '去重查询不支持游标分页，请用 offset');
    return queryDistinct(db, table, compiled);
  }
  const { projection, keys, conditions, limit, offset } = compiled;
  const signature = keys.map((k) => `${k.field.name}:${k.desc ? 'd' : 'a'}`).join(',');
  const pageConditions = [...conditions];
  if (params.cursor) {
    const c = decodeCursor(params.cursor, signature, keys.map((k) => k.field.type));
    pageConditions.push(after(keys, c.values, c.id));
  }
  const where = (list: RawBuilder<unknown>[]) => (list.length ? sql`where ${sql.join(list, sql` and `)}` : sql``);

  const selected = [...new Set([...projection, ...keys.map((k) => k.field)])].filter((f) => f.column !== ROW_ID);
  const columns = [sql.ref(ROW_ID), ...selected.map((f) => sql.ref(f.column))];
  const filtered = conditions.length > 0;
  const matching = sql`select 1 as one from ${sql.table(table.tableName)} ${where(conditions)}`;
  const totalKey = filtered ? keyOf(matching.compile(db)) : '';
  const known = filtered ? knownTotals.get(totalKey) : undefined;
  // The filtered total rides along with the page: an uncorrelated subquery, which both engines
  // evaluate once per statement. One statement instead of two saves a round trip, and on a busy
  // PostgreSQL server the per-statement cost of waking a backend outweighs the page itself.
  const total = filtered && !known ? sql`, (${cappedCount(matching)}) as ${sql.ref(TOTAL_COLUMN)}` : sql``;
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns)}${total} from ${sql.table(table.tableName)}
    ${where(pageConditions)} order by ${orderBy(keys)} limit ${limit + 1} offset ${offset}`.execute(db);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const result: RecordPage = { total: table.rowCount, fields: projection.map((f) => ({ name: f.name, type: f.type })), records: toRecords(projection, page) };
  if (more && page.length) {
    const last = page[page.length - 1]!;
    result.nextCursor = encodeCursor(signature, keys.map((k) => fromDb(k.field.type, last[k.field.column])), Number(last[ROW_ID]));
  }
  if (!filtered) return result;
  if (known) return Object.assign(result, known);
  // No rows at the very start means nothing matches; past the start, the count is asked for.
  const counted = rows.length ? (rows[0]![TOTAL_COLUMN] as number | string) : offset === 0 && !params.cursor ? 0 : undefined;
  const found = await filteredTotal(db, adapter, table, matching, counted);
  remember(totalKey, found);
  return Object.assign(result, found);
}

type FilteredTotal = Pick<RecordPage, 'total' | 'totalEstimated'>;

/**
 * Totals of filters already counted, per data table. A version's table never changes once it
 * is live (a new upload is a new table), so a total stays true for as long as the table
 * exists: the next page, or the next user asking the same filter, skips the count.
 */
const knownTotals = new Map<string, FilteredTotal>();
const KNOWN_TOTALS_MAX = 10_000;

/** The count's SQL (naming the table) and its parameters. */
function keyOf(compiled: { sql: string; parameters: readonly unknown[] }): string {
  return `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
}

function remember(key: string, total: FilteredTotal): void {
  // Full: the oldest goes (a Map iterates in insertion order).
  if (knownTotals.size >= KNOWN_TOTALS_MAX) knownTotals.delete(knownTotals.keys().next().value!);
  knownTotals.set(key, total);
}

/** `select count(*)` of the matching rows, stopping after COUNT_CAP + 1 of them. */
export function cappedCount(matching: RawBuilder<unknown>): RawBuilder<{ n: number | string }> {
  return sql`select count(*) as n from (${matching} limit ${COUNT_CAP + 1}) capped`;
}

/** The count up to COUNT_CAP (counted here when the page did not bring it); past it, the planner's estimate where there is one. */
async function filteredTotal(db: Database, adapter: DialectAdapter, table: DataTable, matching: RawBuilder<unknown>, counted: number | string | undefined) {
  const n = Number(counted ?? (await cappedCount(matching).execute(db)).rows[0]?.n ?? 0);
  if (n <= COUNT_CAP) return { total: n };
  const estimate = await adapter.datastore.estimateRows(db, matching.compile(db));
  return { total: Math.max(COUNT_CAP, Math.min(table.rowCount, Math.round(estimate ?? 0))), totalEstimated: true };
}
