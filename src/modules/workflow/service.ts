import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { WorkflowCaseTable } from '../../db/schema.js';
import { chinaDate } from '../../domain/calendar.js';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { decide, type Actor, type PolicyResource } from '../../domain/policy.js';
import { WORKFLOWS } from '../../domain/workflows/index.js';
import { isOpen, isOverdue, stepLabel, stepRefusal, transitionsFrom, type WorkflowDeclaration } from '../../domain/workflow.js';
import type { AttachmentService } from '../attachments/service.js';
import type { CalendarService } from '../calendar/service.js';

export type CaseRow = Selectable<WorkflowCaseTable>;

/** What a step may carry besides the decision itself. */
export interface StepInput {
  reason?: string | undefined;
  comment?: string | undefined;
  /** The department a reassigning step hands the case to. */
  departmentId?: string | undefined;
  /** The actor's pending uploads that go with the step (modules/attachments). */
  attachmentIds?: readonly string[] | undefined;
  /** What the owning module knows of the case for the policy (contributors, open type). */
  facts?: PolicyResource;
}

/**
 * Runs the declared workflows (src/domain/workflows) over stored cases and steps: opens a case,
 * takes a transition for an actor after the policy, the separation of duties and the open step
 * allow it, keeps each open step's due date on the working-day calendar, and answers who has
 * what to do. Every change is one guarded update: of two decisions on one step, one wins and
 * the other gets 409 CONFLICT.
 */
export class WorkflowService {
  constructor(
    private readonly db: Database,
    private readonly calendar: CalendarService,
    private readonly attachments: AttachmentService,
    /** Deadlines the operator configured instead of a workflow's declared ones, by kind (working days of every step). */
    private readonly configuredDeadlines: Readonly<Record<string, number>> = {},
    private readonly today: () => string = () => chinaDate(),
  ) {}

  async open(wf: WorkflowDeclaration, init: {
    subjectId: string; title: string; applicantId: string | null; departmentId: string | null; attachmentIds?: readonly string[] | undefined;
  }): Promise<CaseRow> {
    const now = new Date().toISOString();
    const receivedOn = this.today();
    const row: CaseRow = {
      id: randomUUID(), kind: wf.kind, subject_id: init.subjectId, title: init.title, state: wf.initial,
      applicant_id: init.applicantId, department_id: init.departmentId, received_on: receivedOn,
      due_on: wf.initialDueInWorkingDays === undefined ? null : await this.calendar.dueDate(receivedOn, this.deadline(wf, wf.initialDueInWorkingDays)),
      reminded_for: null, overdue_noticed_for: null, row_version: 0, opened_at: now, updated_at: now, closed_at: null,
    };
    await this.db.insertInto('workflow_cases').values(row).execute().catch((err: unknown) => {
      // The database keeps one open case per thing: a parallel submission lost the race.
      if (isUniqueViolation(err)) throw new AppError('CONFLICT');
      throw err;
    });
    await this.record(row, 1, { transition: 'open', from: null, actorId: init.applicantId, dueOn: row.due_on, at: now, attachmentIds: init.attachmentIds });
    return row;
  }

  private deadline(wf: WorkflowDeclaration, declaredDays: number): number {
    return this.configuredDeadlines[wf.kind] ?? declaredDays;
  }

  /** The case open on a thing, if any. */
  async openCaseOf(wf: WorkflowDeclaration, subjectId: string): Promise<CaseRow | undefined> {
    return this.db.selectFrom('workflow_cases').selectAll().where('kind', '=', wf.kind).where('subject_id', '=', subjectId)
      .where('closed_at', 'is', null).executeTakeFirst();
  }

