/**
 * 脱敏 of the sample data set (抽样数据集, rule 二.2): how a value of a sensitive 数据项 is shown.
 * Pure: no I/O. The rules, in order:
 *
 * - an empty value stays empty (it tells only that nothing was recorded);
 * - numbers, dates, times and yes/no values become `****`;
 * - an ID number (18 characters, or the old 15 digits) keeps the region code and the last four
 *   characters: `330106********3212`;
 * - a mainland mobile number keeps the carrier prefix and the last four digits: `138****5678`;
 *   any other telephone number keeps its first three and last four digits, other digits become
 *   `*` (`057*-****8888`);
 * - an email address keeps the first character of the mailbox and the domain: `z***@example.cn`;
 * - in a name column (its name or 中文名称 says 姓名, 名称, 联系人, 负责人, 法定代表人 or name),
 *   a name keeps its first and last characters with at most four `*` between them (`张*丰`,
 *   `杭****司`); a two-character name keeps only the first (`张*`), a single character none;
 * - anything else becomes `****`.
 *
 * A masked value is never the original, and never contains it (a value of nothing but `*` aside).
 */
import { maskIdNumber, maskPhone } from './identity.js';
import type { FieldType } from './catalog.js';

export const MASK = '****';

const NAME_FIELD = /姓名|名称|联系人|负责人|法定代表人|法人代表|户主|name/i;

export interface MaskedField {
  name: string;
  /** 中文名称, when the catalog declares one. */
  title?: string | undefined;
  type: FieldType;
}

/** A sensitive field's value as the sample shows it. */
export function maskValue(value: string | number | boolean | null, field: MaskedField): string | null {
  if (value === null || value === '') return value;
  if (typeof value !== 'string' || field.type !== 'string') return MASK;
  const masked = maskText(value.trim(), field);
  // A value made only of what a rule keeps (a name written "张*") would come out whole.
  return masked.includes(value.trim()) ? MASK : masked;
}

function maskText(s: string, field: MaskedField): string {
  if (/^\d{17}[\dXx]$|^\d{15}$/.test(s)) return s.length === 18 ? maskIdNumber(s) : `${s.slice(0, 6)}*****${s.slice(-4)}`;
  if (/^1[3-9]\d{9}$/.test(s)) return maskPhone(s);
  if (/^[\d\s\-+()（）]{7,24}$/.test(s) && (s.match(/\d/g) ?? []).length >= 7) return maskDigits(s);
  const email = /^([^\s@]+)@([^\s@]+\.[^\s@]+)$/.exec(s);
  if (email) return `${[...email[1]!][0]}***@${email[2]}`;
  if (NAME_FIELD.test(field.name) || NAME_FIELD.test(field.title ?? '')) return maskName(s);
  return MASK;
}

/** Every digit but the first three and the last four becomes `*`; separators stay. */
function maskDigits(s: string): string {
  const total = (s.match(/\d/g) ?? []).length;
  let seen = 0;
  return s.replace(/\d/g, (d) => {
    seen++;
    return seen <= 3 || seen > total - 4 ? d : '*';
  });
}

/** First and last characters (by code point), at most four `*` between; short names keep less. */
function maskName(s: string): string {
  const chars = [...s];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 4))}${chars[chars.length - 1]}`;
}
