import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { GrantTable } from '../../db/schema.js';
import { grantStatus, outcomeDueOn } from '../../domain/application.js';
import { chinaDate } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { can, type AccountActor, type Actor, type PolicyResource } from '../../domain/policy.js';
import type { NotificationService } from '../notifications/service.js';
import { GrantUseCounter } from './grant-use.js';
import type { ApplicationRow } from './service.js';

export type GrantRow = Selectable<GrantTable>;

/** What a grant lets its holder read now. */
export interface ActiveGrant {
  id: string;
  fields: string[];
  delivery: 'api' | 'download';
}

/**
 * Grants (rules 二.3, 六.(五)): access to a restricted entry's data that a filed agreement opens
 * for its applicant — the granted data items, for the agreed period, by the agreed delivery. A
 * grant ends by itself when its period does; the authority or the data's department suspends,
 * resumes or revokes it with a reason. Nothing is cached: the next request anywhere reads the change.
 */
export class GrantService {
  private readonly use: GrantUseCounter;

  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationService,
    private readonly today: () => string = () => chinaDate(),
  ) {
    this.use = new GrantUseCounter(db);
  }

  /** Opens the grant of a filed application. */
  async issue(application: ApplicationRow): Promise<string> {
    const id = randomUUID();
    await this.db.insertInto('grants').values({
      id, application_id: application.id, grantee_id: application.applicant_id, entry_id: application.entry_id,
      department_id: application.department_id, fields: application.fields, starts_on: application.period_start!,
      ends_on: application.period_end!, delivery: application.delivery, suspended_at: null, suspended_reason: null,
      revoked_at: null, revoked_by: null, revoked_reason: null, last_used_at: null,
      outcome_due_on: outcomeDueOn(application.period_start!), outcome_reminded_at: null, outcome_overdue_noticed_at: null,
      created_at: new Date().toISOString(),
    }).execute();
    return id;
  }

  /** What the account reads of the entry today through its grants in force, if any. */
  async activeGrant(userId: string, entryId: string): Promise<ActiveGrant | null> {
    const today = this.today();
    const rows = await this.db.selectFrom('grants').select(['id', 'fields', 'delivery']).where('grantee_id', '=', userId).where('entry_id', '=', entryId)
      .where('revoked_at', 'is', null).where('suspended_at', 'is', null).where('starts_on', '<=', today).where('ends_on', '>=', today)
      .orderBy('created_at', 'desc').execute();
    if (rows.length === 0) return null;
    // Several grants in force on one entry add up: every data item any of them grants, download if any allows it.
    // Use is counted on the newest.
    const fields = [...new Set(rows.flatMap((r) => JSON.parse(r.fields) as string[]))];
    return { id: rows[0]!.id, fields, delivery: rows.some((r) => r.delivery === 'download') ? 'download' : 'api' };
  }

  /**
   * Counts one use of a grant: a call and the rows it returned. Counted in memory and written
   * every few seconds (GrantUseCounter): never a cost, nor a failure, of the read it counts.
   */
  recordUse(grantId: string, rows: number): void {
    this.use.add(grantId, rows);
  }

  /** Writes the use counted so far (the context does on closing). */
  async flushUse(): Promise<void> {
    await this.use.flush();
  }

  async listMine(actor: AccountActor) {
    const rows = await this.db.selectFrom('grants').selectAll().where('grantee_id', '=', actor.id).orderBy('created_at', 'desc').execute();
    return { items: await this.views(rows, actor) };
  }

  /** Every grant for the authority; a department's own entries' grants for its staff. */
  async listForStaff(actor: AccountActor, departmentId: string | null) {
    let q = this.db.selectFrom('grants').selectAll();
    if (departmentId) q = q.where('department_id', '=', departmentId);
    return { items: await this.views(await q.orderBy('created_at', 'desc').limit(500).execute(), actor) };
  }

  async get(id: string, actor: Actor) {
    const row = await this.load(id, actor);
    return (await this.views([row], actor))[0]!;
  }

  async suspend(id: string, actor: Actor, reason: string): Promise<void> {
    await this.change(id, actor, 'suspended', reason);
  }

  async resume(id: string, actor: Actor): Promise<void> {
    await this.change(id, actor, 'resumed', null);
  }

  async revoke(id: string, actor: Actor, reason: string): Promise<void> {
    await this.change(id, actor, 'revoked', reason);
  }

  /**
   * One guarded change of a grant still in force (not revoked, not expired): of two at once, one
   * wins and the other gets 409. The grantee is told.
   */
  private async change(id: string, actor: Actor, change: 'suspended' | 'resumed' | 'revoked', reason: string | null): Promise<void> {
    const row = await this.load(id, actor);
    if (!can(actor, 'grant.revoke', factsOf(row))) throw new AppError('FORBIDDEN');
    const why = reason?.trim() || null;
    if (change !== 'resumed' && !why) throw new AppError('REASON_REQUIRED', 'reason', '暂停或撤销授权须说明理由');
    if (this.today() > row.ends_on) throw new AppError('INVALID_TRANSITION', undefined, '该授权已到期');
    if (row.revoked_at) throw new AppError('CONFLICT', undefined, '该授权已撤销');
    if (change === 'suspended' && row.suspended_at) throw new AppError('CONFLICT', undefined, '该授权已暂停');
    if (change === 'resumed' && !row.suspended_at) throw new AppError('CONFLICT', undefined, '该授权未被暂停');
    const now = new Date().toISOString();
    const set = change === 'suspended' ? { suspended_at: now, suspended_reason: why }
      : change === 'resumed' ? { suspended_at: null, suspended_reason: null }
        : { revoked_at: now, revoked_by: actor.kind === 'account' ? actor.id : null, revoked_reason: why };
    const res = await this.db.updateTable('grants').set({ ...set, row_version: row.row_version + 1 })
      .where('id', '=', id).where('row_version', '=', row.row_version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    const entry = await this.db.selectFrom('catalog_entries').select('title').where('id', '=', row.entry_id).executeTakeFirst();
    await this.notifications.notify({ to: row.grantee_id, kind: 'grant.changed', params: { title: entry?.title ?? '', change, reason: why }, link: '/user/grants' });
  }

  private async load(id: string, actor: Actor): Promise<GrantRow> {
    const row = await this.db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !can(actor, 'grant.read', factsOf(row))) throw new AppError('NOT_FOUND');
    return row;
  }

  /** Calls, rows and last use: those written, and those this process counted since. */
  private useOf(row: GrantRow): { calls: number; rows: number; lastUsedAt: string | null } {
    const unwritten = this.use.unwritten(row.id);
    const stored = { calls: Number(row.calls), rows: Number(row.rows_read), lastUsedAt: row.last_used_at };
    if (!unwritten) return stored;
    const later = stored.lastUsedAt && stored.lastUsedAt > unwritten.lastUsedAt ? stored.lastUsedAt : unwritten.lastUsedAt;
    return { calls: stored.calls + unwritten.calls, rows: stored.rows + unwritten.rows, lastUsedAt: later };
  }

  /** The grants as the caller reads them, each with who holds it and what the caller may do with it now. */
  private async views(rows: GrantRow[], actor: Actor) {
    const today = this.today();
    if (rows.length === 0) return [];
    // One query each for the entries, their resources, the grantees and the outcome counts, however many grants.
    const entryIds = [...new Set(rows.map((r) => r.entry_id))];
    const entries = await this.db.selectFrom('catalog_entries').select(['id', 'title', 'fields']).where('id', 'in', entryIds).execute();
    const titles = new Map(entries.map((e) => [e.id, e.title]));
    const fieldTitles = new Map(entries.map((e) => [e.id, Object.fromEntries((JSON.parse(e.fields) as { name: string; title?: string }[]).map((f) => [f.name, f.title?.trim() || f.name]))]));
    const resourceRows = await this.db.selectFrom('resources').select(['id', 'entry_id']).where('entry_id', 'in', entryIds).orderBy('created_at').execute();
    const resources = new Map<string, string[]>();
    for (const r of resourceRows) resources.set(r.entry_id, [...(resources.get(r.entry_id) ?? []), r.id]);
    const users = await this.db.selectFrom('users').select(['id', 'display_name', 'real_name', 'verification_type'])
      .where('id', 'in', [...new Set(rows.map((r) => r.grantee_id))]).execute();
    const grantees = new Map(users.map((u) => [u.id, { name: u.real_name ?? u.display_name, type: u.verification_type }]));
    const counted = await this.db.selectFrom('grant_outcomes').select(['grant_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('grant_id', 'in', rows.map((r) => r.id)).groupBy('grant_id').execute();
    const outcomes = new Map(counted.map((c) => [c.grant_id, Number(c.n)]));
    const titled = (row: GrantRow) => Object.fromEntries((JSON.parse(row.fields) as string[]).map((name) => [name, fieldTitles.get(row.entry_id)?.[name] ?? name]));
    return rows.map((row) => ({
      id: row.id, applicationId: row.application_id, granteeId: row.grantee_id, entryId: row.entry_id, entryTitle: titles.get(row.entry_id) ?? '',
      departmentId: row.department_id, resourceIds: resources.get(row.entry_id) ?? [], fields: JSON.parse(row.fields) as string[],
      // The granted 数据项 as the entry titles them (cert_no → 从业资格证号), for people to read.
      fieldTitles: titled(row),
      startsAt: row.starts_on, endsAt: row.ends_on, delivery: row.delivery,
      status: grantStatus({ startsOn: row.starts_on, endsOn: row.ends_on, suspendedAt: row.suspended_at, revokedAt: row.revoked_at }, today),
      suspendedReason: row.suspended_reason, revokedAt: row.revoked_at, revokedReason: row.revoked_reason,
      use: this.useOf(row),
      grantee: grantees.get(row.grantee_id)!,
      abilities: abilitiesOn(row, actor, today),
      // 五.4: an outcome is owed within three months of the start; unregistered past that, it is overdue.
      outcome: { dueOn: row.outcome_due_on, registered: outcomes.get(row.id) ?? 0, overdue: !row.revoked_at && !outcomes.get(row.id) && today > row.outcome_due_on },
    }));
  }
}

/** What the caller may do with a grant now: suspend or resume, and revoke, while it is in force. */
function abilitiesOn(row: GrantRow, actor: Actor, today: string): string[] {
  if (row.revoked_at || today > row.ends_on || !can(actor, 'grant.revoke', factsOf(row))) return [];
  return [row.suspended_at ? 'resume' : 'suspend', 'revoke'];
}

function factsOf(row: GrantRow): PolicyResource {
  return { ownerId: row.grantee_id, departmentId: row.department_id };
}
