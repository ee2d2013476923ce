/**
 * A user's schedule (a data source's, a harvest's) as a five-field cron expression in the
 * platform's timezone, held to a shortest interval so that nobody's schedule hammers a source
 * system, and its next firing.
 */
import { Cron } from 'croner';
import { AppError } from '../domain/errors.js';

/** Just before a whole hour, so that its minute 0 is the first run read. */
const HOUR_BEFORE = new Date('2000-01-01T00:59:59Z');

/**
 * The expression, trimmed; refused when it is not five fields, does not parse, never fires, or
 * fires more often than every `shortestMs` (at most an hour). `tooOften` says so in Chinese.
 */
export function checkCron(expression: string, timezone: string, shortestMs: number, tooOften: string): string {
  const text = expression.trim();
  if (text.split(/\s+/).length !== 5) throw invalid('须为 5 段 cron 表达式（分 时 日 月 周），例如 “30 2 * * *” 表示每天 2:30');
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
      if (series[i]!.getTime() - series[i - 1]!.getTime() < shortestMs) throw invalid(tooOften);
    }
  }
  return text;
}

/** The first time the expression fires after `after`, as ISO text; null when it never fires again. */
export function nextRunAfter(expression: string, timezone: string, after: Date): string | null {
  return new Cron(expression, { timezone, paused: true }).nextRun(after)?.toISOString() ?? null;
}

function invalid(detail: string): AppError {
  return new AppError('VALIDATION_FAILED', 'schedule', detail);
}
