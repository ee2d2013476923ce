/**
 * Reading a resource's rows on behalf of a request: the one path the records API and the
 * CKAN-compatible datastore_search share, so both answer with the same rules.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { queryRecords, type RecordPage, type RecordQuery } from '../../datastore/index.js';
import { AppError } from '../../domain/errors.js';
import { decide, type PolicyResource } from '../../domain/policy.js';
import { authorize } from '../../http/auth.js';
import { isPublicUse } from './counters.js';

/** The first page anyone may see of an unconditional resource (the dataset page's preview). */
export const PREVIEW_ROWS = 20;

/** The longest filters text a records query takes (JSON). */
export const FILTERS_MAX_CHARS = 4000;

/** Whether the caller has accepted the current licence (a policy fact of every rows decision). */
export async function licenceAccepted(ctx: AppContext, req: FastifyRequest): Promise<boolean> {
  return req.actor.kind === 'account' ? ctx.licence.hasAcceptedCurrent(req.actor.id) : false;
}

/**
 * A resource's live table and policy facts: those of its entry, plus the caller's licence
 * acceptance. The resource of an entry the caller may not know of is not found, as an unknown
 * one is, whatever is asked of it next.
 */
export async function readerContext(ctx: AppContext, req: FastifyRequest, resourceId: string) {
  const context = await ctx.resources.readContext(resourceId);
  authorize(req, 'catalog.read', context.facts);
  return { ...context, facts: { ...context.facts, licenceAccepted: await licenceAccepted(ctx, req) } as PolicyResource };
}

/** The live table, or the 404 a reader gets when there is no data yet. */
export function liveTable<T>(table: T | null): T {
  if (!table) throw new AppError('NOT_FOUND', undefined, '该资源尚无数据');
  return table;
}

/**
 * Whether a query asks for no more than the public preview: the first PREVIEW_ROWS rows in
 * stored order. Filters, search and sorting are refused to it, not only further pages: a filter
 * on the last value seen pages through the whole table 20 rows at a time.
 */
function isPreview(q: RecordQuery): boolean {
  return !q.cursor && !q.offset && (q.limit ?? PREVIEW_ROWS) <= PREVIEW_ROWS && !q.filters && !q.q?.trim() && !q.sort;
}

/**
 * A page of records, as the policy allows: the preview of an unconditional resource is public;
 * anything more needs `resource.rows.read`; an older version is for the entry's keepers.
 * Counted as a view, or as an API call with a key.
 */
export async function readRecords(ctx: AppContext, req: FastifyRequest, resourceId: string, query: RecordQuery & { version?: number | undefined }): Promise<RecordPage> {
  const { facts, entryId, table: live } = await readerContext(ctx, req, resourceId);
  const { version, ...rest } = query;
  const preview = isPreview(rest);
  if (!(preview && decide(req.actor, 'resource.preview', facts) === true)) authorize(req, 'resource.rows.read', facts);
  if (version !== undefined) authorize(req, 'catalog.internal.read', facts);
  const table = version === undefined ? liveTable(live) : await ctx.resources.currentTable(resourceId, version);
  const page = await queryRecords(ctx.database.db, ctx.database.adapter, table, { limit: preview ? PREVIEW_ROWS : undefined, ...rest });
  if (isPublicUse(req.actor, facts)) {
    ctx.counters.hit('resources', resourceId, req.authMethod === 'apiKey' ? 'api_calls' : 'views');
    if (req.authMethod === 'apiKey') ctx.counters.hit('catalog_entries', entryId, 'api_calls');
  }
  return page;
}
