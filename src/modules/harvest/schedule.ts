/** When a harvest source runs: a cron expression in the configured timezone, at most hourly. */
import { Cron } from 'croner';
import { AppError } from '../../domain/errors.js';

/** Daily at a quiet hour for the source and for us. */
export const DEFAULT_SCHEDULE = '30 2 * * *';

/** A catalog changes slowly; running more often would only load the source. */
const MIN_INTERVAL_MS = 3_600_000;

function cronOf(schedule: string, timezone: string): Cron {
  try {
    return new Cron(schedule, { timezone, paused: true });
  } catch {
    throw new AppError('VALIDATION_FAILED', 'schedule', `“${schedule.slice(0, 50)}”不是有效的 cron 表达式（五段：分 时 日 月 周，例如 30 2 * * * 表示每天 2:30）`);
  }
}

/** Refuses an expression that does not parse, never fires, or fires more often than hourly. */
export function checkSchedule(schedule: string, timezone: string): void {
  if (schedule.trim().split(/\s+/).length !== 5) throw new AppError('VALIDATION_FAILED', 'schedule', 'cron 表达式须为五段：分 时 日 月 周');
  const runs = cronOf(schedule, timezone).nextRuns(3, new Date());
  if (runs.length === 0) throw new AppError('VALIDATION_FAILED', 'schedule', '该 cron 表达式不会再触发');
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_INTERVAL_MS) throw new AppError('VALIDATION_FAILED', 'schedule', '采集频率不能高于每小时一次');
  }
}

/** The next firing after `from`, as ISO text; null when the expression never fires again. */
export function nextRunAt(schedule: string, timezone: string, from: Date): string | null {
  return cronOf(schedule, timezone).nextRun(from)?.toISOString() ?? null;
}
