import type { UnitOfWork } from '../db/unit-of-work.js';
import type { GrantOutcomeService } from '../modules/applications/grant-outcomes.js';
import { ABANDONED_AFTER_HOURS, type AttachmentService } from '../modules/attachments/service.js';
import type { CalendarService } from '../modules/calendar/service.js';
import type { SourceService } from '../modules/sources/service.js';
import type { HarvestSources } from '../modules/harvest/service.js';
import type { SearchService } from '../modules/search/service.js';
import type { DeadlineNotices } from '../modules/workflow/deadline-notices.js';
import type { RecurringTask } from './scheduler.js';

/** What the recurring tasks work with. */
export interface RecurringTaskDeps {
  attachments: AttachmentService;
  calendar: CalendarService;
  deadlineNotices: DeadlineNotices;
  grantOutcomes: GrantOutcomeService;
  sources: SourceService;
  harvest: HarvestSources;
  search: Pick<SearchService, 'refreshCommonWords'>;
  unitOfWork: UnitOfWork;
  /** The scheduler's timezone: "today" for a task is the date there. */
  timezone: string;
}

/** How far ahead a provider is reminded that an entry's data is due (一个工作周). */
const UPDATE_REMINDER_WORKING_DAYS = 5;

/** The date (YYYY-MM-DD) of an instant in a timezone. */
export const dateIn = (at: Date, timezone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(at);

/**
 * Every recurring task, declared here: adding one is one more entry in this list (a name that
 * stays stable, a cron expression in the configured timezone, and what a firing does).
 */
export function recurringTasks({ attachments, calendar, deadlineNotices, grantOutcomes, harvest, search, sources, unitOfWork, timezone }: RecurringTaskDeps): RecurringTask[] {
  return [
    {
      // Daily at 08:00: next year's working days must be known before its deadlines fall due.
      name: 'calendar-next-year-check',
      cron: '0 8 * * *',
      run: ({ scheduledAt }) => calendar.alertIfNextYearMissing(dateIn(scheduledAt, timezone)),
    },
    {
      // Daily at 08:30 (调休 Saturdays are working days too): steps due by the next working day, and steps past due, told once each.
      name: 'workflow-deadline-notices',
      cron: '30 8 * * *',
      run: ({ scheduledAt }) => unitOfWork.run(() => deadlineNotices.sendWorkflowNotices(dateIn(scheduledAt, timezone))),
    },
    {
      // Daily at 09:00: providers hear of a data update a working week ahead, and when it is missed.
      name: 'data-update-notices',
      cron: '0 9 * * *',
      run: async ({ scheduledAt }) => {
        const today = dateIn(scheduledAt, timezone);
        const remindUntil = await calendar.dueDate(today, UPDATE_REMINDER_WORKING_DAYS);
        await unitOfWork.run(() => deadlineNotices.sendUpdateNotices(today, remindUntil));
      },
    },
    {
      // Daily at 09:15: 五.4 — grantees reminded a month before their outcome is due, and the overdue reported.
      name: 'grant-outcome-notices',
      cron: '15 9 * * *',
      run: async ({ scheduledAt }) => {
        await unitOfWork.run(() => grantOutcomes.sendOutcomeNotices(dateIn(scheduledAt, timezone)));
      },
    },
    {
      // Every minute: 数据汇聚 sources whose time has come are queued, each once (service.ts moves its next time first).
      name: 'source-runs-due',
      cron: '* * * * *',
      run: ({ scheduledAt }) => sources.enqueueDue(scheduledAt),
    },
    {
      // Nightly at 03:15: files uploaded for a form that was never sent.
      name: 'abandoned-attachments-sweep',
      cron: '15 3 * * *',
      run: async ({ scheduledAt }) => {
        await unitOfWork.run(() => attachments.sweepAbandoned(new Date(scheduledAt.getTime() - ABANDONED_AFTER_HOURS * 3600_000)));
      },
    },
    {
      // Hourly: the common words' lists of keys made afresh, so the documents changed since,
      // which a search checks one by one, stay few.
      name: 'search-common-words',
      cron: '40 * * * *',
      run: () => search.refreshCommonWords(),
    },
    {
      // Every five minutes: the harvest sources whose own schedule (at most hourly) has come, each enqueued once.
      name: 'harvest-due-sources',
      cron: '*/5 * * * *',
      run: ({ scheduledAt }) => unitOfWork.run(() => harvest.enqueueDue(scheduledAt)),
    },
  ];
}
