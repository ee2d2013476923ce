/**
 * 更新频率 as other catalogs state it: the EU frequency authority table (DCAT-AP's
 * dct:accrualPeriodicity), Dublin Core's frequency terms, our own keys (another instance of this
 * platform says `update_frequency: monthly`), or free text in Chinese.
 */
import { parseFrequency, UPDATE_FREQUENCIES, type UpdateFrequency } from '../../domain/catalog.js';

const TERMS: Record<string, UpdateFrequency> = {
  CONT: 'realtime', UPDATE_CONT: 'realtime', continuous: 'realtime', HOURLY: 'realtime', BIHOURLY: 'realtime', TRIHOURLY: 'realtime',
  DAILY: 'daily', daily: 'daily', DAILY_2: 'daily',
  WEEKLY: 'weekly', weekly: 'weekly', WEEKLY_2: 'weekly', WEEKLY_3: 'weekly', BIWEEKLY: 'weekly',
  MONTHLY: 'monthly', monthly: 'monthly', MONTHLY_2: 'monthly', MONTHLY_3: 'monthly', BIMONTHLY: 'monthly',
  QUARTERLY: 'quarterly', quarterly: 'quarterly',
  ANNUAL_2: 'semiannual', semiannual: 'semiannual',
  ANNUAL: 'yearly', annual: 'yearly', BIENNIAL: 'yearly', TRIENNIAL: 'yearly',
  IRREG: 'irregular', irregular: 'irregular', NEVER: 'irregular', UNKNOWN: 'irregular', OTHER: 'irregular', AS_NEEDED: 'irregular',
};

/** Our frequency for a remote one: an IRI's last segment, one of our keys, or words; irregular when unknown. */
export function frequencyOf(value: string | null | undefined): UpdateFrequency {
  const text = (value ?? '').trim();
  if (!text) return 'irregular';
  if (Object.hasOwn(UPDATE_FREQUENCIES, text)) return text as UpdateFrequency;
  const term = text.split(/[/#]/).pop() ?? '';
  // Own keys only: a remote "constructor" must not find Object's.
  const known = (key: string) => (Object.hasOwn(TERMS, key) ? TERMS[key] : undefined);
  return known(term) ?? known(term.toUpperCase()) ?? parseFrequency(text);
}
