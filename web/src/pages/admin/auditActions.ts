import type { MessageKey } from '../../i18n';

/** The audit actions the server names today, with their labels; others show as recorded. */
export const AUDIT_ACTIONS: Record<string, MessageKey> = {
  'account.register': 'auditAction.register',
  'account.login': 'auditAction.login',
  'account.logout': 'auditAction.logout',
  'account.profile.update': 'auditAction.profileUpdate',
  'account.password.change': 'auditAction.passwordChange',
  'verification.submit': 'auditAction.verificationSubmit',
  'verification.decide': 'auditAction.verificationDecide',
  'verification.oidc': 'auditAction.verificationOidc',
  'department.create': 'auditAction.departmentCreate',
  'department.update': 'auditAction.departmentUpdate',
  'apiKey.create': 'auditAction.apiKeyCreate',
  'apiKey.revoke': 'auditAction.apiKeyRevoke',
  'user.update': 'auditAction.userUpdate',
  'calendar.day.set': 'auditAction.calendarSet',
  'calendar.day.remove': 'auditAction.calendarRemove',
  'calendar.import': 'auditAction.calendarImport',
};
