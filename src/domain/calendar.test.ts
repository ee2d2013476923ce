import { describe, expect, it } from 'vitest';
import { addWorkingDays, CalendarYearMissingError, isWorkingDay, workingDaysBetween, type WorkingCalendar } from './calendar.js';

// The 2025 National Day / Mid-Autumn holiday as the State Council published it.
const calendar: WorkingCalendar = {
  coveredYears: new Set([2025]),
  overrides: new Map<string, 'holiday' | 'workday'>([
    ['2025-09-28', 'workday'],
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => [`2025-10-${d}`, 'holiday'] as [string, 'holiday']),
    ['2025-10-11', 'workday'],
  ]),
};

describe('working-day calendar', () => {
  it('counts over the National Day holiday and the make-up Saturday', () => {
    expect(addWorkingDays(calendar, '2025-09-30', 5)).toBe('2025-10-14');
    expect(isWorkingDay(calendar, '2025-10-11')).toBe(true);
    expect(isWorkingDay(calendar, '2025-10-12')).toBe(false);
    expect(isWorkingDay(calendar, '2025-10-03')).toBe(false);
    expect(isWorkingDay(calendar, '2025-09-28')).toBe(true);
  });

  it('counts working days between two dates, in either order', () => {
    expect(workingDaysBetween(calendar, '2025-09-30', '2025-10-14')).toBe(5);
    expect(workingDaysBetween(calendar, '2025-10-14', '2025-09-30')).toBe(-5);
    expect(workingDaysBetween(calendar, '2025-10-01', '2025-10-08')).toBe(0);
  });

  it('adding zero days returns the same date', () => {
    expect(addWorkingDays(calendar, '2025-10-05', 0)).toBe('2025-10-05');
  });

  it('refuses to guess in a year the calendar does not cover', () => {
    expect(() => addWorkingDays(calendar, '2025-12-30', 5)).toThrow(CalendarYearMissingError);
    expect(() => isWorkingDay(calendar, '2026-01-05')).toThrow(/2026/);
  });

  it('rejects malformed dates', () => {
    expect(() => isWorkingDay(calendar, '2025-02-30')).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2025-10-01', -1)).toThrow(RangeError);
  });
});
