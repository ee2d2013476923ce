import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { ConsultationTable } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { can, type Actor, type PolicyResource } from '../../domain/policy.js';
import { CONSULTATION } from '../../domain/workflows/index.js';
import { consultationHandlers, providerStaffOf, type StaffAudience } from '../notifications/audiences.js';
import type { NotificationService } from '../notifications/service.js';
import type { CaseRow, StepInput, WorkflowService } from '../workflow/service.js';

export interface Question {
  title: string;
  content: string;
  entryId?: string | undefined;
  public?: boolean | undefined;
  attachmentIds?: readonly string[] | undefined;
}

type ConsultationRow = Selectable<ConsultationTable>;

/**
 * 我要咨询 (rules 三.4): questions to the authority, answered by it or by the department it sends
 * them to, each within 5 working days of receiving it. The workflow engine keeps the state, the
 * due date and the timeline; this module keeps the question, the reply and the public Q&A.
 */
export class ConsultationService {
  constructor(
    private readonly db: Database,
    private readonly workflow: WorkflowService,
    private readonly notifications: NotificationService,
    /** Whether the catalog lists an entry publicly: only such an entry is asked about. */
    private readonly isListedEntry: (id: string) => Promise<boolean>,
  ) {}

  async ask(askerId: string, question: Question): Promise<{ id: string; status: string; dueAt: string | null }> {
    const title = question.title.trim(), content = question.content.trim();
    if (!title) throw new AppError('VALIDATION_FAILED', 'title', '请填写咨询标题');
    if (!content) throw new AppError('VALIDATION_FAILED', 'content', '请填写咨询内容');
    if (question.entryId && !(await this.isListedEntry(question.entryId))) throw new AppError('VALIDATION_FAILED', 'entryId', '所咨询的数据目录不存在');
    const id = randomUUID();
    await this.db.insertInto('consultations').values({
      id, asker_id: askerId, title, content, entry_id: question.entryId ?? null, public: question.public ? 1 : 0,
      reply: null, replied_by: null, replied_at: null, created_at: new Date().toISOString(),
    }).execute();
    const opened = await this.workflow.open(CONSULTATION, { subjectId: id, title, applicantId: askerId, departmentId: null, attachmentIds: question.attachmentIds });
    await this.assign(opened, consultationHandlers({ ownerId: askerId }));
    return { id, status: opened.state, dueAt: opened.due_on };
  }

  /** The question with its case, for one who may read it; to anyone else it does not exist. */
  async read(id: string, actor: Actor) {
    const { row, kase } = await this.load(id);
    const open = isPublished(row, kase);
    if (!open && !can(actor, 'consultation.read', facts(row, kase))) throw new AppError('NOT_FOUND');
    const participant = can(actor, 'consultation.read', facts(row, kase));
    const staff = participant && actor.kind === 'account' && actor.id !== row.asker_id;
    const timeline = (await this.workflow.timeline(kase))
      // The asker and the public learn what happened and when, not which member of staff did it.
      .map((step) => (staff ? step : { ...step, actorId: undefined, actorName: undefined }));
    return {
      ...this.summary(row, kase),
      entryTitle: await this.listedEntryTitle(row.entry_id),
      content: row.content,
      timeline: participant ? timeline : [],
      abilities: this.workflow.abilities(CONSULTATION, kase, actor),
    };
  }

  async dispatch(id: string, actor: Actor, to: { departmentId: string; comment?: string | undefined; attachmentIds?: readonly string[] | undefined }): Promise<void> {
    const { departmentId } = to;
    const department = await this.db.selectFrom('departments').select('kind').where('id', '=', departmentId).executeTakeFirst();
    if (department?.kind !== 'provider') throw new AppError('VALIDATION_FAILED', 'departmentId', '请选择开放主体（数据提供部门）');
    const dispatched = await this.take(id, actor, 'dispatch', to);
    await this.assign(dispatched, providerStaffOf(departmentId, { ownerId: dispatched.applicant_id }));
  }

  async reply(id: string, actor: Actor, content: string, attachmentIds?: readonly string[]): Promise<void> {
    const text = content.trim();
    if (!text) throw new AppError('VALIDATION_FAILED', 'content', '请填写答复内容');
    await this.take(id, actor, 'reply', { attachmentIds });
    await this.db.updateTable('consultations').set({ reply: text, replied_by: actor.kind === 'account' ? actor.id : null, replied_at: new Date().toISOString() })
      .where('id', '=', id).execute();
    const { row } = await this.load(id);
    await this.notifications.notify({ to: row.asker_id, kind: 'consultation.replied', params: { title: row.title }, link: CONSULTATION.pageFor('applicant', id) });
  }

