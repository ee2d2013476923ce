/**
 * Keyset cursors: the last row's sort values and row id, base64url-encoded JSON. Opaque to
 * clients; checked on the way back in (same sort, values of the right types).
 */
import { AppError } from '../domain/errors.js';
import type { FieldType } from './types.js';
import type { DbValue } from './values.js';

export function encodeCursor(signature: string, values: DbValue[], id: number): string {
  return Buffer.from(JSON.stringify({ s: signature, v: values, i: id })).toString('base64url');
}

export function decodeCursor(text: string, signature: string, types: FieldType[]): { values: DbValue[]; id: number } {
  const bad = (detail: string) => new AppError('BAD_CURSOR', 'cursor', detail);
  if (text.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(text)) throw bad('游标格式不正确');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad('游标格式不正确');
  }
  const c = parsed as { s?: unknown; v?: unknown; i?: unknown };
  if (!c || typeof c !== 'object' || !Array.isArray(c.v) || !Number.isSafeInteger(c.i)) throw bad('游标格式不正确');
  if (c.s !== signature) throw bad('游标与当前排序方式不一致');
  if (c.v.length !== types.length) throw bad('游标格式不正确');
  c.v.forEach((v, i) => {
    if (v !== null && !fits(types[i]!, v)) throw bad('游标格式不正确');
  });
  return { values: c.v as DbValue[], id: c.i as number };
}

/**
 * Whether a cursor value is one the field's column could have held: the database itself is
 * no judge, as PostgreSQL fails on a fraction or an overflow in a bigint and on a NUL in text.
 */
function fits(type: FieldType, v: unknown): boolean {
  switch (type) {
    case 'integer': return Number.isSafeInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return v === 0 || v === 1;
    default: return typeof v === 'string' && !v.includes('\0');
  }
}
