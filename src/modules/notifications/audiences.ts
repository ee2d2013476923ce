import type { Action, PolicyResource } from '../../domain/policy.js';

/**
 * Whom a notice is for: an account, some accounts, or the staff whom the policy lets take a step
 * — so "the department's reviewers" means exactly those who may sign the review off, as
 * src/domain/policy.ts says, never a role list kept again here.
 */
export type Audience = string | readonly string[] | StaffAudience;

export interface StaffAudience {
  /** The action the staff may take on the thing (`can(actor, may, facts)`). */
  may: Action;
  facts: PolicyResource;
  /** Only staff of this department (the policy alone would also let the authority answer a question sent to one). */
  department?: string;
}

/** A department's `provider_reviewer`s who may sign off its security review (六.(二)), its authors excepted. */
export const providerReviewersOf = (departmentId: string, facts: PolicyResource = {}): StaffAudience =>
  ({ may: 'catalog.review.department', facts: { ...facts, departmentId }, department: departmentId });

/** The authority's reviewers: those who may decide a catalog entry's publication, its authors excepted. */
export const authorityReviewers = (facts: PolicyResource = {}): StaffAudience => ({ may: 'catalog.review', facts });

/** A department's staff who may take `may` (by default: reply to a question sent to it). */
export const providerStaffOf = (departmentId: string, facts: PolicyResource = {}, may: Action = 'consultation.reply'): StaffAudience =>
  ({ may, facts: { ...facts, departmentId }, department: departmentId });

/** The authority's staff who receive questions and send them on (我要咨询). */
export const consultationHandlers = (facts: PolicyResource = {}): StaffAudience => ({ may: 'consultation.dispatch', facts });

export function isStaffAudience(to: Audience): to is StaffAudience {
  return typeof to === 'object' && 'may' in to;
}
