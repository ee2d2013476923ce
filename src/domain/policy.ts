/**
 * The one place that decides who may do what. Routes name an action (and, where it
 * matters, the resource); this module answers. Nothing else holds permission logic.
 */
import type { Role } from './roles.js';

export type Actor =
  | { kind: 'visitor' }
  | {
      kind: 'account';
      id: string;
      roles: readonly Role[];
      departmentId: string | null;
      verified: boolean;
      creditLevel: string;
    };

export type AccountActor = Extract<Actor, { kind: 'account' }>;

export const VISITOR: Actor = { kind: 'visitor' };

/** What a rule may look at besides the actor: the owner of, or department behind, a thing. */
export interface PolicyResource {
  ownerId?: string;
  departmentId?: string | null;
}

type Rule = (actor: AccountActor, resource: PolicyResource | undefined) => boolean;

const has = (...roles: Role[]): Rule => (actor) => roles.some((r) => actor.roles.includes(r));
const signedIn: Rule = () => true;

/** Actions open to everybody, signed in or not. */
const PUBLIC_ACTIONS = new Set(['department.read', 'calendar.read']);

const rules = {
  'me.read': signedIn,
  'me.update': signedIn,
  'me.verification.submit': signedIn,
  'me.apiKey.manage': signedIn,
  'department.read': signedIn,
  'department.create': has('authority_admin'),
  'department.update': has('authority_admin'),
  'verification.list': has('authority_admin', 'authority_reviewer'),
  // Separation of duties: nobody decides on their own request.
  'verification.decide': (actor, res) =>
    has('authority_admin', 'authority_reviewer')(actor, res) && res?.ownerId !== actor.id,
  'user.list': has('authority_admin'),
  // An administrator cannot raise or restore their own roles, credit level or status.
  'user.manage': (actor, res) => has('authority_admin')(actor, res) && res?.ownerId !== actor.id,
  'audit.read': has('security_auditor'),
  'alert.read': has('authority_admin', 'security_auditor'),
  'calendar.read': signedIn,
  'calendar.manage': has('authority_admin'),
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;
export const ACTIONS = Object.keys(rules) as Action[];

export function can(actor: Actor, action: Action, resource?: PolicyResource): boolean {
  if (actor.kind === 'visitor') return PUBLIC_ACTIONS.has(action);
  return rules[action](actor, resource);
}

/** The resource-free actions an actor may take, sent to the UI so it never re-derives them. */
export function permittedActions(actor: Actor): Action[] {
  return ACTIONS.filter((a) => can(actor, a));
}
