/**
 * When a source runs: a cron expression in the platform's timezone, given by the provider or
 * derived from the entry's 更新频率 at a quiet hour of the night.
 */
import type { UpdateFrequency } from '../../domain/catalog.js';
import { checkCron } from '../../jobs/cron-schedule.js';

/** A source polled more often than this costs the source system more than it brings. */
const SHORTEST_INTERVAL_MS = 5 * 60_000;

/**
 * The schedule 更新频率 implies: 实时 every quarter hour, the others once per period at 02:xx,
 * the minute spread by the source's id so that a night's runs do not all start at once.
 * 不定期 data is looked at daily: a run that finds nothing new costs no version.
 */
export function scheduleFor(frequency: UpdateFrequency, sourceId: string): string {
  const minute = [...sourceId].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) % 60, 0);
  const at = `${minute} 2`;
  switch (frequency) {
    case 'realtime': return '*/15 * * * *';
    case 'weekly': return `${at} * * 1`;
    case 'monthly': return `${at} 1 * *`;
    case 'quarterly': return `${at} 1 1,4,7,10 *`;
    case 'semiannual': return `${at} 1 1,7 *`;
    case 'yearly': return `${at} 1 1 *`;
    case 'daily':
    case 'irregular': return `${at} * * *`;
  }
}

/** Refuses what is not a five-field cron expression, or one firing more often than every five minutes. */
export function checkSchedule(expression: string, timezone: string): string {
  return checkCron(expression, timezone, SHORTEST_INTERVAL_MS, '运行间隔不能短于 5 分钟');
}