  async sendBack(id: string, actor: Actor, reason: string): Promise<CaseRow> {
    const returned = await this.take(id, actor, 'return', { reason });
    await this.assign(returned, consultationHandlers({ ownerId: returned.applicant_id }));
    return returned;
  }

  async withdraw(id: string, actor: Actor, reason?: string): Promise<void> {
    await this.take(id, actor, 'withdraw', { reason });
  }

  /** Answered questions whose askers let them be shown, newest answer first. */
  async listPublic(opts: { entryId?: string | undefined; page: number; pageSize: number }) {
    let q = this.db.selectFrom('consultations').where('public', '=', 1).where('replied_at', 'is not', null);
    if (opts.entryId) q = q.where('entry_id', '=', opts.entryId);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('replied_at', 'desc').orderBy('id').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    return { total: Number(total), items: rows.map((r) => ({ id: r.id, title: r.title, content: r.content, entryId: r.entry_id, reply: replyOf(r), askedAt: r.created_at })) };
  }

  async listMine(askerId: string, opts: { page: number; pageSize: number }) {
    const q = this.db.selectFrom('consultations').where('asker_id', '=', askerId);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    return { total: Number(total), items: await this.withCases(rows) };
  }

  /** The staff queue: everything for the authority, what was sent to it for a department. */
  async listForStaff(opts: { departmentId: string | null; open?: boolean | undefined; page: number; pageSize: number }) {
    let q = this.db.selectFrom('consultations')
      .innerJoin('workflow_cases', (join) => join.onRef('workflow_cases.subject_id', '=', 'consultations.id').on('workflow_cases.kind', '=', CONSULTATION.kind));
    if (opts.departmentId) q = q.where('workflow_cases.department_id', '=', opts.departmentId);
    if (opts.open) q = q.where('workflow_cases.closed_at', 'is', null);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll('consultations').orderBy('consultations.created_at', 'desc').orderBy('consultations.id')
      .limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    return { total: Number(total), items: await this.withCases(rows) };
  }

  private async take(id: string, actor: Actor, transition: string, input: StepInput): Promise<CaseRow> {
    const { row, kase } = await this.load(id);
    // Whoever may not read the question is told it does not exist, whatever they tried to do.
    if (!can(actor, 'consultation.read', facts(row, kase))) throw new AppError('NOT_FOUND');
    return this.workflow.act(CONSULTATION, kase, transition, actor, input);
  }

  /** Those who now hold the question hear of it, with its due date. */
  private async assign(kase: CaseRow, to: StaffAudience): Promise<void> {
    await this.notifications.notify({
      to, kind: 'item.assigned', params: { workflow: CONSULTATION.kind, title: kase.title, dueAt: kase.due_on }, link: CONSULTATION.pageFor('authority', kase.subject_id),
    });
  }

  /** The title of the entry asked about while the catalog still lists it; an entry taken off is not named. */
  private async listedEntryTitle(entryId: string | null): Promise<string | null> {
    if (!entryId || !(await this.isListedEntry(entryId))) return null;
    const entry = await this.db.selectFrom('catalog_entries').select('title').where('id', '=', entryId).executeTakeFirst();
    return entry?.title ?? null;
  }

  private async load(id: string): Promise<{ row: ConsultationRow; kase: CaseRow }> {
    const row = await this.db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
    const kase = row && await this.workflow.latestCaseOf(CONSULTATION, id);
    if (!row || !kase) throw new AppError('NOT_FOUND');
    return { row, kase };
  }

  private async withCases(rows: ConsultationRow[]) {
    return Promise.all(rows.map(async (row) => {
      const kase = await this.workflow.latestCaseOf(CONSULTATION, row.id);
      return this.summary(row, kase!);
    }));
  }

  private summary(row: ConsultationRow, kase: CaseRow) {
    const view = this.workflow.view(kase);
    return {
      id: row.id, title: row.title, entryId: row.entry_id, public: row.public === 1, askedAt: row.created_at,
      status: kase.state, statusLabel: view.stateLabel, departmentId: kase.department_id,
      dueAt: view.dueAt, overdue: view.overdue, reply: replyOf(row),
    };
  }
}

function facts(row: ConsultationRow, kase: CaseRow): PolicyResource {
  return { ownerId: row.asker_id, departmentId: kase.department_id };
}

function isPublished(row: ConsultationRow, kase: CaseRow): boolean {
  return row.public === 1 && kase.state === 'answered';
}

function replyOf(row: ConsultationRow): { content: string; at: string } | null {
  return row.reply && row.replied_at ? { content: row.reply, at: row.replied_at } : null;
}

/** Where the asker reads the question and its reply (我的咨询), and where staff handle it. */
