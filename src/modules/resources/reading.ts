/**
 * Reading a resource's rows on behalf of a request: the one path the records API, the
 * CKAN-compatible datastore_search, downloads and statistics share, so all answer with the
 * same rules — and, for a grantee of 受限开放 data, with the granted data items only.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { queryRecords, type DataTable, type FieldProfile, type RecordPage, type RecordQuery } from '../../datastore/index.js';
import { AppError } from '../../domain/errors.js';
import { decide, readableFields, type PolicyResource } from '../../domain/policy.js';
import { authorize } from '../../http/auth.js';
import type { ActiveGrant } from '../applications/grants.js';
import type { ReadContext } from './service.js';
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
 * The caller's grant in force on a published 受限开放 entry, where one could matter. Read afresh
 * on every request, never remembered: a suspension, revocation or expiry applies to the next
 * request, in this process and in every other.
 */
export async function grantOf(ctx: AppContext, req: FastifyRequest, entryId: string, facts: PolicyResource): Promise<ActiveGrant | null> {
  if (req.actor.kind !== 'account' || facts.openType !== 'restricted' || facts.status !== 'published') return null;
  return ctx.grants.activeGrant(req.actor.id, entryId);
}

/** A resource's read context with the caller's facts: the policy's, and the grant they read through. */
export interface ReaderContext extends Omit<ReadContext, 'facts'> {
  readonly facts: PolicyResource;
  readonly grant: ActiveGrant | null;
  /** The data items this caller's reads are limited to (their grant's), or null for all. */
  readonly scope: readonly string[] | null;
}

/**
 * A resource's live table and policy facts: those of its entry, plus the caller's licence
 * acceptance and grant. The resource of an entry the caller may not know of is not found, as an
 * unknown one is, whatever is asked of it next.
 */
export async function readerContext(ctx: AppContext, req: FastifyRequest, resourceId: string): Promise<ReaderContext> {
  const context = await ctx.resources.readContext(resourceId);
  authorize(req, 'catalog.read', context.facts);
  const [accepted, grant] = await Promise.all([licenceAccepted(ctx, req), grantOf(ctx, req, context.entryId, context.facts)]);
  const facts: PolicyResource = { ...context.facts, licenceAccepted: accepted, grant: grant && { fields: grant.fields, delivery: grant.delivery } };
  return { ...context, facts, grant, scope: readableFields(req.actor, facts) };
}

/** The live table, or the 404 a reader gets when there is no data yet. */
export function liveTable<T>(table: T | null): T {
  if (!table) throw new AppError('NOT_FOUND', undefined, '该资源尚无数据');
  return table;
}

/**
 * The table as the caller may read it: whole, or under a grant only its granted data items —
 * the others left out of every answer, header and search, and refused when a query names them.
 * The one place field scoping happens for rows, whichever API reads them.
 */
export function scopedTable<T extends DataTable>(table: T, scope: readonly string[] | null): T {
  if (!scope) return table;
  const granted = new Set(scope);
  return {
    ...table,
    fields: table.fields.filter((f) => granted.has(f.name)),
    withheldFields: table.fields.filter((f) => !granted.has(f.name)).map((f) => f.name),
  };
}

/** Statistics as the caller may read them: under a grant, those of the granted data items only. */
export function scopedProfile(profile: readonly FieldProfile[], scope: readonly string[] | null): readonly FieldProfile[] {
  return scope ? profile.filter((p) => scope.includes(p.name)) : profile;
}

/**
 * Counts a read made through a grant (calls, rows returned, last use). Counted in memory and
 * written in batches: cheap, and a read never waits for, or fails with, the counting.
 */
export function countGrantUse(ctx: AppContext, context: ReaderContext, rows: number): void {
  if (context.grant && context.scope) ctx.grants.recordUse(context.grant.id, rows);
}

/**
 * Whether a query asks for no more than the public preview: the first PREVIEW_ROWS rows in
 * stored order. Filters, search, sorting and distinct values are refused to it, not only further
 * pages: a filter on the last value seen pages through the whole table 20 rows at a time, and
 * distinct values are drawn from every row.
 */
function isPreview(q: RecordQuery): boolean {
  return !q.cursor && !q.offset && (q.limit ?? PREVIEW_ROWS) <= PREVIEW_ROWS && !q.filters && !q.q?.trim() && !q.sort && !q.distinct;
}

/**
 * A page of records, as the policy allows: the preview of an unconditional resource is public;
 * anything more needs `resource.rows.read`; an older version is for the entry's keepers; a
 * grantee reads the granted data items only. Counted as a view, or as an API call with a key,
 * and as a use of the grant it was read through.
 */
export async function readRecords(ctx: AppContext, req: FastifyRequest, resourceId: string, query: RecordQuery & { version?: number | undefined }): Promise<RecordPage> {
  const context = await readerContext(ctx, req, resourceId);
  const { facts, entryId, table: live, scope } = context;
  const { version, ...rest } = query;
  const preview = isPreview(rest);
  if (!(preview && decide(req.actor, 'resource.preview', facts) === true)) authorize(req, 'resource.rows.read', facts);
  if (version !== undefined) authorize(req, 'catalog.internal.read', facts);
  const table = version === undefined ? liveTable(live) : await ctx.resources.currentTable(resourceId, version);
  const page = await queryRecords(ctx.database.db, ctx.database.adapter, scopedTable(table, scope), { limit: preview ? PREVIEW_ROWS : undefined, ...rest });
  if (isPublicUse(req.actor, facts)) {
    ctx.counters.hit('resources', resourceId, req.authMethod === 'apiKey' ? 'api_calls' : 'views');
    if (req.authMethod === 'apiKey') ctx.counters.hit('catalog_entries', entryId, 'api_calls');
  }
  countGrantUse(ctx, context, page.records.length);
  return page;
}
