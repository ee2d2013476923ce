import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The portal is a Chinese city's: its times are read in Beijing time whatever zone the
 * browser is in, or every date stored as midnight Beijing (16:00 UTC) shows a day early abroad.
 */
export const TIME_ZONE = 'Asia/Shanghai';

/** A calendar date sent as YYYY-MM-DD names a day, not an instant: shown as it is. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 2026-03-01 14:05 in Beijing time, or a dash for nothing. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm') : '—';
}

/** 2026-03-01: the Beijing day of an instant, or a plain date unchanged; a dash for nothing. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return PLAIN_DATE.test(iso) ? iso : dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD');
}

/** 3,574: counts and totals, grouped the same way on every page. */
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}

/** 1.2 MB, 530 KB, 12 B. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
