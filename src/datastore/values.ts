/**
 * Cell values: what counts as empty, how each field type parses and normalises, and the
 * narrowest-type inference over a whole column. Pure functions, hot path of every ingest.
 */
import type { FieldType } from './types.js';

/** What a column holds in the database: booleans as 0/1, dates as ISO text. */
export type DbValue = string | number | null;

export const TYPE_ZH: Record<FieldType, string> = {
  string: '文本', integer: '整数', number: '数值', date: '日期', datetime: '日期时间', boolean: '布尔值（是/否）',
};

/** Empty or whitespace only (including the full-width space): stored as NULL. */
export function isBlank(s: string): boolean {
  if (s.length === 0) return true;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  if (a > 32 && a !== 0x3000 && a !== 0xa0 && b > 32 && b !== 0x3000 && b !== 0xa0) return false;
  return s.trim() === '';
}

const INT_LOOSE = /^[+-]?\d+(?:\.0+)?$/;
const INT_GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+$/;
const NUM_LOOSE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NUM_GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DATE_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DATE_ZH = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const DATE_MIDNIGHT = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]0{1,2}:00(?::00(?:\.0+)?)?$/;
const DATETIME_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function pad2(n: number): string { return n < 10 ? `0${n}` : String(n); }

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

function ymd(m: RegExpExecArray): string | undefined {
  const y = Number(m[1]); const mo = Number(m[2]); const d = Number(m[3]);
  return validDate(y, mo, d) ? `${m[1]}-${pad2(mo)}-${pad2(d)}` : undefined;
}

