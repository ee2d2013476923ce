import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { ApplicationTable } from '../../db/schema.js';
import { checkPeriodDates, checkSubmittable, REVIEWED_TERMS, type ApplicationForm, type Capability, type Delivery } from '../../domain/application.js';
import { chinaDate } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { can, type AccountActor, type Actor, type PolicyResource } from '../../domain/policy.js';
import { RESTRICTED_APPLICATION, decidedStepOf, reviewStepOf, type ReviewStep } from '../../domain/workflows/restricted-application.js';
import type { WorkflowDeclaration } from '../../domain/workflow.js';
import type { NotificationService } from '../notifications/service.js';
import type { CaseRow, WorkflowService } from '../workflow/service.js';
import type { StoredAgreement } from './agreement.js';

export type ApplicationRow = Selectable<ApplicationTable>;

/** The form as the API takes it: every part optional while drafting, checked whole on submission. */
export interface ApplicationInput {
  fields?: string[] | undefined;
  purpose?: string | undefined;
  scenario?: string | undefined;
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
  delivery?: Delivery | undefined;
  expectedOutcome?: string | undefined;
  capability?: Partial<Capability> | undefined;
  attachmentIds?: string[] | undefined;
  pledgeVersion?: number | undefined;
}

/** What the catalog tells an application about the entry it asks for. */
export interface EntryOffer {
  title: string;
  departmentId: string;
  /** Published and restricted: only such an entry takes applications. */
  takesApplications: boolean;
  /** The data items that may be requested. */
  requestable: string[];
  allowsDownload: boolean;
  /** The security capabilities every applicant declares (the entry's conditions). */
  requiredCapabilities: string[];
}

export interface ApplicationDeps {
  db: Database;
  workflow: WorkflowService;
  notifications: NotificationService;
  offerOf: (entryId: string) => Promise<EntryOffer | null>;
  /** Whether the applicant meets the entry's conditions (verification, credit level, applicant type); throws the missing one. */
  assertEligible: (actor: AccountActor, entryId: string) => Promise<void> | void;
  currentPledgeVersion: () => Promise<number>;
  /** Removes a superseded agreement copy once the step that replaced it is committed. */
  discardAgreement: (blobKey: string) => Promise<void>;
  /** Opens the grant when the authority files the agreement. */
  issueGrant: (application: ApplicationRow) => Promise<void>;
  maxPeriodDays: number;
  today?: () => string;
}

export type Decision = 'approve' | 'reject' | 'return';

const wf: WorkflowDeclaration = RESTRICTED_APPLICATION;

/**
 * 受限开放数据的申请 (rules 二.2, 二.3): the applicant's form (a draft, then submitted), and its way
 * through the five steps on the workflow engine — which keeps the state, each step's due date and
 * the timeline. A returned application is amended and resubmitted into the step that returned it;
 * nobody decides two steps of one application.
 */
export class ApplicationService {
  private readonly db: Database;
  private readonly today: () => string;

  constructor(private readonly deps: ApplicationDeps) {
    this.db = deps.db;
    this.today = deps.today ?? (() => chinaDate());
  }

  async create(actor: AccountActor, entryId: string, input: ApplicationInput, draft: boolean): Promise<{ id: string; status: string }> {
    checkPeriodDates(input);
    const offer = await this.deps.offerOf(entryId);
    if (!offer?.takesApplications) throw new AppError('VALIDATION_FAILED', 'entryId', '只能申请已发布的受限开放数据');
    const now = new Date().toISOString();
    const row: ApplicationRow = {
      id: randomUUID(), applicant_id: actor.id, entry_id: entryId, department_id: offer.departmentId,
      ...columnsOf(input, emptyForm()), pledge_version: input.pledgeVersion ?? null,
      agreement_version: null, agreement_blob_key: null, agreement_sm3: null, agreement_terms: null, applicant_signed_at: null,
      department_confirmed_at: null, department_confirmed_by: null, row_version: 0, created_at: now, updated_at: now, submitted_at: null,
    };
    await this.db.insertInto('applications').values(row).execute();
    if (draft) return { id: row.id, status: 'draft' };
    const opened = await this.submitRow(row, actor);
    return { id: row.id, status: statusOf(opened) };
  }

