/**
 * CKAN's DataStore reading actions over the portal's records: datastore_search (with `_id`,
 * records as objects, lists or CSV, distinct rows, a limit clamped to the maximum) and
 * datastore_info, through the same readRecords path and policy as the records API, so a
 * visitor sees the public preview only, restricted rows need a grant, and 禁止开放 data is not
 * found. datastore_search_sql is refused: the portal runs no SQL a caller writes.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { csvCell } from '../../datastore/csv-format.js';
import { MAX_LIMIT } from '../../datastore/query.js';
import { AppError } from '../../domain/errors.js';
import { FILTERS_MAX_CHARS, readRecords } from '../resources/reading.js';
import { CkanBool, clamp, Count, isTrue, type DefineAction } from './ckan-envelope.js';
import { DATASTORE_TYPES } from './ckan-packages.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const FORMATS = ['objects', 'lists', 'csv', 'tsv'] as const;
type RecordsFormat = (typeof FORMATS)[number];

/** Records in the format asked for; `names` in the order of the answer's fields. */
function formatted(records: Record<string, unknown>[], names: string[], format: RecordsFormat): unknown {
  if (format === 'objects') return records;
  if (format === 'lists') return records.map((r) => names.map((n) => r[n]));
  // CKAN's CSV and TSV records: one string, a line per record, no header, empty for null.
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const line = format === 'csv'
    ? (r: Record<string, unknown>) => names.map((n) => csvCell(cell(r[n]))).join(',')
    : (r: Record<string, unknown>) => names.map((n) => cell(r[n]).replace(/[\t\r\n]/g, ' ')).join('\t');
  return records.map((r) => `${line(r)}\n`).join('');
}

/** CKAN's _links: the URL asked, with the offset of the first and the next page. */
function links(req: FastifyRequest, offset: number, limit: number) {
  const url = new URL(req.url, 'http://local');
  const at = (n: number | undefined) => {
    const params = new URLSearchParams(url.search);
    if (n === undefined) params.delete('offset');
    else params.set('offset', String(n));
    const query = params.toString();
    return `${url.pathname}${query ? `?${query}` : ''}`;
  };
  return { start: at(undefined), next: at(offset + limit), ...(offset - limit > 0 ? { prev: at(offset - limit) } : {}) };
}

/**
 * CKAN clients send filters as a JSON object in a body (as JSON text in a query string, which
 * the schema caps): the object is held to the same cap, and one nested too deep to write back
 * out is refused as such, not as a server error.
 */
function filtersText(filters: Record<string, unknown>): string | undefined {
  let text: string;
  try {
    text = JSON.stringify(filters);
  } catch {
    throw new AppError('INVALID_QUERY', 'filters', '筛选条件嵌套过深');
  }
  if (text.length > FILTERS_MAX_CHARS) throw new AppError('INVALID_QUERY', 'filters', `筛选条件过长（最多 ${FILTERS_MAX_CHARS} 个字符）`);
  return text === '{}' ? undefined : text;
}

/**
 * CKAN's `q` as a dictionary, `{"field": "text"}` (a JSON object in a query string, as CKAN's
 * unicode_or_json_validator reads it): each field searched for its text, as a filter's `like`
 * does, so the field is checked like any filter's — unknown, or not granted, it is refused.
 * Answers the filters with these added, or null when `q` is plain text.
 */
