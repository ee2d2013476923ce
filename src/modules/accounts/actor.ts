import type { AccountActor } from '../../domain/policy.js';
import { isRole } from '../../domain/roles.js';

/** What an actor is made of: the account's columns and one of its roles (users ⟕ user_roles). */
export const ACTOR_COLUMNS = [
  'users.id', 'users.department_id', 'users.verification_status', 'users.verification_type', 'users.credit_level', 'users.status',
  'user_roles.role',
] as const;

export interface ActorRow {
  id: string;
  department_id: string | null;
  verification_status: string;
  verification_type: string | null;
  credit_level: string;
  status: string;
  role: string | null;
}

/** The actor for an active account's rows (one per role), or null for none or a disabled one. */
export function actorFromRows(rows: ActorRow[]): AccountActor | null {
  const user = rows[0];
  if (!user || user.status !== 'active') return null;
  return {
    kind: 'account',
    id: user.id,
    roles: rows.map((r) => r.role ?? '').filter(isRole),
    departmentId: user.department_id,
    verified: user.verification_status === 'verified',
    verifiedAs: user.verification_status === 'verified' && (user.verification_type === 'person' || user.verification_type === 'organization') ? user.verification_type : null,
    creditLevel: user.credit_level,
  };
}

/** What the policy reads of an account (not how it called), as one comparable value. */
export function actorKey(actor: AccountActor): string {
  return JSON.stringify([[...actor.roles].sort(), actor.departmentId, actor.verified, actor.verifiedAs ?? null, actor.creditLevel]);
}
