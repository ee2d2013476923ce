/**
 * The one workflow engine's declarations: every piece of work between people (a review, an
 * application, a consultation, a work order) is a state machine declared here, once, and run
 * by modules/workflow over stored cases and steps. Pure: no I/O.
 */
import type { ErrorCode } from './errors.js';
import type { Action } from './policy.js';

export interface Label {
  zh: string;
  en: string;
}

/** Whose to-do list a case is on while it stands in a state. */
export type Party = 'authority' | 'department' | 'applicant';

export interface StateDeclaration {
  label: Label;
  /** Who must act next; a state without one is closed (the case is finished). */
  waitsFor?: Party;
  /**
   * For a step staff must take: the policy action that makes someone its handler, so reminders of
   * its deadline go to exactly those who may take it.
   */
  handledWith?: Action;
}

export interface TransitionDeclaration<S extends string> {
  label: Label;
  from: readonly S[];
  to: S;
  /** The policy action that decides who may take it (src/domain/policy.ts). */
  action: Action;
  /**
   * Separation of duties: `applicant` — whoever opened the case never takes this step;
   * `contributors` — nor anyone who wrote part of what it decides, in any round.
   */
  notBy?: 'applicant' | 'contributors';
  /** Refusing, returning or withdrawing says why. */
  reasonRequired?: boolean;
  /** The step it starts is due this many working days after the day it arrives. */
  dueInWorkingDays?: number;
  /** The step hands the case to another department (a dispatch). */
  reassigns?: boolean;
  /** The step takes the case away from its department (sent back): that department no longer holds or sees it. */
  releases?: boolean;
}

export interface WorkflowDeclaration<S extends string = string, T extends string = string> {
  kind: string;
  label: Label;
  initial: S;
  /** How the timeline names the step that opened the case (default 提交). */
  openedAs?: Label;
  /** The first step's deadline, from the day the case is received. */
  initialDueInWorkingDays?: number;
  states: Record<S, StateDeclaration>;
  transitions: Record<T, TransitionDeclaration<S>>;
  /**
   * The policy action that makes someone a participant of a case of this kind (asked with the
   * case's applicant and department): they read its timeline and the files its steps carry.
   */
  readWith: Action;
  /** Where, in the web app, a party handles a case on this subject (links in notices). */
  pageFor(party: Party, subjectId: string): string;
}

/** Declares a workflow with its state and transition names checked by the compiler. */
export function workflow<S extends string, T extends string>(declaration: WorkflowDeclaration<S, T>): WorkflowDeclaration<S, T> {
  for (const [name, state] of Object.entries<StateDeclaration>(declaration.states)) {
    if ((state.waitsFor === 'authority' || state.waitsFor === 'department') && !state.handledWith) {
      throw new Error(`workflow ${declaration.kind}: ${name} waits for staff but names no handler`);
    }
  }
  for (const [name, t] of Object.entries<TransitionDeclaration<S>>(declaration.transitions)) {
    for (const from of t.from) {
      if (!declaration.states[from].waitsFor) throw new Error(`workflow ${declaration.kind}: ${name} leaves the closed state ${from}`);
    }
  }
  return declaration;
}

const SUBMITTED: Label = { zh: '提交', en: 'Submitted' };

/** What a timeline calls a step: the declared transition's label, or the opening step's. */
export function stepLabel(wf: WorkflowDeclaration, transition: string): Label {
  return wf.transitions[transition]?.label ?? wf.openedAs ?? SUBMITTED;
}

export function isOpen(wf: WorkflowDeclaration, state: string): boolean {
  return wf.states[state]?.waitsFor !== undefined;
}

/**
 * Why a transition cannot be taken from the case's state, given that policy and separation of
 * duties allow it: it is not one of this workflow's (`NOT_FOUND`), or its step is not the one
 * open now — not yet, or no longer — which a second, concurrent decision also meets (`CONFLICT`).
 */
export function stepRefusal(wf: WorkflowDeclaration, state: string, transition: string): ErrorCode | null {
  const t = wf.transitions[transition];
  if (!t) return 'NOT_FOUND';
  return t.from.includes(state) ? null : 'CONFLICT';
}

/** The transitions whose step is open in this state (policy not yet asked). */
export function transitionsFrom(wf: WorkflowDeclaration, state: string): string[] {
  return Object.entries(wf.transitions).filter(([, t]) => t.from.includes(state)).map(([name]) => name);
}

/** A step is overdue the day after its due date: on the due date itself there is still time. */
export function isOverdue(dueOn: string | null, today: string): boolean {
  return dueOn !== null && today > dueOn;
}
