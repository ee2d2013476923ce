/** When a harvest source runs: a cron expression in the configured timezone, at most hourly. */
import { checkCron } from '../../jobs/cron-schedule.js';

/** Daily at a quiet hour for the source and for us. */
export const DEFAULT_SCHEDULE = '30 2 * * *';

/** A catalog changes slowly; running more often would only load the source. */
const SHORTEST_INTERVAL_MS = 3_600_000;

export function checkSchedule(schedule: string, timezone: string): string {
  return checkCron(schedule, timezone, SHORTEST_INTERVAL_MS, '采集频率不能高于每小时一次');
}
