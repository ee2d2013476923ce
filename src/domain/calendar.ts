/**
 * Chinese working days: weekends are rest days unless the calendar marks them as make-up
 * workdays (调休); weekdays are workdays unless the calendar marks them as holidays.
 * Pure: the caller supplies the calendar, which only knows the years it covers.
 */

export interface WorkingCalendar {
  coveredYears: ReadonlySet<number>;
  /** date (YYYY-MM-DD) → 'holiday' | 'workday' for the days that differ from the weekly rule. */
  overrides: ReadonlyMap<string, 'holiday' | 'workday'>;
}

export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(`the working-day calendar does not cover ${year}`);
  }
}

const DAY_MS = 86_400_000;

/** Milliseconds of a YYYY-MM-DD day that exists (not 2026-02-30), or NaN. */
function dayMs(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return NaN;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date ? ms : NaN;
}

export function isCalendarDate(date: string): boolean {
  return !Number.isNaN(dayMs(date));
}

function parseDate(date: string): number {
  const ms = dayMs(date);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return ms;
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  const ms = parseDate(date);
  const year = Number(date.slice(0, 4));
  if (!calendar.coveredYears.has(year)) throw new CalendarYearMissingError(year);
  const override = calendar.overrides.get(date);
  if (override) return override === 'workday';
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** China keeps one time, UTC+8 all year: the calendar day an instant falls on in the portal's city. */
export function chinaDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The date that is n working days after `date` (the start day itself is not counted). */
export function addWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
  let ms = parseDate(date);
  let left = n;
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(calendar, formatDate(ms))) left--;
  }
  return formatDate(ms);
}

/** Working days in (from, to]: how many working days have passed from `from` to `to`. */
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  const start = parseDate(from), end = parseDate(to);
  if (end < start) return -workingDaysBetween(calendar, to, from);
  let count = 0;
  for (let ms = start + DAY_MS; ms <= end; ms += DAY_MS) {
    if (isWorkingDay(calendar, formatDate(ms))) count++;
  }
  return count;
}
