import { randomUUID } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import { contains } from '../../db/contains.js';
import type { CatalogEntryTable, EntryStatus } from '../../db/schema.js';
import { canTransition, nextUpdateDue } from '../../domain/catalog.js';
import { AppError } from '../../domain/errors.js';
import { checkEntryInput, diffInputs, followOpenType, inputToColumns, rowToInput, type EntryInput } from './entry-input.js';

/** The search index, as the catalog sees it: told when an entry's public face changes. */
export interface SearchIndexer {
  indexEntry(entryId: string): Promise<void>;
  indexEntries(entryIds: string[]): Promise<void>;
  removeEntry(entryId: string): Promise<void>;
}

export type EntryView = Awaited<ReturnType<CatalogService['get']>>;

/**
 * 目录管理: entries move draft → submitted → (authority review) → published → withdrawn.
 * Edits to a published entry wait in `pending_revision` for review while the published
 * version stays live. Every change lands in the entry's history.
 */
export class CatalogService {
  constructor(
    private readonly db: Database,
    private readonly search: SearchIndexer,
    /** Starts the review of data held on a published entry (the publication workflow's case). */
    private readonly reviewHeldData: (entryId: string, uploaderId: string | null) => Promise<void>,
  ) {}

  /** `id` is the demo seed's, so that documented examples can name its entries; otherwise a new one. */
  async create(input: EntryInput, actorId: string | null, id: string = randomUUID()): Promise<string> {
    checkEntryInput(input);
    await this.assertDepartment(input.departmentId);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('catalog_entries').values({
        id, ...inputToColumns(input), source_url: null, status: 'draft', pending_revision: null, review_note: null,
        submitted_by: null, submitted_at: null, created_by: actorId, created_at: now, updated_at: now,
        published_at: null, last_data_update: null, next_update_due: null,
      }).execute();
      await trx.insertInto('catalog_history').values(historyRow(id, actorId, 'create', diffInputs({}, input))).execute();
    });
    return id;
  }

  async row(id: string): Promise<Selectable<CatalogEntryTable>> {
    const row = await this.db.selectFrom('catalog_entries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  /** What the policy decides an entry's permissions on: its department, open type, state and submitter. */
  async policyFacts(id: string) {
    const row = await this.row(id);
    return { departmentId: row.department_id, openType: row.open_type, status: row.status, ownerId: row.submitted_by, harvested: row.harvest_source_id !== null };
  }

  /**
   * The policy facts of a review: besides the submitter, everyone who wrote any part of what
   * awaits it, in this round or any earlier one — whoever created, edited or submitted the entry
   * (its history, decisions aside) and whoever uploaded its data (`dataContributorIds`, from the
   * resources module) — for none of them may approve their own work, however many rounds ago
   * they wrote it.
   */
  async reviewFacts(id: string, dataContributorIds: readonly string[]) {
    const facts = await this.policyFacts(id);
    const editors = await this.db.selectFrom('catalog_history').select('actor_id').distinct()
      .where('entry_id', '=', id).where('action', 'not in', DECISIONS).where('actor_id', 'is not', null).execute();
    return { ...facts, contributorIds: [...editors.map((r) => r.actor_id!), ...dataContributorIds] };
  }

  /** The entry as its keepers and the public see it (the pending revision only for keepers). */
  async get(id: string) {
    const row = await this.row(id);
    const department = await this.db.selectFrom('departments').select(['id', 'name']).where('id', '=', row.department_id).executeTakeFirstOrThrow();
    const harvestSource = row.harvest_source_id
      ? await this.db.selectFrom('harvest_sources').select(['id', 'name']).where('id', '=', row.harvest_source_id).executeTakeFirst()
      : undefined;
    return {
      id: row.id,
      ...rowToInput(row),
      department,
      status: row.status,
      sourceUrl: row.source_url,
      /** 目录采集: the source it is imported from and kept by, and its data's links there. */
      harvest: harvestSource ? { source: harvestSource, links: JSON.parse(row.harvest_links ?? '[]') as { name: string; url: string; format: string }[] } : null,
      reviewNote: row.review_note,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      publishedAt: row.published_at,
      lastDataUpdate: row.last_data_update,
      nextUpdateDue: row.next_update_due,
      views: Number(row.views),
      downloads: Number(row.downloads),
      apiCalls: Number(row.api_calls),
      pendingRevision: row.pending_revision ? (JSON.parse(row.pending_revision) as Partial<EntryInput>) : null,
    };
  }

  /** What a restricted entry's would-be applicants read: its 数据项 and its conditions, as published. */
  async applicationTerms(id: string): Promise<Pick<EntryInput, 'fields' | 'conditions' | 'openConditions'>> {
    const { fields, conditions, openConditions } = rowToInput(await this.row(id));
    return { fields, conditions, openConditions };
  }

  /** The console list: one department's entries for its staff, all of them for the authority. */
  async listForConsole(opts: { departmentId: string | null; status?: EntryStatus | undefined; awaitingReview?: boolean | undefined; q?: string | undefined; page: number; pageSize: number }) {
    let q = this.db.selectFrom('catalog_entries').innerJoin('departments', 'departments.id', 'catalog_entries.department_id');
    if (opts.departmentId) q = q.where('catalog_entries.department_id', '=', opts.departmentId);
    if (opts.status) q = q.where('catalog_entries.status', '=', opts.status);
    if (opts.q) q = q.where(contains('catalog_entries.title', opts.q));
    if (opts.awaitingReview) {
      q = q.where((eb) => eb.or([
        eb('catalog_entries.status', '=', 'submitted'),
        eb.and([eb('catalog_entries.status', '=', 'published'), eb('catalog_entries.submitted_at', 'is not', null)]),
      ]));
    }
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.select([
      'catalog_entries.id', 'catalog_entries.title', 'catalog_entries.status', 'catalog_entries.open_type', 'catalog_entries.update_frequency',
      'catalog_entries.updated_at', 'catalog_entries.submitted_at', 'catalog_entries.pending_revision', 'departments.name as department_name',
      'catalog_entries.department_id',
    ]).orderBy('catalog_entries.updated_at', 'desc').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    return {
      total: Number(total),
      items: rows.map((r) => ({
        id: r.id, title: r.title, status: r.status, openType: r.open_type, updateFrequency: r.update_frequency,
        updatedAt: r.updated_at, awaitingReview: awaitingReview(r),
        hasPendingRevision: r.pending_revision !== null, department: { id: r.department_id, name: r.department_name },
      })),
    };
  }

  /** Drafts change in place; a published entry collects the change as a revision for review. */
  async update(id: string, change: Partial<EntryInput>, actorId: string): Promise<void> {
    const patch = followOpenType(change);
    const row = await this.row(id);
    // What the reviewer reads must be what they approve: no edits slip in after submission.
    if (awaitingReview(row)) throw new AppError('INVALID_TRANSITION', undefined, '目录正在审核中，请等待审核结果后再修改');
    const live = rowToInput(row);
    if (row.status === 'published') {
      const pending = { ...(row.pending_revision ? JSON.parse(row.pending_revision) : {}), ...patch } as Partial<EntryInput>;
      checkEntryInput({ ...live, ...pending });
      if (pending.departmentId && pending.departmentId !== row.department_id) throw new AppError('VALIDATION_FAILED', 'departmentId', '已发布目录不能更换开放主体');
      await this.db.transaction().execute(async (trx) => {
        await this.change(row, { pending_revision: JSON.stringify(pending), updated_at: new Date().toISOString() });
        await trx.insertInto('catalog_history').values(historyRow(id, actorId, 'revise', diffInputs(live, patch))).execute();
      });
      return;
    }
    const next = { ...live, ...patch };
    checkEntryInput(next);
    if (patch.departmentId) await this.assertDepartment(patch.departmentId);
    await this.db.transaction().execute(async (trx) => {
      await this.change(row, { ...columnsOf(row, next), updated_at: new Date().toISOString() });
      await trx.insertInto('catalog_history').values(historyRow(id, actorId, 'update', diffInputs(live, patch))).execute();
    });
  }

  /** Asks the authority to review: a first publication, a re-publication, or a published entry's changes. */
  async submit(id: string, actorId: string | null, awaitingData: () => Promise<boolean>): Promise<void> {
    const row = await this.row(id);
    const now = new Date().toISOString();
    if (row.status === 'published') {
      if (awaitingReview(row)) throw new AppError('INVALID_TRANSITION', undefined, '目录已在审核中');
      if (!row.pending_revision && !(await awaitingData())) throw new AppError('INVALID_TRANSITION', undefined, '没有待审核的修改');
      await this.db.transaction().execute(async (trx) => {
        await this.change(row, { submitted_by: actorId, submitted_at: now, review_note: null });
        await trx.insertInto('catalog_history').values(historyRow(id, actorId, 'submit', null)).execute();
      });
      return;
    }
    this.assertTransition(row.status, 'submitted');
    checkEntryInput(rowToInput(row));
    await this.db.transaction().execute(async (trx) => {
      await this.change(row, { status: 'submitted', submitted_by: actorId, submitted_at: now, review_note: null, updated_at: now });
      await trx.insertInto('catalog_history').values(historyRow(id, actorId, 'submit', null)).execute();
    });
  }

  /**
   * The authority's decision, in one transaction with what follows from it. Approving publishes
   * the entry (or applies its revision) and puts its held data versions live through `held`;
   * rejecting says why and discards held changes.
   */
  async review(
    id: string, reviewerId: string | null, approve: boolean, reason: string | undefined,
    held: { promote(): Promise<void>; discard(): Promise<void> },
  ): Promise<void> {
    const row = await this.row(id);
    if (!approve && !reason?.trim()) throw new AppError('REASON_REQUIRED', 'reason');
    if (!awaitingReview(row)) throw new AppError('INVALID_TRANSITION', undefined, '该目录没有待审核的内容');
    const now = new Date().toISOString();
    const note = reason?.trim() || null;
    await this.db.transaction().execute(async (trx) => {
      if (row.status === 'submitted') {
        await this.change(row, approve
          ? { status: 'published', published_at: row.published_at ?? now, review_note: note, submitted_at: null, updated_at: now }
          : { status: 'rejected', review_note: note, submitted_at: null, updated_at: now });
        await trx.insertInto('catalog_history').values(historyRow(id, reviewerId, approve ? 'publish' : 'reject', null, note)).execute();
        // A rejected first publication keeps its data for the next round; only approval puts it live.
        if (approve) await held.promote();
      } else {
        const revision = row.pending_revision ? (JSON.parse(row.pending_revision) as Partial<EntryInput>) : null;
        const applied = approve && revision ? columnsOf(row, { ...rowToInput(row), ...revision }) : {};
        await this.change(row, { ...applied, pending_revision: null, submitted_at: null, review_note: note, updated_at: now });
        await trx.insertInto('catalog_history').values(historyRow(id, reviewerId, approve ? 'approve-revision' : 'reject-revision', revision ? diffInputs(rowToInput(row), revision) : null, note)).execute();
        await (approve ? held.promote() : held.discard());
      }
      await this.syncSearch(id);
    });
  }

  /**
   * Takes a published entry off the portal. The withdrawal closes any review round, so its
   * pending revision is dropped and its held data versions discarded (`discardHeld`): they can
   * never go live on a later approval.
   */
  async withdraw(id: string, actorId: string, reason: string, discardHeld: () => Promise<void>): Promise<void> {
    const row = await this.row(id);
    this.assertTransition(row.status, 'withdrawn');
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.change(row, { status: 'withdrawn', pending_revision: null, submitted_at: null, updated_at: now });
      await trx.insertInto('catalog_history').values(historyRow(id, actorId, 'withdraw', null, reason)).execute();
      await discardHeld();
      await this.syncSearch(id);
    });
  }

  /**
   * A data version of one of the entry's resources is complete: does it go live, or wait for
   * review? It waits when the entry awaits review — nothing changes what a reviewer reads, an
   * ingest that finishes after submission included — and when it does not match a published
   * entry's catalog, which then awaits review itself. Decided on the entry as it stands when
   * the version commits: the first statement takes the entry's row, so a submission at the same
   * moment comes wholly before or wholly after.
   */
  async dataArrived(id: string, version: { consistent: boolean; actorId: string | null; description: string }): Promise<'live' | 'held'> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('catalog_entries').set((eb) => ({ row_version: eb('row_version', '+', 1) })).where('id', '=', id).execute();
      const row = await this.row(id);
      const inReview = awaitingReview(row);
      if (!inReview && (row.status !== 'published' || version.consistent)) return 'live';
      const now = new Date().toISOString();
      if (!inReview) {
        await trx.updateTable('catalog_entries').set({ submitted_at: now, submitted_by: version.actorId }).where('id', '=', id).execute();
        await this.reviewHeldData(id, version.actorId);
      }
      const why = inReview ? '在目录审核期间完成导入' : '与目录不一致';
      await trx.insertInto('catalog_history').values(historyRow(id, version.actorId, 'hold-data', null, `${version.description}${why}，待主管部门审核后生效`)).execute();
      return 'held';
    });
  }

  /**
   * Nothing changes what a reviewer reads: while an entry awaits review (a first publication,
   * or a published entry's revision or held data) it takes no new data.
   */
  async assertAcceptsData(id: string): Promise<void> {
    if (awaitingReview(await this.row(id))) throw new AppError('INVALID_TRANSITION', undefined, '目录正在审核中，审核结束前不能上传数据');
  }

  /** A new data version went live: the entry's data dates move with it. */
  async recordDataUpdate(id: string): Promise<void> {
    const row = await this.row(id);
    const now = new Date().toISOString();
    await this.db.updateTable('catalog_entries').set((eb) => ({
      last_data_update: now,
      next_update_due: nextUpdateDue(now, rowToInput(row).updateFrequency),
      updated_at: now,
      row_version: eb('row_version', '+', 1),
    })).where('id', '=', id).execute();
    await this.syncSearch(id);
  }

  /** Adopts the fields a first data version revealed when the keeper declared none. */
  async adoptFields(id: string, fields: EntryInput['fields'], actorId: string | null): Promise<void> {
    const row = await this.row(id);
    if (JSON.parse(row.fields).length > 0) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('catalog_entries').set((eb) => ({ fields: JSON.stringify(fields), row_version: eb('row_version', '+', 1) })).where('id', '=', id).execute();
      await trx.insertInto('catalog_history').values(historyRow(id, actorId, 'infer-fields', { fields: [[], fields] }, '数据项由首个数据版本推断，请核对中文名称与说明')).execute();
    });
  }

  /** Every step of the entry, with who took it: what its keepers and the authority read. */
  async history(id: string) {
    await this.row(id);
    const rows = await this.db.selectFrom('catalog_history').leftJoin('users', 'users.id', 'catalog_history.actor_id')
      .select(['catalog_history.id', 'catalog_history.action', 'catalog_history.changes', 'catalog_history.note', 'catalog_history.at', 'users.display_name'])
      .where('catalog_history.entry_id', '=', id).orderBy('catalog_history.at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, action: r.action, changes: r.changes ? JSON.parse(r.changes) : null, note: r.note, at: r.at, actor: r.display_name ?? '系统' }));
  }

  /**
   * The history as the public reads it: only what was published, with the changes as they went
   * live. Drafts, pending or refused revisions and held data were never public, and a reviewer's
   * word is for the provider; each step is signed by its taker's department, not by a person.
   */
  async publishedHistory(id: string) {
    await this.row(id);
    const rows = await this.db.selectFrom('catalog_history')
      .leftJoin('users', 'users.id', 'catalog_history.actor_id')
      .leftJoin('departments', 'departments.id', 'users.department_id')
      .select(['catalog_history.id', 'catalog_history.action', 'catalog_history.changes', 'catalog_history.note', 'catalog_history.at', 'catalog_history.actor_id', 'departments.name'])
      .where('catalog_history.entry_id', '=', id).where('catalog_history.action', 'in', Object.keys(PUBLISHED_STEPS))
      .orderBy('catalog_history.at', 'desc').execute();
    return rows.map((r) => ({
      id: r.id, action: r.action, changes: r.changes ? JSON.parse(r.changes) : null, note: PUBLISHED_STEPS[r.action] ? r.note : null, at: r.at,
      // Only the authority's staff publish, approve or withdraw without a department of their own.
      actor: r.name ?? (r.actor_id ? '主管部门' : '系统'),
    }));
  }

  /**
   * A guarded change: written only if the entry is still as `row` read it (its row_version), so
   * of two changes racing from the same state one wins and the other is told CONFLICT.
   */
  private async change(row: Selectable<CatalogEntryTable>, columns: Updateable<CatalogEntryTable>): Promise<void> {
    const res = await this.db.updateTable('catalog_entries').set((eb) => ({ ...columns, row_version: eb('row_version', '+', 1) }))
      .where('id', '=', row.id).where('row_version', '=', Number(row.row_version)).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
  }

  private async syncSearch(id: string): Promise<void> {
    const row = await this.row(id);
    if (row.status === 'published') await this.search.indexEntry(id);
    else await this.search.removeEntry(id);
  }

  private assertTransition(from: EntryStatus, to: EntryStatus): void {
    if (!canTransition(from, to)) throw new AppError('INVALID_TRANSITION', undefined, `${from} → ${to}`);
  }

  private async assertDepartment(id: string): Promise<void> {
    const d = await this.db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
    if (!d) throw new AppError('VALIDATION_FAILED', 'departmentId', '开放主体不存在');
  }
}

