/** Roles an account can hold. Every account holds `user`; staff roles come on top. */
export const ROLES = [
  'user',
  'provider_publisher',
  'provider_reviewer',
  'authority_admin',
  'authority_reviewer',
  'security_auditor',
] as const;

export type Role = (typeof ROLES)[number];

export const PROVIDER_ROLES: readonly Role[] = ['provider_publisher', 'provider_reviewer'];
export const AUTHORITY_ROLES: readonly Role[] = ['authority_admin', 'authority_reviewer', 'security_auditor'];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  user: { zh: '数据利用主体', en: 'Data user' },
  provider_publisher: { zh: '开放主体·数据发布员', en: 'Provider publisher' },
  provider_reviewer: { zh: '开放主体·审核员', en: 'Provider reviewer' },
  authority_admin: { zh: '主管部门·管理员', en: 'Authority administrator' },
  authority_reviewer: { zh: '主管部门·审核员', en: 'Authority reviewer' },
  security_auditor: { zh: '主管部门·安全审计员', en: 'Security auditor' },
};

/**
 * Roles one person must not hold together. 三员分立 (as 等保 asks): the administrator, the
 * security auditor and the reviewer are three people, so nobody audits or reviews their own
 * administration. In a department, whoever publishes data does not also sign off its
 * pre-publication review (六.(二)).
 */
const EXCLUSIVE_ROLE_GROUPS: readonly (readonly Role[])[] = [
  ['authority_admin', 'security_auditor', 'authority_reviewer'],
  ['provider_publisher', 'provider_reviewer'],
];

/** The first pair of roles in `roles` that must not combine, or null when they may. */
export function conflictingRoles(roles: readonly Role[]): [Role, Role] | null {
  for (const group of EXCLUSIVE_ROLE_GROUPS) {
    const held = group.filter((r) => roles.includes(r));
    if (held.length > 1) return [held[0]!, held[1]!];
  }
  return null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** 信用等级: A 守信 … D 失信; new accounts start at B until the authority says otherwise. */
export const CREDIT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type CreditLevel = (typeof CREDIT_LEVELS)[number];
export const DEFAULT_CREDIT_LEVEL: CreditLevel = 'B';
