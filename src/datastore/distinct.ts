/**
 * Distinct rows of the projected fields (CKAN's datastore_search `distinct`): the same
 * conditions and sort as any records query, ordered then by every projected field so pages
 * follow one another; the total counts distinct rows up to COUNT_CAP, beyond it an estimate.
 */
import { sql } from 'kysely';
import type { Database } from '../db/adapter.js';
import { AppError } from '../domain/errors.js';
import { cappedCount, COUNT_CAP, toRecords, type CompiledQuery } from './query.js';
import type { DataTable, RecordPage } from './types.js';

export async function queryDistinct(db: Database, table: DataTable, q: CompiledQuery): Promise<RecordPage> {
  const { projection, keys, conditions, limit, offset } = q;
  // Both engines order a DISTINCT only by what it selects.
  const outside = keys.find((k) => !projection.includes(k.field));
  if (outside) throw new AppError('INVALID_QUERY', 'sort', `去重查询只能按返回的数据项排序（“${outside.field.name.slice(0, 100)}”不在 fields 中）`);
  const columns = sql.join(projection.map((f) => sql.ref(f.column)));
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const order = [
    ...keys.map((k) => (k.desc ? sql`${sql.ref(k.field.column)} desc nulls last` : sql`${sql.ref(k.field.column)} asc nulls first`)),
    ...projection.filter((f) => !keys.some((k) => k.field === f)).map((f) => sql`${sql.ref(f.column)} asc nulls first`),
  ];
  const distinct = sql`select distinct ${columns} from ${sql.table(table.tableName)} ${where}`;
  const [{ rows }, counted] = await Promise.all([
    sql<Record<string, unknown>>`${distinct} order by ${sql.join(order)} limit ${limit} offset ${offset}`.execute(db),
    cappedCount(distinct).execute(db),
  ]);
  const n = Number(counted.rows[0]?.n ?? 0);
  return {
    total: Math.min(n, COUNT_CAP), ...(n > COUNT_CAP ? { totalEstimated: true } : {}),
    fields: projection.map((f) => ({ name: f.name, type: f.type })), records: toRecords(projection, rows),
  };
}