/** An entry's new columns; the next update falls due anew when the frequency changes. */
function columnsOf(row: Selectable<CatalogEntryTable>, next: EntryInput) {
  const due = row.last_data_update ? nextUpdateDue(row.last_data_update, next.updateFrequency) : null;
  return { ...inputToColumns(next), next_update_due: due };
}

/** History actions that close a review round: what comes after them is the next round's work. */
const DECISIONS = ['publish', 'reject', 'approve-revision', 'reject-revision', 'withdraw'];

/**
 * The steps of what was published, and whether their note is public too: a withdrawal's reason
 * is what the public was told; a reviewer's note on approval was written to the provider.
 */
const PUBLISHED_STEPS: Record<string, boolean> = { import: true, harvest: true, publish: false, 'approve-revision': false, withdraw: true };

/** A first publication, or a published entry's revision or held data, waits for the authority. */
function awaitingReview(row: Pick<Selectable<CatalogEntryTable>, 'status' | 'submitted_at'>): boolean {
  return row.status === 'submitted' || (row.status === 'published' && row.submitted_at !== null);
}

function historyRow(entryId: string, actorId: string | null, action: string, changes: unknown, note: string | null = null) {
  return {
    id: randomUUID(), entry_id: entryId, actor_id: actorId, action,
    changes: changes && Object.keys(changes).length ? JSON.stringify(changes) : null, note, at: new Date().toISOString(),
  };
}