export function parseInteger(t: string): number | undefined {
  let s = t;
  if (!INT_LOOSE.test(s)) {
    if (!INT_GROUPED.test(s)) return undefined;
    s = s.replace(/,/g, '');
  }
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function parseNumber(t: string): number | undefined {
  let s = t;
  if (!NUM_LOOSE.test(s)) {
    if (!NUM_GROUPED.test(s)) return undefined;
    s = s.replace(/,/g, '');
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** YYYY-MM-DD already in normal form (the common case), checked without a regex. */
function isoDay(t: string): boolean {
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return false;
  const y = digitsAt(t, 0, 4), m = digitsAt(t, 5, 7), d = digitsAt(t, 8, 10);
  return y >= 0 && m >= 0 && d >= 0 && validDate(y, m, d);
}

export function parseDate(t: string): string | undefined {
  if (t.length === 10 && isoDay(t)) return t;
  const m = DATE_RE.exec(t) ?? DATE_ZH.exec(t) ?? DATE_MIDNIGHT.exec(t);
  return m ? ymd(m) : undefined;
}

/** ISO 8601 normalised: local times as YYYY-MM-DDTHH:MM:SS[.fff]; times with a zone in UTC (…Z). */
export function parseDatetime(t: string): string | undefined {
  if (t.length === 10 && isoDay(t)) return `${t}T00:00:00`;
  // Fast path: YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS.
  if (t.length === 19 && isoDay(t) && (t.charCodeAt(10) === 32 || t.charCodeAt(10) === 84) && t.charCodeAt(13) === 58 && t.charCodeAt(16) === 58) {
    const h = digitsAt(t, 11, 13), mi = digitsAt(t, 14, 16), sec = digitsAt(t, 17, 19);
    if (h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59) return t.charCodeAt(10) === 84 ? t : `${t.slice(0, 10)}T${t.slice(11)}`;
  }
  const m = DATETIME_RE.exec(t);
  if (!m) {
    const d = DATE_ZH.exec(t);
    const day = d ? ymd(d) : undefined;
    return day ? `${day}T00:00:00` : undefined;
  }
  const day = ymd(m);
  if (!day) return undefined;
  const h = Number(m[4] ?? 0); const mi = Number(m[5] ?? 0); const s = Number(m[6] ?? 0);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const frac = m[7] ? m[7].slice(0, 4) : '';
  const zone = m[8];
  if (!zone) return `${day}T${pad2(h)}:${pad2(mi)}:${pad2(s)}${frac}`;
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMin = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, mi, s, frac ? Math.round(Number(frac) * 1000) : 0) - offsetMin * 60_000;
  const iso = new Date(ms).toISOString();
  return frac ? iso : `${iso.slice(0, 19)}Z`;
}

const TRUE_WORDS = new Set(['true', 'TRUE', 'True', '是', '1']);
const FALSE_WORDS = new Set(['false', 'FALSE', 'False', '否', '0']);

export function parseBoolean(t: string): number | undefined {
  if (TRUE_WORDS.has(t)) return 1;
  if (FALSE_WORDS.has(t)) return 0;
  return undefined;
}

/**
 * The database value of a raw cell for a field type: null when blank, undefined when the
 * cell does not parse. Strings are kept exactly as found.
 */
export function toDbValue(type: FieldType, raw: string): DbValue | undefined {
  if (isBlank(raw)) return null;
  if (type === 'string') return raw;
  const t = raw.trim();
  switch (type) {
    case 'integer': return parseInteger(t);
    case 'number': return parseNumber(t);
    case 'date': return parseDate(t);
    case 'datetime': return parseDatetime(t);
    case 'boolean': return parseBoolean(t);
  }
}

export function rejectReason(type: FieldType, raw: string): string {
  const shown = raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
  // Digits that are too many to count exactly: usually a code or an ID number declared as a number.
  if (type === 'integer' && (INT_LOOSE.test(raw) || INT_GROUPED.test(raw))) return `“${shown}”位数过多，超出整数范围；编号、证件号码等请声明为文本`;
  return `“${shown}”不是有效${TYPE_ZH[type]}`;
}

// ---- inference ------------------------------------------------------------------------

const C_INT = 1, C_NUM = 2, C_DATE = 4, C_DATETIME = 8, C_BOOL = 16;
const ALL = C_INT | C_NUM | C_DATE | C_DATETIME | C_BOOL;

/** Integer without sign tricks or leading zeros, at most 15 digits (always exact as a double). */
function isPlainInteger(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const digits = n - i;
  if (digits < 1 || digits > 15) return false;
  if (s.charCodeAt(i) === 48 && digits > 1) return false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)\.\d+$/;
function isPlainDecimal(s: string): boolean {
  if (!PLAIN_DECIMAL.test(s)) return false;
  return s.replace(/^-?0*\.?0*/, '').replace('.', '').length <= 15;
}

/** Headers that name codes: their digits are identifiers, not quantities. */
const CODE_NAME = /(编号|编码|代码|号码|电话|手机|邮编|邮政编码|身份证|证件号|账号|帐号|卡号|学号|工号|phone|mobile|tel|zip|postcode|postal|code)/i;

/**
 * Tracks, for one column, which types every non-empty value seen so far fits. Feed every
 * value of the whole file, then ask `type()`.
 */
export class TypeInference {
  private candidates = ALL;
  private seen = false;
  private intLength = -1; // -1 unknown, -2 varying

  constructor(private readonly name: string) {}

  add(raw: string): void {
    let c = this.candidates;
    if (c === 0 || isBlank(raw)) return;
    this.seen = true;
    const t = raw.length !== raw.trim().length ? raw.trim() : raw;
    if ((c & C_INT) && isPlainInteger(t)) {
      if (this.intLength === -1) this.intLength = t.length;
      else if (this.intLength !== t.length) this.intLength = -2;
      this.candidates = c & (C_INT | C_NUM | (t === '0' || t === '1' ? C_BOOL : 0));
      return;
    }
    c &= ~C_INT;
    if ((c & C_NUM) && !isPlainDecimal(t) && !isPlainInteger(t)) c &= ~C_NUM;
    if ((c & C_BOOL) && parseBoolean(t) === undefined) c &= ~C_BOOL;
    if ((c & C_DATE) && parseDate(t) === undefined) c &= ~C_DATE;
    if ((c & C_DATETIME) && parseDatetime(t) === undefined) c &= ~C_DATETIME;
    this.candidates = c;
  }

  type(): FieldType {
    const c = this.candidates;
    if (!this.seen) return 'string';
    if (c & C_INT) {
      // Identifiers made of digits (phones, old ID numbers, codes) stay text.
      if (CODE_NAME.test(this.name) || this.intLength >= 11) return 'string';
      return 'integer';
    }
    if (c & C_NUM) return 'number';
    if (c & C_BOOL) return 'boolean';
    if (c & C_DATE) return 'date';
    if (c & C_DATETIME) return 'datetime';
    return 'string';
  }
}

/** The narrowest type holding values of both types (append without declared fields). */
export function widen(a: FieldType, b: FieldType): FieldType {
  if (a === b) return a;
  const pair = new Set([a, b]);
  if (pair.has('integer') && pair.has('number')) return 'number';
  if (pair.has('date') && pair.has('datetime')) return 'datetime';
  return 'string';
}