  /** Amends a draft, or an application returned for supplement, in one guarded update. */
  async amend(id: string, actor: Actor, input: ApplicationInput): Promise<void> {
    const { row, kase } = await this.load(id, actor);
    if (!can(actor, 'application.amend', facts(row, kase))) throw new AppError('FORBIDDEN');
    if (kase && !isReturned(kase)) throw new AppError('INVALID_TRANSITION', undefined, '只有草稿或退回补充的申请可以修改');
    checkPeriodDates(input);
    if (kase && TERMS_FROZEN.has(kase.state)) assertTermsKept(input, formOf(row));
    const changed = await this.db.updateTable('applications').set({
      ...columnsOf(input, formOf(row), attachmentIdsOf(row)),
      ...(input.pledgeVersion !== undefined ? { pledge_version: input.pledgeVersion } : {}),
      row_version: row.row_version + 1, updated_at: new Date().toISOString(),
    }).where('id', '=', id).where('row_version', '=', row.row_version).executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
  }

  /** Submits a draft into 规范性审查, or a returned application back into the step that returned it. */
  async submit(id: string, actor: Actor): Promise<CaseRow> {
    const { row, kase } = await this.load(id, actor);
    if (actor.kind !== 'account' || !can(actor, 'application.amend', facts(row, kase))) throw new AppError('FORBIDDEN');
    if (!kase) return this.submitRow(row, actor);
    const step = reviewStepOf(kase.state);
    if (!isReturned(kase) || !step) throw new AppError('CONFLICT', undefined, '该申请已提交');
    await this.checkForm(row, actor);
    const resubmitted = await this.deps.workflow.act(wf, kase, `resubmit_${step}`, actor, { attachmentIds: attachmentIdsOf(row) });
    await this.markSent(row);
    await this.assignNext(resubmitted, row);
    return resubmitted;
  }

  async withdraw(id: string, actor: Actor, reason?: string): Promise<CaseRow> {
    const { row, kase } = await this.load(id, actor);
    // Only what was submitted is withdrawn: a draft is still its author's to change.
    if (!kase) throw new AppError('INVALID_TRANSITION', undefined, '草稿尚未提交，无需撤回');
    return this.deps.workflow.act(wf, kase, 'withdraw', actor, { reason, facts: facts(row, kase) });
  }

  /**
   * A decision on the open review step (规范性审查, 需求审核, 需求复核, 协议备案): approve, reject or
   * return for supplement, the last two with a reason. Filing opens the grant.
   */
  async decide(id: string, actor: Actor, input: {
    decision: Decision; step?: ReviewStep | undefined; reason?: string | undefined; comment?: string | undefined; attachmentIds?: string[] | undefined;
  }): Promise<CaseRow> {
    const { row, kase } = await this.load(id, actor);
    if (!kase) throw new AppError('NOT_FOUND');
    const step = reviewStepOf(kase.state);
    // A step that is not open (returned, signing, decided) is no step to decide now; nor is one
    // other than the step the reviewer looked at, which a decision taken meanwhile moved on from.
    if (!step || isReturned(kase) || (input.step && input.step !== step)) throw new AppError('CONFLICT');
    const decided = await this.deps.workflow.act(wf, kase, `${input.decision}_${step}`, actor, {
      reason: input.reason, comment: input.comment, attachmentIds: input.attachmentIds, facts: await this.decisionFacts(row, kase, step),
    });
    if (decided.state === 'granted') await this.deps.issueGrant(row);
    await this.deps.notifications.notify({
      to: row.applicant_id, kind: 'application.decided', link: wf.pageFor('applicant', row.id),
      params: {
        title: await this.entryTitle(row), step: wf.states[kase.state]!.label.zh, decision: input.decision, reason: input.reason?.trim() || null,
        yourTurn: wf.states[decided.state]?.waitsFor === 'applicant',
      },
    });
    await this.assignNext(decided, row);
    return decided;
  }

