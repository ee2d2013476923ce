/**
 * When a source runs: a cron expression in the platform's timezone, given by the provider or
 * derived from the entry's 更新频率 at a quiet hour of the night.
 */
import { Cron } from 'croner';
import type { UpdateFrequency } from '../../domain/catalog.js';
import { AppError } from '../../domain/errors.js';

/** A source polled more often than this costs the source system more than it brings. */
const SHORTEST_INTERVAL_MS = 5 * 60_000;

/** Just before a whole hour, so that its minute 0 is the first run read. */
const HOUR_BEFORE = new Date('2000-01-01T00:59:59Z');

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
  const text = expression.trim();
  if (text.split(/\s+/).length !== 5) throw invalid('须为 5 段 cron 表达式（分 时 日 月 周），例如 “0 2 * * *”');
  let runs: Date[];
  try {
    runs = new Cron(text, { timezone, paused: true }).nextRuns(3);
  } catch (err) {
    throw invalid(`cron 表达式无效：${(err as Error).message}`);
  }
  if (runs.length === 0) throw invalid('该 cron 表达式不会再触发');
  // The next few runs can be spaced well and a later stretch not (0,10,20,30-59 registered at
  // 08:05). Every run falls on a minute of the first field, in some hour: if those minutes, read
  // round a whole hour and across into the next, are far enough apart, so are the runs.
  const minutes = new Cron(`${text.split(/\s+/)[0]} * * * *`, { timezone: 'UTC', paused: true }).nextRuns(61, HOUR_BEFORE);
  for (const series of [runs, minutes]) {
    for (let i = 1; i < series.length; i++) {
      if (series[i]!.getTime() - series[i - 1]!.getTime() < SHORTEST_INTERVAL_MS) throw invalid('运行间隔不能短于 5 分钟');
    }
  }
  return text;
}

/** The first time the schedule fires after `after`. */
export function nextRunAfter(expression: string, timezone: string, after: Date): string | null {
  return new Cron(expression, { timezone, paused: true }).nextRun(after)?.toISOString() ?? null;
}

function invalid(detail: string): AppError {
  return new AppError('VALIDATION_FAILED', 'schedule', detail);
}
