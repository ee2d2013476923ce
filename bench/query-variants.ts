/**
 * The filtered, sorted page requests of the query benchmark, as the records API takes them and
 * as the baseline server writes them in SQL (the records API's order: NULLs first ascending,
 * ties on the row id in the last key's direction). `?` marks a bound parameter.
 *
 * Each shape takes a date range. The "repeated" run asks the same two ranges over and over
 * (the API then remembers their totals); the "fresh" run moves the range on every request, so
 * every total is counted as the first time.
 */
type Col = (name: string) => string;

export interface Range { from: string; to: string }

export const QUERY_VARIANTS = [
  {
    range: { from: '1990-01-01', to: '1990-03-31' }, days: 90,
    api: (r: Range) => ({ filters: JSON.stringify({ 性别: '女', 出生日期: { gte: r.from, lte: r.to } }), sort: '出生日期 desc', limit: '20' }),
    where: (c: Col) => `${c('性别')} = ? and ${c('出生日期')} >= ? and ${c('出生日期')} <= ?`,
    order: (c: Col) => `${c('出生日期')} desc nulls last, "_id" desc`, params: (r: Range) => ['女', r.from, r.to], limit: 20,
  },
  {
    range: { from: '1980-01-01', to: '1980-12-31' }, days: 365,
    api: (r: Range) => ({ filters: JSON.stringify({ 出生日期: { gte: r.from, lte: r.to } }), sort: '出生日期', limit: '50' }),
    where: (c: Col) => `${c('出生日期')} >= ? and ${c('出生日期')} <= ?`,
    order: (c: Col) => `${c('出生日期')} asc nulls first, "_id" asc`, params: (r: Range) => [r.from, r.to], limit: 50,
  },
];

const DAY_MS = 86_400_000;
const FIRST = Date.UTC(1950, 0, 1);

/** The n-th fresh range of a shape: consecutive start days from 1950 on, the shape's length. */
export function freshRange(n: number, days: number): Range {
  const from = FIRST + (n % 18_000) * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from), to: iso(from + (days - 1) * DAY_MS) };
}
