/**
 * The elements of a catalog entry as the rules (一.4) list them, and the lifecycle an entry
 * moves through. Pure: no I/O.
 */

/** 开放属性 */
export type OpenType = 'unconditional' | 'restricted' | 'prohibited';
/** Where an entry stands in its lifecycle (TRANSITIONS below). */
export type EntryStatus = 'draft' | 'submitted' | 'published' | 'rejected' | 'withdrawn';

export const OPEN_TYPES: Record<OpenType, { zh: string; en: string }> = {
  unconditional: { zh: '无条件开放', en: 'Unconditional' },
  restricted: { zh: '受限开放', en: 'Restricted' },
  prohibited: { zh: '禁止开放', en: 'Prohibited' },
};

export const UPDATE_FREQUENCIES = {
  realtime: { zh: '实时', en: 'Real-time', days: 0 },
  daily: { zh: '每日', en: 'Daily', days: 1 },
  weekly: { zh: '每周', en: 'Weekly', days: 7 },
  monthly: { zh: '每月', en: 'Monthly', days: 31 },
  quarterly: { zh: '每季度', en: 'Quarterly', days: 92 },
  semiannual: { zh: '每半年', en: 'Semi-annual', days: 183 },
  yearly: { zh: '每年', en: 'Yearly', days: 366 },
  irregular: { zh: '不定期', en: 'Irregular', days: null },
} as const;
export type UpdateFrequency = keyof typeof UPDATE_FREQUENCIES;

export const FIELD_TYPES = ['string', 'integer', 'number', 'date', 'datetime', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** 数据项: one declared field of a catalog entry. */
export interface DataItem {
  /** Machine name, as in the data file's header. */
  name: string;
  /** 中文名称 */
  title: string;
  type: FieldType;
  description: string;
  unit: string;
  /** May be used as a filter in the query API (and gets an index). */
  filterable: boolean;
  /** Holds personal or sensitive data: masked in a restricted entry's sample data set (domain/masking.ts). */
  sensitive: boolean;
  /** Of a restricted entry: may be asked for in an application (the form lists these). */
  requestable: boolean;
}

/** A stored 数据项 with the flags it may predate filled in (`requestable` came later: true). */
export function dataItem(stored: Omit<DataItem, 'requestable'> & { requestable?: boolean }): DataItem {
  return { ...stored, requestable: stored.requestable ?? true };
}

/** Which status may follow which, and who moves it (checked by the policy module). */
const TRANSITIONS: Record<EntryStatus, EntryStatus[]> = {
  draft: ['submitted'],
  submitted: ['published', 'rejected', 'draft'],
  rejected: ['submitted'],
  published: ['withdrawn'],
  withdrawn: ['submitted'],
};

export function canTransition(from: EntryStatus, to: EntryStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The 更新频率 text of other portals (free text, suffixes, blanks) mapped to ours. */
export function parseFrequency(text: string | null | undefined): UpdateFrequency {
  const t = (text ?? '').trim();
  if (!t || /不更新|不定期|按需/.test(t)) return 'irregular';
  if (/实时|分钟|小时/.test(t)) return 'realtime';
  if (/日|天/.test(t)) return 'daily';
  if (/周/.test(t)) return 'weekly';
  if (/半年/.test(t)) return 'semiannual';
  if (/季/.test(t)) return 'quarterly';
  if (/月/.test(t)) return 'monthly';
  if (/年/.test(t)) return 'yearly';
  return 'irregular';
}

/** China keeps one time, UTC+8 all year: the day a timestamp falls on for the portal's readers. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** When the next data update is due, from the last one and the frequency; null when irregular. */
export function nextUpdateDue(lastUpdate: string, frequency: UpdateFrequency): string | null {
  const days = UPDATE_FREQUENCIES[frequency].days;
  if (days === null) return null;
  return new Date(Date.parse(lastUpdate) + CHINA_OFFSET_MS + Math.max(days, 1) * 86_400_000).toISOString().slice(0, 10);
}
