/**
 * 受限开放 applications and the grants they open, as the API answers them
 * (GET /api/v1/applications/:id, /api/v1/me/applications, /api/v1/me/grants, /api/v1/grants).
 * Step names and state labels come from the server; the web app only places them on the bar.
 */
import type { TimelineStep } from './components/CaseTimeline';
import type { Bilingual } from './consultations';
import type { MessageKey } from './i18n';

export type Delivery = 'api' | 'download';

/** The applicant's data storage, processing and security-protection capability (二.2). */
export interface Capability {
  storage: string;
  processing: string;
  protection: string;
  /** Codes of the entry's required security capabilities the applicant declares. */
  capabilities: string[];
}

/** One row of 我的申请 or of the staff's list. */
export interface ApplicationSummary {
  id: string;
  entryId: string;
  entryTitle: string;
  departmentId: string;
  applicantId: string;
  /** Who applies, as the reviewers weigh it. */
  applicant: Party & { creditLevel: string };
  /** draft, submitted (under review), returned, awaiting_signature, granted, rejected or withdrawn. */
  status: string;
  /** The exact workflow state (formal_review, demand_returned…), or `draft` before submission. */
  step: string;
  stepLabel: Bilingual;
  /** Whose turn it is; null once closed. */
  waitsFor: 'applicant' | 'authority' | 'department' | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  submittedAt: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  fields: string[];
  purpose: string;
  scenario: string;
  periodStart: string | null;
  periodEnd: string | null;
  delivery: Delivery;
  expectedOutcome: string;
  capability: Capability;
  /** Files chosen while drafting or amending, not yet sent with a step. */
  attachmentIds: string[];
  pledgeVersion: number | null;
  agreement: { available: boolean; sm3: string | null; applicantSignedAt: string | null; departmentConfirmedAt: string | null };
  timeline: TimelineStep[];
  /** The transitions the caller may take now (approve_formal, return_demand, resubmit_formal, sign, confirm, withdraw, amend, submit…). */
  abilities: string[];
}

/** The form as POST and PATCH take it. */
export interface ApplicationInput {
  fields?: string[];
  purpose?: string;
  scenario?: string;
  periodStart?: string;
  periodEnd?: string;
  delivery?: Delivery;
  expectedOutcome?: string;
  capability?: Partial<Capability>;
  attachmentIds?: string[];
  pledgeVersion?: number;
}

export type GrantStatus = 'pending' | 'active' | 'suspended' | 'revoked' | 'expired';

/** A verified person or organisation, by the name their real-name verification gave. */
export interface Party {
  name: string;
  type: 'person' | 'organization' | null;
}

export interface Grant {
  id: string;
  applicationId: string;
  granteeId: string;
  grantee: Party;
  /** What the caller may do with it now (suspend or resume, revoke), as the server's policy decided. */
  abilities: string[];
  entryId: string;
  entryTitle: string;
  departmentId: string;
  resourceIds: string[];
  fields: string[];
  /** Each granted field's title on the entry, by name. */
  fieldTitles: Record<string, string>;
  startsAt: string;
  endsAt: string;
  delivery: Delivery;
  status: GrantStatus;
  suspendedReason: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  use: { calls: number; rows: number; lastUsedAt: string | null };
  /** 五.4: an outcome is registered within three months of the start; overdue past it while none is. */
  outcome: { dueOn: string; registered: number; overdue: boolean };
}

/** What a grantee reported on a grant (GET /api/v1/grants/:id/outcomes). */
export interface GrantReports {
  outcomeDueOn: string;
  outcomes: { id: string; title: string; description: string; link: string | null; fileId: string | null; createdAt: string }[];
  returns: { id: string; fileName: string; contentType: string; size: number; uploadedAt: string }[];
}

/** 安全承诺书 (GET /api/v1/pledge). */
export interface Pledge {
  version: number;
  title?: string;
  text: string;
}

/** What an applicant still lacks for an entry (GET /api/v1/catalog/:id/eligibility). */
export interface Eligibility {
  eligible: boolean;
  missing: { code: string; message: string }[];
}

/** The five steps of 二.3, in order. */
export const APPLICATION_STEPS: readonly MessageKey[] = [
  'apply.steps.formal', 'apply.steps.demand', 'apply.steps.recheck', 'apply.steps.agreement', 'apply.steps.filing',
];

const STEP_OF_STATE: Record<string, number> = {
  formal_review: 0, formal_returned: 0,
  demand_review: 1, demand_returned: 1,
  demand_recheck: 2, recheck_returned: 2,
  agreement_signing: 3, agreement_confirming: 3,
  filing: 4, filing_returned: 4,
};

export type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/**
 * Where the application stands on the five-step bar. A closed one (rejected, withdrawn) stands
 * where its last step left: the state the timeline's last entry came from.
 */
export function stepProgress(app: Pick<ApplicationDetail, 'step' | 'timeline'>): { current: number; status: StepStatus } {
  if (app.step === 'draft') return { current: 0, status: 'wait' };
  if (app.step === 'granted') return { current: APPLICATION_STEPS.length, status: 'finish' };
  const at = STEP_OF_STATE[app.step];
  if (at !== undefined) return { current: at, status: 'process' };
  const last = app.timeline.at(-1);
  const from = last?.from ? STEP_OF_STATE[last.from] ?? 0 : 0;
  return { current: from, status: app.step === 'rejected' ? 'error' : 'wait' };
}

export function applicationColor(status: string): string {
  if (status === 'granted') return 'success';
  if (status === 'rejected') return 'error';
  if (status === 'draft' || status === 'withdrawn') return 'default';
  if (status === 'returned' || status === 'awaiting_signature') return 'warning';
  return 'processing';
}

/** The due date matters only while someone has to act. */
export function isOpen(app: Pick<ApplicationSummary, 'status'>): boolean {
  return !['draft', 'granted', 'rejected', 'withdrawn'].includes(app.status);
}

export const GRANT_COLORS: Record<GrantStatus, string> = {
  active: 'success', pending: 'processing', suspended: 'warning', revoked: 'error', expired: 'default',
};

/** The review-step decisions the caller may take now, by the step they decide (approve_formal → formal). */
export function decisionsOf(abilities: readonly string[]): { step: string; decisions: ('approve' | 'reject' | 'return')[] } | null {
  const found = abilities.map((a) => /^(approve|reject|return)_(\w+)$/.exec(a)).filter((m): m is RegExpExecArray => m !== null);
  if (found.length === 0) return null;
  return { step: found[0]![2]!, decisions: found.map((m) => m[1] as 'approve' | 'reject' | 'return') };
}

/** A returned application goes back by `resubmit_<step>`; a draft by `submit`. */
export function maySubmit(abilities: readonly string[]): boolean {
  return abilities.includes('submit') || abilities.some((a) => a.startsWith('resubmit_'));
}