  /**
   * Records a signature on the agreement (二.3 step 4): the applicant's (`sign`), then the
   * department's (`confirm`), each with the stored PDF it produced and its SM3 digest, which the
   * step's timeline entry names. The copy it replaces goes once the step is committed.
   */
  async recordSignature(id: string, actor: AccountActor, transition: 'sign' | 'confirm', stored: StoredAgreement): Promise<CaseRow> {
    const { row, kase } = await this.load(id, actor);
    if (!kase) throw new AppError('CONFLICT');
    const signed = await this.deps.workflow.act(wf, kase, transition, actor, { comment: `协议 SM3 摘要：${stored.sm3}`, facts: facts(row, kase) });
    const now = new Date().toISOString();
    const changed = await this.db.updateTable('applications').set({
      agreement_blob_key: stored.key, agreement_sm3: stored.sm3, agreement_version: stored.version, agreement_terms: stored.terms,
      ...(transition === 'sign' ? { applicant_signed_at: now } : { department_confirmed_at: now, department_confirmed_by: actor.id }),
      row_version: row.row_version + 1, updated_at: now,
    }).where('id', '=', id).where('row_version', '=', row.row_version).executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    if (row.agreement_blob_key) await this.deps.discardAgreement(row.agreement_blob_key);
    if (transition === 'confirm') {
      await this.deps.notifications.notify({
        to: row.applicant_id, kind: 'application.decided', link: wf.pageFor('applicant', row.id),
        params: { title: await this.entryTitle(row), step: '协议签订', decision: 'approve', reason: null, yourTurn: false },
      });
    }
    await this.assignNext(signed, row);
    return signed;
  }

  /** The application for one who may read it: its form, where it stands, the timeline and what the caller may do. */
  async read(id: string, actor: Actor) {
    const { row, kase } = await this.load(id, actor);
    const staff = actor.kind === 'account' && actor.id !== row.applicant_id;
    const timeline = kase ? (await this.deps.workflow.timeline(kase))
      // The applicant learns what happened and when, not which member of staff did it.
      .map((step) => (staff ? step : { ...step, actorId: undefined, actorName: undefined })) : [];
    return {
      ...(await this.summary(row, kase)),
      ...formOf(row),
      attachmentIds: attachmentIdsOf(row),
      pledgeVersion: row.pledge_version,
      agreement: {
        available: kase !== undefined && AGREEMENT_STATES.has(kase.state),
        sm3: row.agreement_sm3, applicantSignedAt: row.applicant_signed_at, departmentConfirmedAt: row.department_confirmed_at,
      },
      timeline,
      abilities: await this.abilities(row, kase, actor),
    };
  }

  async listMine(applicantId: string, opts: { page: number; pageSize: number }) {
    const q = this.db.selectFrom('applications').where('applicant_id', '=', applicantId);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    return { total: Number(total), items: await this.summaries(rows) };
  }

  /** The staff's list: every submitted application for the authority, its own entries' for a department. */
  async listForStaff(opts: { departmentId: string | null; open?: boolean | undefined; page: number; pageSize: number }) {
    let q = this.db.selectFrom('applications')
      .innerJoin('workflow_cases', (join) => join.onRef('workflow_cases.subject_id', '=', 'applications.id').on('workflow_cases.kind', '=', wf.kind));
    if (opts.departmentId) q = q.where('applications.department_id', '=', opts.departmentId);
    if (opts.open) q = q.where('workflow_cases.closed_at', 'is', null);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll('applications').orderBy('applications.submitted_at', 'desc').orderBy('applications.id')
      .limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    return { total: Number(total), items: await this.summaries(rows) };
  }

  /** The application and its case, for one who may read it; to anyone else it does not exist. */
  async load(id: string, actor: Actor): Promise<{ row: ApplicationRow; kase: CaseRow | undefined }> {
    const row = await this.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const kase = await this.deps.workflow.latestCaseOf(wf, id);
    // A draft is its author's alone; once submitted, the authority and the data's department read it too.
    const readable = can(actor, kase ? 'application.read' : 'application.amend', facts(row, kase));
    if (!readable) throw new AppError('NOT_FOUND');
    return { row, kase };
  }

  async entryTitle(row: ApplicationRow): Promise<string> {
    const entry = await this.db.selectFrom('catalog_entries').select('title').where('id', '=', row.entry_id).executeTakeFirst();
    return entry?.title ?? '';
  }

  private async submitRow(row: ApplicationRow, actor: AccountActor): Promise<CaseRow> {
    await this.checkForm(row, actor);
    const opened = await this.deps.workflow.open(wf, {
      subjectId: row.id, title: await this.entryTitle(row), applicantId: row.applicant_id, departmentId: row.department_id,
      attachmentIds: attachmentIdsOf(row),
    });
    await this.markSent(row, new Date().toISOString());
    await this.assignNext(opened, row);
    return opened;
  }

