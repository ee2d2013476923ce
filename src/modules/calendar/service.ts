import { createRequire } from 'node:module';
import type { Database } from '../../db/adapter.js';
import { AppError } from '../../domain/errors.js';
import type { AlertService } from '../system/alerts.js';
import {
  addWorkingDays, CalendarYearMissingError, isCalendarDate, workingDaysBetween, type WorkingCalendar,
} from '../../domain/calendar.js';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The State Council's schedule as the chinese-days package keeps it ("English,中文,n"). */
function loadPackagedSchedule(): ChineseDaysData {
  return createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
}

const chineseName = (label: string) => label.split(',')[1] ?? label;

/**
 * The admin-editable working-day calendar. Deadlines elsewhere ask it; a year it does not
 * cover raises CALENDAR_YEAR_MISSING and leaves an alert for the authority.
 */
/** How long a process trusts its copy: an edit made through another process shows within it. */
const CACHE_MS = 60_000;
/** From this month on, next year's working days must be in the table (the State Council publishes them in autumn). */
const NEXT_YEAR_DUE_MONTH = 11;

/** One wording for a missing year, so a deadline asked for it and the yearly check share one open alert. */
const missingYearAlert = (year: number) => `工作日历未覆盖 ${year} 年，期限无法计算，请导入或维护该年度节假日安排`;

export class CalendarService {
  private cache: WorkingCalendar | null = null;
  private loadedAt = 0;

  constructor(private readonly db: Database, private readonly alerts: AlertService) {}

  /** Copies the packaged schedule for the given years (all it has when none are given). */
  async importPackaged(years?: number[]): Promise<number[]> {
    const data = loadPackagedSchedule();
    const rows = [
      ...Object.entries(data.holidays).map(([date, label]) => ({ date, kind: 'holiday' as const, name: chineseName(label) })),
      ...Object.entries(data.workdays).map(([date, label]) => ({ date, kind: 'workday' as const, name: `${chineseName(label)}调休上班` })),
    ].filter((r) => !years || years.includes(Number(r.date.slice(0, 4))));
    const imported = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort();
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const year of imported) {
        await trx.deleteFrom('calendar_days').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
        await trx.deleteFrom('calendar_years').where('year', '=', year).execute();
        await trx.insertInto('calendar_years').values({ year, source: 'chinese-days', updated_at: now }).execute();
      }
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('calendar_days').values(rows.slice(i, i + 500)).execute();
    });
    await this.alerts.resolveAll('calendar_year_missing');
    this.cache = null;
    return imported;
  }

  async coveredYears(): Promise<number[]> {
    return (await this.db.selectFrom('calendar_years').select('year').orderBy('year').execute()).map((r) => Number(r.year));
  }

  async daysOfYear(year: number) {
    return this.db.selectFrom('calendar_days').selectAll().where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').execute();
  }

  /** Marks a date as holiday or make-up workday; the year counts as covered from then on. */
  async setDay(date: string, kind: 'holiday' | 'workday', name: string): Promise<void> {
    if (!isCalendarDate(date)) throw new AppError('VALIDATION_FAILED', 'date', `${date} 不是有效日期`);
    const year = Number(date.slice(0, 4));
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      // Upserts, so that the same day set twice at once is set, not refused by the other's insert.
      await trx.insertInto('calendar_days').values({ date, kind, name })
        .onConflict((oc) => oc.column('date').doUpdateSet({ kind, name })).execute();
      await trx.insertInto('calendar_years').values({ year, source: 'manual', updated_at: now })
        .onConflict((oc) => oc.column('year').doNothing()).execute();
    });
    this.cache = null;
  }

  async removeDay(date: string): Promise<void> {
    await this.db.deleteFrom('calendar_days').where('date', '=', date).execute();
    this.cache = null;
  }

  async addWorkingDays(date: string, n: number): Promise<string> {
    return this.guard(() => this.calendar().then((c) => addWorkingDays(c, date, n)));
  }

  /**
   * A workflow step's due date: the n-th working day after the day it was received. A citizen's
   * question is never refused because next year's holidays are not entered yet: beyond the
   * calendar the weekly rule stands in, and the open alert tells the authority to mend it.
   */
  async dueDate(receivedOn: string, n: number): Promise<string> {
    try {
      return await this.addWorkingDays(receivedOn, n);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CALENDAR_YEAR_MISSING')) throw err;
      const known = await this.calendar();
      const year = Number(receivedOn.slice(0, 4));
      return addWorkingDays({ ...known, coveredYears: new Set([...known.coveredYears, year, year + 1]) }, receivedOn, n);
    }
  }

  /**
   * The same sum asked by anyone through the public calculator: a year beyond the calendar is
   * the caller's answer (CALENDAR_YEAR_NOT_COVERED), not a deadline the authority must mend, so
   * no alert is raised however often it is asked.
   */
  async answerAddWorkingDays(date: string, n: number): Promise<string> {
    return this.guard(() => this.calendar().then((c) => addWorkingDays(c, date, n)), 'question');
  }

  async workingDaysBetween(from: string, to: string): Promise<number> {
    return this.guard(() => this.calendar().then((c) => workingDaysBetween(c, from, to)));
  }

  private async calendar(): Promise<WorkingCalendar> {
    if (this.cache && Date.now() - this.loadedAt < CACHE_MS) return this.cache;
    const [years, days] = await Promise.all([
      this.coveredYears(),
      this.db.selectFrom('calendar_days').select(['date', 'kind']).execute(),
    ]);
    this.cache = { coveredYears: new Set(years), overrides: new Map(days.map((d) => [d.date, d.kind])) };
    this.loadedAt = Date.now();
    return this.cache;
  }

  /**
   * From 1 November, raises the missing-year alert when next year's table is absent, so the
   * authority imports it before the first deadline falls in it. True when next year is missing.
   */
  async alertIfNextYearMissing(today: string): Promise<boolean> {
    const [year, month] = today.split('-').map(Number);
    if (month! < NEXT_YEAR_DUE_MONTH) return false;
    if ((await this.coveredYears()).includes(year! + 1)) return false;
    await this.alerts.raise('calendar_year_missing', missingYearAlert(year! + 1));
    return true;
  }

  /** Turns a missing year into the stable error and, for a deadline, one open alert (not one per request). */
  private async guard<T>(work: () => Promise<T>, asked: 'deadline' | 'question' = 'deadline'): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof RangeError) throw new AppError('VALIDATION_FAILED', 'date', err.message);
      if (!(err instanceof CalendarYearMissingError)) throw err;
      if (asked === 'question') throw new AppError('CALENDAR_YEAR_NOT_COVERED', undefined, `${err.year} 年的节假日安排尚未录入，无法计算工作日`);
      await this.alerts.raise('calendar_year_missing', missingYearAlert(err.year));
      throw new AppError('CALENDAR_YEAR_MISSING', undefined, String(err.year));
    }
  }
}