  /** The newest case on a thing, open or closed. */
  async latestCaseOf(wf: WorkflowDeclaration, subjectId: string): Promise<CaseRow | undefined> {
    return this.db.selectFrom('workflow_cases').selectAll().where('kind', '=', wf.kind).where('subject_id', '=', subjectId)
      .orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  async get(id: string): Promise<CaseRow> {
    const row = await this.db.selectFrom('workflow_cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  /** Whether the actor may take the transition now, or the reason why not. */
  check(wf: WorkflowDeclaration, row: CaseRow, transition: string, actor: Actor, facts: PolicyResource = {}): true | ErrorCode {
    const declared = wf.transitions[transition];
    if (!declared) return 'NOT_FOUND';
    const allowed = decide(actor, declared.action, { ...factsOf(row), ...facts });
    if (allowed !== true) return allowed;
    const actorId = actor.kind === 'account' ? actor.id : undefined;
    if (declared.notBy && actorId === row.applicant_id) return 'FORBIDDEN';
    if (declared.notBy === 'contributors' && facts.contributorIds?.includes(actorId ?? '')) return 'FORBIDDEN';
    return row.closed_at ? 'CONFLICT' : stepRefusal(wf, row.state, transition) ?? true;
  }

  /** The transitions the actor may take now: what the web app offers, never re-derived there. */
  abilities(wf: WorkflowDeclaration, row: CaseRow | undefined, actor: Actor, facts: PolicyResource = {}): string[] {
    if (!row || row.closed_at) return [];
    return transitionsFrom(wf, row.state).filter((t) => this.check(wf, row, t, actor, facts) === true);
  }

  /**
   * Takes a transition for the actor: refused with 403 (policy, separation of duties), 409 (its
   * step is not the open one, or another decision got there first) or 400 (a reason is missing).
   */
  async act(wf: WorkflowDeclaration, row: CaseRow, transition: string, actor: Actor, input: StepInput = {}): Promise<CaseRow> {
    const refusal = this.check(wf, row, transition, actor, input.facts);
    if (refusal !== true) throw new AppError(refusal);
    const declared = wf.transitions[transition]!;
    const reason = input.reason?.trim() || null;
    if (declared.reasonRequired && !reason) throw new AppError('REASON_REQUIRED', 'reason');
    if (declared.reassigns && !input.departmentId) throw new AppError('VALIDATION_FAILED', 'departmentId');
    const now = new Date().toISOString();
    const receivedOn = this.today();
    const closed = !isOpen(wf, declared.to);
    const dueOn = closed ? null
      : declared.dueInWorkingDays === undefined ? null
        : await this.calendar.dueDate(receivedOn, this.deadline(wf, declared.dueInWorkingDays));
    const departmentId = declared.reassigns ? input.departmentId! : declared.releases ? null : row.department_id;
    const changed = await this.db.updateTable('workflow_cases').set({
      state: declared.to, department_id: departmentId, received_on: receivedOn, due_on: dueOn,
      reminded_for: null, overdue_noticed_for: null, row_version: row.row_version + 1, updated_at: now, closed_at: closed ? now : null,
    }).where('id', '=', row.id).where('row_version', '=', row.row_version).executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    const seq = await this.db.selectFrom('workflow_steps').select((eb) => eb.fn.max('seq').as('last')).where('case_id', '=', row.id).executeTakeFirstOrThrow();
    await this.record(row, Number(seq.last ?? 0) + 1, {
      transition, from: row.state, to: declared.to, actorId: actor.kind === 'account' ? actor.id : null,
      // A step that sends the case back names the department it left.
      departmentId: declared.reassigns ? departmentId : declared.releases ? row.department_id : null, reason, comment: input.comment?.trim() || null, dueOn, at: now,
      attachmentIds: input.attachmentIds,
    });
    return { ...row, state: declared.to, department_id: departmentId, received_on: receivedOn, due_on: dueOn, row_version: row.row_version + 1, updated_at: now, closed_at: closed ? now : null };
  }

  /** Whether the actor takes part in the case: reads its timeline and the files its steps carry. */
  mayRead(row: CaseRow, actor: Actor): boolean {
    return decide(actor, workflowOf(row).readWith, factsOf(row)) === true;
  }

  /** Every step of the case, oldest first: who did what, when, why, and the files that came with it. */
  async timeline(kase: CaseRow) {
    const wf = workflowOf(kase);
    const steps = await this.db.selectFrom('workflow_steps').leftJoin('users', 'users.id', 'workflow_steps.actor_id')
      .leftJoin('departments', 'departments.id', 'workflow_steps.department_id')
      .select(['workflow_steps.seq', 'workflow_steps.transition', 'workflow_steps.from_state', 'workflow_steps.to_state', 'workflow_steps.actor_id',
        'users.display_name as actor_name', 'departments.name as department_name', 'workflow_steps.reason', 'workflow_steps.comment',
        'workflow_steps.due_on', 'workflow_steps.at', 'workflow_steps.id'])
      .where('workflow_steps.case_id', '=', kase.id).orderBy('workflow_steps.seq').execute();
    const files = await this.attachments.ofCase(kase.id);
    return steps.map((s) => ({
      action: s.transition, actionLabel: stepLabel(wf, s.transition), from: s.from_state, to: s.to_state, actorId: s.actor_id, actorName: s.actor_name,
      department: s.department_name, reason: s.reason, comment: s.comment, dueAt: s.due_on, at: s.at,
      attachments: files.get(s.id) ?? [],
    }));
  }

  /** The case as its participants read it: where it stands, whose turn, by when. */
  view(row: CaseRow) {
    const wf = workflowOf(row);
    const state = wf.states[row.state];
    return {
      caseId: row.id, kind: row.kind, state: row.state, stateLabel: state?.label ?? null, waitsFor: state?.waitsFor ?? null,
      departmentId: row.department_id, receivedOn: row.received_on, dueAt: row.due_on,
      overdue: !row.closed_at && isOverdue(row.due_on, this.today()), openedAt: row.opened_at, closedAt: row.closed_at,
    };
  }

  /**
   * The actor's to-do list across every workflow: open cases on which they may take a step now,
   * overdue first, then by due date.
   */
  async tasks(actor: Actor) {
    if (actor.kind !== 'account') return [];
    const rows = await this.db.selectFrom('workflow_cases').selectAll().where('closed_at', 'is', null)
      .where((eb) => eb.or([
        eb('applicant_id', '=', actor.id),
        ...(actor.departmentId ? [eb('department_id', '=', actor.departmentId)] : []),
        ...(actor.roles.some((r) => r.startsWith('authority_')) ? [eb.lit(true)] : []),
      ]))
      .orderBy('due_on').execute();
    return rows.filter((row) => {
      const wf = workflowOf(row);
      const waitsFor = wf.states[row.state]?.waitsFor;
      // The applicant's own open request is not their task, unless it waits for them.
      if (row.applicant_id === actor.id && waitsFor !== 'applicant') return false;
      return this.abilities(wf, row, actor).length > 0;
    }).map((row) => this.task(row)).sort(overdueFirst);
  }

  /** Every step overdue on a date, across departments: the authority's supervision (七.2). */
  async overdue(asOf: string) {
    const rows = await this.db.selectFrom('workflow_cases').leftJoin('departments', 'departments.id', 'workflow_cases.department_id')
      .selectAll('workflow_cases').select('departments.name as department_name')
      .where('closed_at', 'is', null).where('due_on', '<', asOf).orderBy('due_on').execute();
    return rows.map((row) => ({ ...this.task(row, asOf), department: row.department_name }));
  }

  /**
   * The open steps whose deadline calls for a notice today, each claimed once: due between today
   * and the next working day and not yet reminded (提前一个工作日提醒), or past due and not yet
   * reported. A claim is a guarded update of the step's marker, so a firing repeated by a second
   * process finds nothing left; a later step of the case starts unmarked (see `act`). Run it in
   * the same transaction as the notices it leads to, and a crash loses neither.
   */
  async claimDeadlineNotices(today = this.today()): Promise<{ dueSoon: CaseRow[]; overdue: CaseRow[] }> {
    // Beyond the calendar's years the weekly rule stands in (and the authority is alerted), as for due dates.
    const nextWorkingDay = await this.calendar.dueDate(today, 1);
    const open = this.db.selectFrom('workflow_cases').selectAll().where('closed_at', 'is', null).where('due_on', 'is not', null);
    const dueSoon = await open.where('due_on', '>=', today).where('due_on', '<=', nextWorkingDay)
      .where((eb) => eb.or([eb('reminded_for', 'is', null), eb('reminded_for', '<>', eb.ref('due_on'))])).execute();
    const overdue = await open.where('due_on', '<', today)
      .where((eb) => eb.or([eb('overdue_noticed_for', 'is', null), eb('overdue_noticed_for', '<>', eb.ref('due_on'))])).execute();
    const claim = async (row: CaseRow, marker: 'reminded_for' | 'overdue_noticed_for') => {
      const res = await this.db.updateTable('workflow_cases').set({ [marker]: row.due_on })
        .where('id', '=', row.id).where('due_on', '=', row.due_on!)
        .where((eb) => eb.or([eb(marker, 'is', null), eb(marker, '<>', eb.ref('due_on'))])).executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    };
    const claimed = async (rows: CaseRow[], marker: 'reminded_for' | 'overdue_noticed_for') => {
      const mine: CaseRow[] = [];
      for (const row of rows) if (await claim(row, marker)) mine.push(row);
      return mine;
    };
    return { dueSoon: await claimed(dueSoon, 'reminded_for'), overdue: await claimed(overdue, 'overdue_noticed_for') };
  }

  private task(row: CaseRow, asOf = this.today()) {
    const wf = workflowOf(row);
    return {
      kind: row.kind, kindLabel: wf.label, id: row.subject_id, caseId: row.id, title: row.title,
      step: row.state, stepLabel: wf.states[row.state]?.label ?? null, waitsFor: wf.states[row.state]?.waitsFor ?? null,
      departmentId: row.department_id, receivedOn: row.received_on, dueAt: row.due_on, overdue: isOverdue(row.due_on, asOf),
      // Where the party it waits for handles it: the web app links there without knowing the kinds.
      link: wf.pageFor(wf.states[row.state]?.waitsFor ?? 'authority', row.subject_id),
    };
  }

  private async record(row: CaseRow, seq: number, step: {
    transition: string; from: string | null; to?: string; actorId: string | null; departmentId?: string | null;
    reason?: string | null; comment?: string | null; dueOn: string | null; at: string; attachmentIds?: readonly string[] | undefined;
  }): Promise<void> {
    const id = randomUUID();
    await this.db.insertInto('workflow_steps').values({
      id, case_id: row.id, seq, transition: step.transition, from_state: step.from, to_state: step.to ?? row.state,
      actor_id: step.actorId, department_id: step.departmentId ?? null, reason: step.reason ?? null,
      comment: step.comment ?? null, due_on: step.dueOn, at: step.at,
    }).execute().catch((err: unknown) => {
      // Two steps numbered alike: another decision on this case committed first.
      if (isUniqueViolation(err)) throw new AppError('CONFLICT');
      throw err;
    });
    // Files come only from the one taking the step, each joining one step only.
    if (step.attachmentIds?.length) await this.attachments.claim(step.attachmentIds, step.actorId, row.id, id);
  }
}

function factsOf(row: CaseRow): PolicyResource {
  return { ownerId: row.applicant_id, departmentId: row.department_id };
}

/** The declaration a stored case runs on. */
export function workflowOf(row: CaseRow): WorkflowDeclaration {
  const wf = WORKFLOWS[row.kind];
  if (!wf) throw new Error(`no workflow declared for ${row.kind}`);
  return wf;
}

function overdueFirst(a: { overdue: boolean; dueAt: string | null }, b: { overdue: boolean; dueAt: string | null }): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');
}
