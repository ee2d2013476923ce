/**
 * The `filters` parameter: a JSON object of field → value | [values] | { gte, lte, gt, lt }
 * | { like } | null. Values are parsed as the field's type and always bound as parameters.
 */
import { sql, type RawBuilder } from 'kysely';
import { contains } from '../db/contains.js';
import { AppError } from '../domain/errors.js';
import type { TableField } from './types.js';
import { toDbValue, TYPE_ZH, type DbValue } from './values.js';

const MAX_IN = 1000;
const RANGE = { gte: '>=', lte: '<=', gt: '>', lt: '<' } as const;

const invalid = (detail: string) => new AppError('INVALID_QUERY', 'filters', detail);

/**
 * A NUL arrives here as a JSON escape (\u0000), past the guard on addresses and bodies;
 * PostgreSQL text cannot hold one, so it is refused before any query is built.
 */
function noNul(field: TableField, text: string): string {
  if (text.includes('\0')) throw invalid(`筛选值中含有空字符（NUL）（数据项“${field.name}”）`);
  return text;
}

/** A filter value as the stored value of the field's type. */
function value(field: TableField, v: unknown): DbValue {
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    throw invalid(`数据项“${field.name}”的筛选值须为文本、数字或布尔值`);
  }
  const text = typeof v === 'boolean' ? (v ? 'true' : 'false') : noNul(field, String(v));
  const parsed = toDbValue(field.type, text);
  if (parsed === undefined) throw invalid(`“${text.slice(0, 60)}”不是有效${TYPE_ZH[field.type]}（数据项“${field.name}”）`);
  return parsed;
}

function condition(field: TableField, cond: unknown): RawBuilder<unknown> {
  const col = sql.ref(field.column);
  if (cond === null) return sql`${col} is null`;
  if (Array.isArray(cond)) {
    if (cond.length === 0 || cond.length > MAX_IN) throw invalid(`数据项“${field.name}”的取值列表须有 1 至 ${MAX_IN} 个值`);
    const values = cond.map((v) => value(field, v));
    const present = values.filter((v) => v !== null);
    const parts: RawBuilder<unknown>[] = [];
    if (present.length) parts.push(sql`${col} in (${sql.join(present)})`);
    if (present.length < values.length) parts.push(sql`${col} is null`);
    return sql`(${sql.join(parts, sql` or `)})`;
  }
  if (typeof cond === 'object') {
    const entries = Object.entries(cond as Record<string, unknown>);
    if (entries.length === 0) throw invalid(`数据项“${field.name}”的筛选条件为空`);
    const parts = entries.map(([op, v]) => {
      if (op === 'like') {
        if (field.type !== 'string') throw invalid(`只能对文本数据项使用 like（数据项“${field.name}”）`);
        if (typeof v !== 'string' || v === '') throw invalid(`like 的值须为非空文本（数据项“${field.name}”）`);
        return contains(field.column, noNul(field, v)) as RawBuilder<unknown>;
      }
      if (!Object.hasOwn(RANGE, op)) throw invalid(`不支持的筛选运算“${op.slice(0, 20)}”，可用 gte、lte、gt、lt、like`);
      const parsed = value(field, v);
      if (parsed === null) throw invalid(`范围筛选的值不能为空（数据项“${field.name}”）`);
      return sql`${col} ${sql.raw(RANGE[op as keyof typeof RANGE])} ${parsed}`;
    });
    return sql.join(parts, sql` and `);
  }
  const parsed = value(field, cond);
  return parsed === null ? sql`${col} is null` : sql`${col} = ${parsed}`;
}

/** `lookup` finds the field a filter names, refusing a name the reader may not use. */
export function parseFilters(lookup: (name: string) => TableField, text: string | undefined): RawBuilder<unknown>[] {
  if (text === undefined || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('filters 须为 JSON 对象');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('filters 须为 JSON 对象');
  return Object.entries(parsed as Record<string, unknown>).map(([name, cond]) => condition(lookup(name), cond));
}