function fieldSearch(q: unknown, filters: unknown): Record<string, unknown> | null {
  let fields = q;
  if (typeof q === 'string') {
    if (!q.trimStart().startsWith('{')) return null;
    try {
      fields = JSON.parse(q);
    } catch {
      return null;
    }
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return null;
  let given: unknown = filters ?? {};
  if (typeof given === 'string') {
    try {
      given = JSON.parse(given);
    } catch {
      throw new AppError('INVALID_QUERY', 'filters', 'filters 须为 JSON 对象');
    }
  }
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new AppError('INVALID_QUERY', 'filters', 'filters 须为 JSON 对象');
  const merged: Record<string, unknown> = { ...given };
  for (const [field, text] of Object.entries(fields)) {
    if (typeof text !== 'string' || text.trim() === '') throw new AppError('INVALID_QUERY', 'q', `按数据项检索时，“${field.slice(0, 64)}”的值须为非空文本`);
    if (Object.hasOwn(merged, field)) throw new AppError('INVALID_QUERY', 'q', `数据项“${field.slice(0, 64)}”不能同时出现在 q 和 filters 中`);
    merged[field] = { like: text.trim() };
  }
  return merged;
}

export function datastoreActions(define: DefineAction, ctx: AppContext): void {
  define('datastore_search', '查询数据记录（CKAN DataStore 兼容：filters、q、fields、sort、limit、offset、distinct、records_format）', Type.Object({
    resource_id: Id,
    filters: Type.Optional(Type.Union([Type.String({ maxLength: FILTERS_MAX_CHARS }), Type.Record(Type.String(), Type.Unknown())])),
    q: Type.Optional(Type.Union([
      Type.String({ maxLength: 200, description: '在所有文本数据项中检索；或 JSON 对象 {"数据项": "文本"}，在指定数据项中检索' }),
      Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 200 }), { maxProperties: 20 }),
    ])),
    fields: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 })])),
    sort: Type.Optional(Type.String({ maxLength: 500, description: '如 “数据项 desc, 数据项2”' })),
    limit: Type.Optional(Count(`条数（默认 100，超过 ${MAX_LIMIT} 按 ${MAX_LIMIT}；0 只返回字段与总数）`)),
    offset: Type.Optional(Count('起始位置')),
    distinct: Type.Optional(CkanBool),
    include_total: Type.Optional(CkanBool),
    total_estimation_threshold: Type.Optional(Type.Union([Count('总数超过此值时可返回估计值'), Type.Null()])),
    records_format: Type.Optional(Type.Union(FORMATS.map((f) => Type.Literal(f)), { description: 'objects（默认）、lists、csv 或 tsv' })),
  }), async (req, p) => {
    const limit = clamp(p.limit, 100, MAX_LIMIT), offset = p.offset ?? 0;
    const fields = Array.isArray(p.fields) ? p.fields.join(',') : p.fields;
    const searched = fieldSearch(p.q, p.filters);
    const filters = searched ?? p.filters;
    const page = await readRecords(ctx, req, p.resource_id, {
      filters: typeof filters === 'object' ? filtersText(filters) : filters,
      q: searched ? undefined : p.q as string | undefined, fields, sort: p.sort, limit, offset, rowIds: true, distinct: isTrue(p.distinct),
    });
    const format = p.records_format ?? 'objects';
    // The estimate CKAN offers above total_estimation_threshold is never needed: an unfiltered
    // total is the version's row count, and a filtered one is counted up to a cap.
    const total = p.include_total === undefined || isTrue(p.include_total) ? { total: page.total, total_was_estimated: page.totalEstimated ?? false } : {};
    return {
      resource_id: p.resource_id, records_format: format,
      fields: page.fields.map((f) => ({ id: f.name, type: DATASTORE_TYPES[f.type] })),
      records: formatted(page.records, page.fields.map((f) => f.name), format),
      ...total, limit, offset, _links: links(req, offset, limit),
    };
  });

  define('datastore_info', '数据表的字段与行数（CKAN DataStore 兼容）', Type.Object({ id: Id }), async (req, p) => {
    const page = await readRecords(ctx, req, p.id, { limit: 0, rowIds: true });
    return {
      meta: { id: p.id, count: page.total, table_type: 'BASE TABLE', aliases: [] },
      fields: page.fields.filter((f) => f.name !== '_id').map((f) => ({ id: f.name, type: DATASTORE_TYPES[f.type], schema: { native_type: DATASTORE_TYPES[f.type] } })),
    };
  });

  define('datastore_search_sql', 'SQL 查询（不提供：请使用 datastore_search）', Type.Object({ sql: Type.Optional(Type.String({ maxLength: 10_000 })) }), async () => {
    // Not a permission anyone could hold: the portal runs no SQL that a caller writes.
    throw new AppError('FORBIDDEN', undefined, '本平台不执行用户提交的 SQL，请使用 datastore_search 查询数据');
  });
}
