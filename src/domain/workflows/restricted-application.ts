import { workflow, type Label, type TransitionDeclaration } from '../workflow.js';
import type { Action } from '../policy.js';

/** The review steps a decision (approve, reject, return for supplement) is taken on. */
export const REVIEW_STEPS = ['formal', 'demand', 'recheck', 'filing'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

/** Each step's default deadline (二.3: 5 working days), from the day it arrives. */
export const STEP_WORKING_DAYS = 5;

type State =
  | 'formal_review' | 'demand_review' | 'demand_recheck' | 'agreement_signing' | 'agreement_confirming' | 'filing'
  | 'formal_returned' | 'demand_returned' | 'recheck_returned' | 'filing_returned'
  | 'granted' | 'rejected' | 'withdrawn';

/** One review step's four transitions: approve to the next state, reject, return for supplement, and the applicant's resubmission into the same step. */
function reviewStep<K extends ReviewStep>(step: K, at: State, returnedTo: State, next: State, action: Action, name: Label) {
  const t = (d: Omit<TransitionDeclaration<State>, 'action' | 'notBy'> & { action?: Action }): TransitionDeclaration<State> =>
    ({ action, notBy: 'contributors', ...d });
  return {
    [`approve_${step}`]: t({ label: { zh: `${name.zh}通过`, en: `${name.en}: approve` }, from: [at], to: next, dueInWorkingDays: next === 'granted' ? undefined : STEP_WORKING_DAYS }),
    [`reject_${step}`]: t({ label: { zh: `${name.zh}不予通过`, en: `${name.en}: reject` }, from: [at], to: 'rejected', reasonRequired: true }),
    [`return_${step}`]: t({ label: { zh: `${name.zh}退回补充`, en: `${name.en}: return for supplement` }, from: [at], to: returnedTo, reasonRequired: true }),
    [`resubmit_${step}`]: { label: { zh: '补充后重新提交', en: 'Resubmitted' }, from: [returnedTo], to: at, action: 'application.amend', dueInWorkingDays: STEP_WORKING_DAYS },
  } as Record<`${'approve' | 'reject' | 'return' | 'resubmit'}_${K}`, TransitionDeclaration<State>>;
}

/**
 * 受限开放数据的申请 (rules 二.2, 二.3): five steps, each due within 5 working days of arriving —
 * 1 规范性审查 by the authority, 2 需求审核 and 3 需求复核 by two different people of the data's
 * department, 4 协议签订 (the applicant signs the generated agreement, then the department
 * confirms it), 5 协议备案 by the authority, which opens the grant. Any review step approves,
 * rejects or returns for supplement, the last two with a reason; a returned application is
 * amended and comes back to the step that returned it. Nobody decides two steps of one
 * application (the module names everyone who decided another step as a contributor).
 */
export const RESTRICTED_APPLICATION = workflow<State, string>({
  kind: 'restricted_application',
  label: { zh: '受限数据申请', en: 'Restricted data application' },
  initial: 'formal_review',
  initialDueInWorkingDays: STEP_WORKING_DAYS,
  openedAs: { zh: '提交申请', en: 'Submitted' },
  readWith: 'application.read',
  pageFor: (party, id) => `${party === 'applicant' ? '/user' : '/admin'}/applications/${encodeURIComponent(id)}`,
  states: {
    formal_review: { label: { zh: '规范性审查', en: 'Formal review' }, waitsFor: 'authority', handledWith: 'application.formalReview' },
    demand_review: { label: { zh: '需求审核', en: 'Demand review' }, waitsFor: 'department', handledWith: 'application.demandReview' },
    demand_recheck: { label: { zh: '需求复核', en: 'Demand re-check' }, waitsFor: 'department', handledWith: 'application.demandReview' },
    agreement_signing: { label: { zh: '协议签订（待申请人签署）', en: 'Agreement: awaiting the applicant' }, waitsFor: 'applicant' },
    agreement_confirming: { label: { zh: '协议签订（待开放主体确认）', en: 'Agreement: awaiting the department' }, waitsFor: 'department', handledWith: 'application.agreementConfirm' },
    filing: { label: { zh: '协议备案', en: 'Filing' }, waitsFor: 'authority', handledWith: 'application.file' },
    formal_returned: { label: { zh: '规范性审查退回，待补充', en: 'Returned at formal review' }, waitsFor: 'applicant' },
    demand_returned: { label: { zh: '需求审核退回，待补充', en: 'Returned at demand review' }, waitsFor: 'applicant' },
    recheck_returned: { label: { zh: '需求复核退回，待补充', en: 'Returned at demand re-check' }, waitsFor: 'applicant' },
    filing_returned: { label: { zh: '协议备案退回，待补充', en: 'Returned at filing' }, waitsFor: 'applicant' },
    granted: { label: { zh: '已备案，授权生效', en: 'Filed: access granted' } },
    rejected: { label: { zh: '未通过', en: 'Rejected' } },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' } },
  },
  transitions: {
    ...reviewStep('formal', 'formal_review', 'formal_returned', 'demand_review', 'application.formalReview', { zh: '规范性审查', en: 'Formal review' }),
    ...reviewStep('demand', 'demand_review', 'demand_returned', 'demand_recheck', 'application.demandReview', { zh: '需求审核', en: 'Demand review' }),
    ...reviewStep('recheck', 'demand_recheck', 'recheck_returned', 'agreement_signing', 'application.demandReview', { zh: '需求复核', en: 'Demand re-check' }),
    ...reviewStep('filing', 'filing', 'filing_returned', 'granted', 'application.file', { zh: '协议备案', en: 'Filing' }),
    sign: {
      label: { zh: '申请人签署协议', en: 'Signed by the applicant' },
      from: ['agreement_signing'], to: 'agreement_confirming', action: 'application.sign', dueInWorkingDays: STEP_WORKING_DAYS,
    },
    confirm: {
      label: { zh: '开放主体确认协议', en: 'Confirmed by the department' },
      from: ['agreement_confirming'], to: 'filing', action: 'application.agreementConfirm', notBy: 'applicant', dueInWorkingDays: STEP_WORKING_DAYS,
    },
    withdraw: {
      label: { zh: '申请人撤回', en: 'Withdrawn' },
      from: ['formal_review', 'demand_review', 'demand_recheck', 'agreement_signing', 'agreement_confirming', 'filing',
        'formal_returned', 'demand_returned', 'recheck_returned', 'filing_returned'],
      to: 'withdrawn', action: 'application.withdraw',
    },
  },
});

/** The review step a state belongs to (its decision, and the state a return sends it to). */
export function reviewStepOf(state: string): ReviewStep | null {
  const steps: Record<string, ReviewStep> = {
    formal_review: 'formal', demand_review: 'demand', demand_recheck: 'recheck', filing: 'filing',
    formal_returned: 'formal', demand_returned: 'demand', recheck_returned: 'recheck', filing_returned: 'filing',
  };
  return steps[state] ?? null;
}

/** The review step a transition decided, if it was a decision (not a resubmission, signature or withdrawal). */
export function decidedStepOf(transition: string): ReviewStep | null {
  const m = /^(approve|reject|return)_(formal|demand|recheck|filing)$/.exec(transition);
  return m ? (m[2] as ReviewStep) : null;
}
