/**
 * What an application for restricted data must hold before it is submitted (rules 二.2), and
 * what its grant allows. Pure: no I/O.
 */
import { isCalendarDate } from './calendar.js';
import { AppError } from './errors.js';

export type Delivery = 'api' | 'download';

/** The applicant's data storage, processing and security-protection capability (二.2). */
export interface Capability {
  storage: string;
  processing: string;
  protection: string;
  /** The structured capabilities the applicant declares (codes of the entry's required list). */
  capabilities: string[];
}

export interface ApplicationForm {
  fields: string[];
  purpose: string;
  scenario: string;
  periodStart: string | null;
  periodEnd: string | null;
  delivery: Delivery;
  expectedOutcome: string;
  capability: Capability;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Refuses a period date that is no day of the calendar (2027-02-30, 2099-99-99): it would pass every comparison. */
export function checkPeriodDates(dates: { periodStart?: string | null | undefined; periodEnd?: string | null | undefined }): void {
  for (const field of ['periodStart', 'periodEnd'] as const) {
    const date = dates[field];
    if (date && !isCalendarDate(date)) throw new AppError('VALIDATION_FAILED', field, `${date} 不是有效日期`);
  }
}

/**
 * What the department's reviews and the agreement are about: once 需求审核 has passed them, a
 * return asks for supplementary material, not for other data, another period or another use.
 */
export const REVIEWED_TERMS = ['fields', 'purpose', 'scenario', 'periodStart', 'periodEnd', 'delivery', 'expectedOutcome'] as const;

/**
 * Refuses, field by field with a Chinese message, a form that cannot be submitted: data items
 * the entry does not offer, a period that ends before it starts, starts in the past or runs
 * longer than allowed, missing purpose, scenario or capability, a required security capability
 * not declared, download where the provider offers only the API.
 */
export function checkSubmittable(form: ApplicationForm, offer: {
  requestable: readonly string[]; allowsDownload: boolean; requiredCapabilities: readonly string[]; maxPeriodDays: number; today: string;
}): void {
  if (form.fields.length === 0) throw new AppError('VALIDATION_FAILED', 'fields', '请至少选择一个申请的数据项');
  const unknown = form.fields.filter((f) => !offer.requestable.includes(f));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', 'fields', `该目录不提供以下数据项：${unknown.join('、')}`);
  if (!form.purpose.trim()) throw new AppError('VALIDATION_FAILED', 'purpose', '请填写申请用途');
  if (!form.scenario.trim()) throw new AppError('VALIDATION_FAILED', 'scenario', '请填写应用场景');
  if (!form.periodStart || !form.periodEnd) throw new AppError('VALIDATION_FAILED', 'periodStart', '请填写使用期限的起止日期');
  checkPeriodDates(form);
  if (form.periodStart < offer.today) throw new AppError('VALIDATION_FAILED', 'periodStart', '使用期限不能早于今天开始');
  if (form.periodEnd < form.periodStart) throw new AppError('VALIDATION_FAILED', 'periodEnd', '使用期限的结束日期不能早于开始日期');
  if (dayNumber(form.periodEnd) - dayNumber(form.periodStart) + 1 > offer.maxPeriodDays) {
    throw new AppError('VALIDATION_FAILED', 'periodEnd', `使用期限最长 ${offer.maxPeriodDays} 天`);
  }
  if (form.delivery === 'download' && !offer.allowsDownload) throw new AppError('VALIDATION_FAILED', 'delivery', '该数据仅通过接口提供，不提供下载');
  const { storage, processing, protection } = form.capability;
  if (!storage.trim() || !processing.trim() || !protection.trim()) {
    throw new AppError('VALIDATION_FAILED', 'capability', '请说明数据存储、处理和安全防护能力');
  }
  const undeclared = offer.requiredCapabilities.filter((c) => !form.capability.capabilities.includes(c));
  if (undeclared.length) throw new AppError('VALIDATION_FAILED', 'capability.capabilities', '请逐项声明该数据要求具备的安全能力，并上传证明材料');
}

/** A date some calendar months later (or earlier); the 31st of a shorter month is its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(y, m - 1 + months, d));
  // 30 November + 3 months is 28/29 February, not 2 March.
  if (moved.getUTCDate() !== d) moved.setUTCDate(0);
  return moved.toISOString().slice(0, 10);
}

/** 五.4: the outcome is due three calendar months after the grant starts. */
export function outcomeDueOn(startsOn: string): string {
  return addMonths(startsOn, 3);
}

/** The grantee is reminded a month before the outcome is due. */
export function outcomeReminderOn(dueOn: string): string {
  return addMonths(dueOn, -1);
}

export type GrantStatus = 'pending' | 'active' | 'suspended' | 'revoked' | 'expired';

/** Where a grant stands on a day: revoked and suspended by a person, otherwise by its period. */
export function grantStatus(grant: { startsOn: string; endsOn: string; suspendedAt: string | null; revokedAt: string | null }, today: string): GrantStatus {
  if (grant.revokedAt) return 'revoked';
  if (today > grant.endsOn) return 'expired';
  if (grant.suspendedAt) return 'suspended';
  if (today < grant.startsOn) return 'pending';
  return 'active';
}
