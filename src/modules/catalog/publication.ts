import { AppError } from '../../domain/errors.js';
import { decide, type AccountActor, type Actor, type PolicyResource } from '../../domain/policy.js';
import { CATALOG_PUBLICATION } from '../../domain/workflows/index.js';
import { authorityReviewers, providerReviewersOf } from '../notifications/audiences.js';
import type { NotificationService } from '../notifications/service.js';
import type { CaseRow, WorkflowService } from '../workflow/service.js';
import type { CatalogService } from './service.js';

/** What a review decides with: the entry's held data versions go live, or are dropped. */
export interface HeldData {
  promote(): Promise<void>;
  discard(): Promise<void>;
}

/** Which step a decision is, by what it says: the department's security review or the authority's. */
const DECISIONS = {
  approve: ['department_approve', 'publish'],
  refuse: ['department_return', 'return'],
} as const;

/**
 * A catalog entry's publication review on the workflow engine (CATALOG_PUBLICATION): the
 * department's own reviewer signs off (六.(二) 开放前的安全审查), then the authority decides and
 * the catalog publishes, applies the revision, or returns it. The catalog keeps the entry;
 * the case keeps whose turn it is, by when, and the timeline.
 */
export class PublicationReview {
  constructor(
    private readonly catalog: CatalogService,
    private readonly workflow: WorkflowService,
    private readonly notifications: NotificationService,
  ) {}

  /** Sends the entry to review. */
  async submit(entryId: string, actor: AccountActor, awaitingData: () => Promise<boolean>): Promise<void> {
    await this.catalog.submit(entryId, actor.id, awaitingData);
    await this.openReview(entryId, actor);
  }

  /**
   * Opens the entry's review: a new case, or the returned one resubmitted with its history. Data
   * held on a published entry opens one too, in the uploader's name.
   */
  async openReview(entryId: string, applicant: AccountActor | null): Promise<void> {
    const entry = await this.catalog.row(entryId);
    const open = await this.workflow.openCaseOf(CATALOG_PUBLICATION, entryId);
    let review: CaseRow;
    if (!open) {
      review = await this.workflow.open(CATALOG_PUBLICATION, { subjectId: entryId, title: entry.title, applicantId: applicant?.id ?? null, departmentId: entry.department_id });
    } else if (open.state === 'returned' && applicant) {
      review = await this.workflow.act(CATALOG_PUBLICATION, open, 'resubmit', applicant, { facts: { departmentId: entry.department_id } });
    } else {
      throw new AppError('CONFLICT', undefined, '目录已在审核中');
    }
    await this.notifications.notify({
      to: providerReviewersOf(entry.department_id, { ownerId: applicant?.id ?? null }),
      kind: 'item.assigned', params: { workflow: CATALOG_PUBLICATION.kind, title: entry.title, dueAt: review.due_on }, link: CATALOG_PUBLICATION.pageFor('department', entryId),
    });
  }

  /**
   * Decides the entry's open step for the actor. The step is the actor's by role: a department
   * reviewer decides the security review, the authority the publication; deciding a step that is
   * not open (the authority before the department, anyone twice) is a 409 CONFLICT.
   */
  async decide(entryId: string, actor: Actor, decision: { approve: boolean; reason?: string | undefined; comment?: string | undefined; attachmentIds?: readonly string[] | undefined }, facts: PolicyResource, held: HeldData): Promise<void> {
    const candidates = DECISIONS[decision.approve ? 'approve' : 'refuse'];
    const answers = candidates.map((t) => decide(actor, CATALOG_PUBLICATION.transitions[t].action, facts));
    const mine = answers.indexOf(true);
    if (mine < 0) throw new AppError(answers[1] as Exclude<(typeof answers)[number], true>);
    const transition = candidates[mine]!;
    const open = await this.workflow.openCaseOf(CATALOG_PUBLICATION, entryId);
    if (!open) throw new AppError('CONFLICT', undefined, '该目录没有待审核的内容');
    const decided = await this.workflow.act(CATALOG_PUBLICATION, open, transition, actor, { reason: decision.reason, comment: decision.comment, attachmentIds: decision.attachmentIds, facts });
    await this.tellSubmitter(open, transition, decision);
    // The department's sign-off hands the entry to the authority; any other decision settles it.
    if (transition === 'department_approve') {
      await this.notifications.notify({
        to: authorityReviewers(facts), kind: 'item.assigned',
        params: { workflow: CATALOG_PUBLICATION.kind, title: open.title, dueAt: decided.due_on }, link: CATALOG_PUBLICATION.pageFor('authority', entryId),
      });
      return;
    }
    await this.catalog.review(entryId, actor.kind === 'account' ? actor.id : null, transition === 'publish', decision.reason, held);
  }

  /** The submitter hears of each step's decision, the department's and the authority's. */
  private async tellSubmitter(review: CaseRow, transition: string, decision: { approve: boolean; reason?: string | undefined }): Promise<void> {
    if (!review.applicant_id) return;
    await this.notifications.notify({
      to: review.applicant_id, kind: 'catalog.review.decided',
      params: {
        title: review.title, approved: decision.approve, reason: decision.reason?.trim() || null,
        step: transition.startsWith('department_') ? 'department' : 'authority',
      },
      link: CATALOG_PUBLICATION.pageFor('applicant', review.subject_id),
    });
  }

  /**
   * Takes the entry off the portal and closes its open review round. The case is changed before
   * the entry, in the order a decision changes them: two commands racing on one entry then wait
   * for each other on PostgreSQL instead of deadlocking, and the later one meets a closed step.
   */
  async withdraw(entryId: string, actor: AccountActor, reason: string, discardHeld: () => Promise<void>): Promise<void> {
    const open = await this.workflow.openCaseOf(CATALOG_PUBLICATION, entryId);
    if (open) await this.workflow.act(CATALOG_PUBLICATION, open, 'withdraw', actor, { reason });
    await this.catalog.withdraw(entryId, actor.id, reason, discardHeld);
  }

  /** The entry's review as its insiders read it: step, due date, timeline and what the caller may do. */
  async state(entryId: string, actor: Actor, facts: PolicyResource) {
    const latest = await this.workflow.latestCaseOf(CATALOG_PUBLICATION, entryId);
    if (!latest) return null;
    return {
      ...this.workflow.view(latest),
      timeline: await this.workflow.timeline(latest),
      abilities: this.workflow.abilities(CATALOG_PUBLICATION, latest, actor, facts),
    };
  }
}

