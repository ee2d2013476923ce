import { AppError } from '../../domain/errors.js';
import type { AccountActor } from '../../domain/policy.js';
import { eligibility, type RestrictedConditions } from '../../domain/restricted.js';
import type { CatalogService } from '../catalog/service.js';
import type { EntryOffer } from './service.js';

/** What a restricted entry offers an applicant: its department, the 数据项 that may be requested, how it is delivered. */
export async function offerOf(catalog: CatalogService, entryId: string): Promise<EntryOffer | null> {
  const entry = await catalog.get(entryId).catch(() => null);
  if (!entry) return null;
  return {
    title: entry.title, departmentId: entry.department.id,
    takesApplications: entry.status === 'published' && entry.openType === 'restricted' && entry.conditions !== null,
    requestable: entry.fields.filter((f) => f.requestable !== false).map((f) => f.name),
    allowsDownload: entry.conditions?.downloadAllowed === true,
    requiredCapabilities: entry.conditions?.capabilities ?? [],
  };
}

/**
 * Refuses an applicant who lacks what the entry's conditions ask and the platform can check
 * (二.2: verification, credit level, applicant type), with the first thing missing, in Chinese.
 */
export function assertEligible(actor: AccountActor, conditions: RestrictedConditions | null): void {
  // The licence concerns the sample, not the application.
  const result = eligibility({ verified: actor.verified, verifiedAs: actor.verifiedAs ?? null, creditLevel: actor.creditLevel, licenceAccepted: true }, conditions);
  const blocking = result.missing.find((m) => m.blocks.includes('application'));
  if (blocking) throw new AppError(blocking.code, undefined, blocking.message);
}
