/** Message keys and tag colours for the API's enumerations. */
import type { MessageKey } from './i18n';
import type { RoleLabels, VerificationStatus, VerificationType } from './types';
import type { Lang } from './i18n';

export const VERIFICATION_STATUS: Record<VerificationStatus, { key: MessageKey; color: string }> = {
  none: { key: 'verification.status.none', color: 'default' },
  pending: { key: 'verification.status.pending', color: 'processing' },
  verified: { key: 'verification.status.verified', color: 'success' },
  rejected: { key: 'verification.status.rejected', color: 'error' },
};

export const VERIFICATION_TYPE: Record<VerificationType, MessageKey> = {
  person: 'verification.type.person',
  organization: 'verification.type.organization',
};

/** A role's name in the chosen language, from GET /api/v1/roles; the code when unknown. */
export function roleName(labels: RoleLabels | undefined, role: string, lang: Lang): string {
  return labels?.[role]?.[lang] ?? role;
}
