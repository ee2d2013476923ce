import type { CalendarService } from '../modules/calendar/service.js';
import type { RecurringTask } from './scheduler.js';

/** What the recurring tasks work with. */
export interface RecurringTaskDeps {
  calendar: CalendarService;
  /** The scheduler's timezone: "today" for a task is the date there. */
  timezone: string;
}

/** The date (YYYY-MM-DD) of an instant in a timezone. */
export const dateIn = (at: Date, timezone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(at);

/**
 * Every recurring task, declared here: adding one is one more entry in this list (a name that
 * stays stable, a cron expression in the configured timezone, and what a firing does).
 */
export function recurringTasks({ calendar, timezone }: RecurringTaskDeps): RecurringTask[] {
  return [
    {
      // Daily at 08:00: next year's working days must be known before its deadlines fall due.
      name: 'calendar-next-year-check',
      cron: '0 8 * * *',
      run: ({ scheduledAt }) => calendar.alertIfNextYearMissing(dateIn(scheduledAt, timezone)),
    },
  ];
}
