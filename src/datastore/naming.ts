/**
 * SQL identifiers of data tables and columns. They are generated here and checked again
 * before use, so nothing a user typed (a header, a field name) ever reaches SQL text.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { DataTable } from './types.js';

export const TABLE_PREFIX = 'ds_';
const TABLE_RE = /^ds_[0-9a-f]{32}_v[1-9]\d{0,8}$/;
const COLUMN_RE = /^c[1-9]\d{0,4}$/;
/** The internal row id: insertion order, keyset paging and export order. */
export const ROW_ID = '_id';

/** ds_<32 hex>_v<version>: a UUID's hex digits, or a hash of any other id. */
export function tableNameFor(resourceId: string, version: number): string {
  if (!Number.isSafeInteger(version) || version < 1 || version > 999_999_999) throw new AppError('VALIDATION_FAILED', 'version');
  const hex = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(resourceId)
    ? resourceId.replace(/-/g, '').toLowerCase()
    : createHash('sha256').update(resourceId).digest('hex').slice(0, 32);
  return `${TABLE_PREFIX}${hex}_v${version}`;
}

export function columnName(index: number): string {
  return `c${index + 1}`;
}

export function isDataTableName(name: string): boolean {
  return TABLE_RE.test(name);
}

/** A DataTable from stored metadata, checked before any of its identifiers is used. */
export function assertSafeTable(table: DataTable): void {
  if (!isDataTableName(table.tableName)) throw new AppError('INTERNAL', undefined, `数据表名无效：${table.tableName}`);
  for (const f of table.fields) {
    if (!COLUMN_RE.test(f.column)) throw new AppError('INTERNAL', undefined, `数据列名无效：${f.column}`);
  }
}