  /** Everything the platform can check before a person reviews it (二.2): eligibility, the form, the pledge. */
  private async checkForm(row: ApplicationRow, actor: AccountActor): Promise<void> {
    const offer = await this.deps.offerOf(row.entry_id);
    if (!offer?.takesApplications) throw new AppError('VALIDATION_FAILED', 'entryId', '该数据目录当前不受理申请');
    await this.deps.assertEligible(actor, row.entry_id);
    checkSubmittable(formOf(row), {
      requestable: offer.requestable, allowsDownload: offer.allowsDownload, requiredCapabilities: offer.requiredCapabilities,
      maxPeriodDays: this.deps.maxPeriodDays, today: this.today(),
    });
    const pledge = await this.deps.currentPledgeVersion();
    if (row.pledge_version !== pledge) throw new AppError('VALIDATION_FAILED', 'pledgeVersion', `请阅读并接受当前版本（第 ${pledge} 版）的安全承诺书`);
  }

  /**
   * The form as checked is the form sent: one guarded update after the step, so an amendment
   * racing the submission makes one of them 409. The files chosen while drafting went with the step.
   */
  private async markSent(row: ApplicationRow, submittedAt?: string): Promise<void> {
    const sent = await this.db.updateTable('applications')
      .set({ draft_attachment_ids: '[]', row_version: row.row_version + 1, ...(submittedAt ? { submitted_at: submittedAt } : {}) })
      .where('id', '=', row.id).where('row_version', '=', row.row_version).executeTakeFirst();
    if (Number(sent.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
  }

  /**
   * Separation of duties: besides the applicant, everyone who decided another step of this
   * application is a contributor, and the engine refuses them this one.
   */
  private async decisionFacts(row: ApplicationRow, kase: CaseRow, step: string): Promise<PolicyResource> {
    const steps = await this.db.selectFrom('workflow_steps').select(['transition', 'actor_id']).where('case_id', '=', kase.id).execute();
    const others = steps.filter((s) => s.actor_id && decidedStepOf(s.transition) !== null && decidedStepOf(s.transition) !== step);
    return { ...facts(row, kase), contributorIds: [...new Set(others.map((s) => s.actor_id!))] };
  }

  private async abilities(row: ApplicationRow, kase: CaseRow | undefined, actor: Actor): Promise<string[]> {
    if (!kase) return can(actor, 'application.amend', facts(row, kase)) ? ['amend', 'submit'] : [];
    const step = reviewStepOf(kase.state);
    const transitionFacts = step && !isReturned(kase) ? await this.decisionFacts(row, kase, step) : facts(row, kase);
    const abilities = this.deps.workflow.abilities(wf, kase, actor, transitionFacts);
    // Amending is no transition of its own: it is what the applicant does before resubmitting.
    return abilities.some((a) => a.startsWith('resubmit_')) ? ['amend', ...abilities] : abilities;
  }

  /** Whoever now holds the application hears of it, with its due date. */
  private async assignNext(kase: CaseRow, row: ApplicationRow): Promise<void> {
    const state = wf.states[kase.state];
    if (!state?.handledWith || kase.closed_at) return;
    await this.deps.notifications.notify({
      to: { may: state.handledWith, facts: facts(row, kase), ...(state.waitsFor === 'department' ? { department: row.department_id } : {}) },
      kind: 'item.assigned', params: { workflow: wf.kind, title: kase.title, dueAt: kase.due_on }, link: wf.pageFor('authority', row.id),
    });
  }

  /** Who applies, as the reviewers weigh it: the verified name, person or organisation, credit level. */
  private async applicantOf(userId: string) {
    const user = await this.db.selectFrom('users').select(['display_name', 'real_name', 'verification_type', 'credit_level']).where('id', '=', userId).executeTakeFirstOrThrow();
    return { name: user.real_name ?? user.display_name, type: user.verification_type, creditLevel: user.credit_level };
  }

  private async summaries(rows: ApplicationRow[]) {
    return Promise.all(rows.map(async (row) => this.summary(row, await this.deps.workflow.latestCaseOf(wf, row.id))));
  }

  private async summary(row: ApplicationRow, kase: CaseRow | undefined) {
    const view = kase ? this.deps.workflow.view(kase) : null;
    return {
      id: row.id, entryId: row.entry_id, entryTitle: await this.entryTitle(row), departmentId: row.department_id, applicantId: row.applicant_id,
      applicant: await this.applicantOf(row.applicant_id),
      status: statusOf(kase), step: kase?.state ?? 'draft', stepLabel: view?.stateLabel ?? { zh: '草稿', en: 'Draft' },
      waitsFor: view?.waitsFor ?? 'applicant', dueAt: view?.dueAt ?? null, overdue: view?.overdue ?? false,
      createdAt: row.created_at, submittedAt: row.submitted_at,
    };
  }
}

/** Returned after the department's 需求审核 passed the terms (and, at filing, both parties signed them). */
const TERMS_FROZEN = new Set(['recheck_returned', 'filing_returned']);

/** Refuses an amendment that would change what the department reviewed or the parties signed. */
function assertTermsKept(input: ApplicationInput, was: ApplicationForm): void {
  for (const term of REVIEWED_TERMS) {
    const raw = input[term];
    // Compared as stored: text trimmed, data items without repeats.
    const given = typeof raw === 'string' ? raw.trim() : Array.isArray(raw) ? [...new Set(raw)] : raw;
    if (given !== undefined && JSON.stringify(given) !== JSON.stringify(was[term])) {
      throw new AppError('INVALID_TRANSITION', term, '需求审核通过后，申请的数据项、用途、场景、期限和提供方式不能再修改；可补充安全能力说明和证明材料');
    }
  }
}

/** The states from which the agreement exists (after 需求复核), to read and sign. */
const AGREEMENT_STATES = new Set(['agreement_signing', 'agreement_confirming', 'filing', 'filing_returned', 'granted']);

/**
 * Where an application stands, in the few words its applicant and clients go by (the contract's
 * `status`): a draft, submitted and under review, returned for supplement, awaiting the
 * applicant's signature, or finished (granted, rejected, withdrawn). `step` names the exact state.
 */
function statusOf(kase: CaseRow | undefined): string {
  if (!kase) return 'draft';
  if (kase.closed_at) return kase.state;
  if (isReturned(kase)) return 'returned';
  return kase.state === 'agreement_signing' ? 'awaiting_signature' : 'submitted';
}

function isReturned(kase: CaseRow): boolean {
  return kase.state.endsWith('_returned');
}

export function facts(row: ApplicationRow, kase: CaseRow | undefined): PolicyResource {
  return { ownerId: row.applicant_id, departmentId: kase?.department_id ?? row.department_id };
}

function emptyForm(): ApplicationForm {
  return {
    fields: [], purpose: '', scenario: '', periodStart: null, periodEnd: null, delivery: 'api', expectedOutcome: '',
    capability: { storage: '', processing: '', protection: '', capabilities: [] },
  };
}

export function formOf(row: ApplicationRow): ApplicationForm {
  return {
    fields: JSON.parse(row.fields) as string[], purpose: row.purpose, scenario: row.scenario, periodStart: row.period_start,
    periodEnd: row.period_end, delivery: row.delivery, expectedOutcome: row.expected_outcome,
    capability: JSON.parse(row.capability) as Capability,
  };
}

function attachmentIdsOf(row: ApplicationRow): string[] {
  return JSON.parse(row.draft_attachment_ids) as string[];
}

/** The stored columns of a form: what the input gives, the rest as it was. */
function columnsOf(input: ApplicationInput, was: ApplicationForm, files: string[] = []) {
  const capability = { ...was.capability, ...input.capability, capabilities: input.capability?.capabilities ?? was.capability.capabilities };
  return {
    fields: JSON.stringify(input.fields ? [...new Set(input.fields)] : was.fields),
    purpose: (input.purpose ?? was.purpose).trim(),
    scenario: (input.scenario ?? was.scenario).trim(),
    period_start: input.periodStart ?? was.periodStart,
    period_end: input.periodEnd ?? was.periodEnd,
    delivery: input.delivery ?? was.delivery,
    expected_outcome: (input.expectedOutcome ?? was.expectedOutcome).trim(),
    capability: JSON.stringify(capability),
    draft_attachment_ids: JSON.stringify(input.attachmentIds ?? files),
  };
}
