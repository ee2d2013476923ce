/**
 * The filtered, sorted page requests of the query benchmark, as the records API takes them and
 * as the baseline server writes them in SQL (the records API's order: NULLs first ascending,
 * ties on the row id in the last key's direction). `?` marks a bound parameter.
 */
type Col = (name: string) => string;

export const QUERY_VARIANTS = [
  {
    api: { filters: JSON.stringify({ 性别: '女', 出生日期: { gte: '1990-01-01', lte: '1990-03-31' } }), sort: '出生日期 desc', limit: '20' },
    where: (c: Col) => `${c('性别')} = ? and ${c('出生日期')} >= ? and ${c('出生日期')} <= ?`,
    order: (c: Col) => `${c('出生日期')} desc nulls last, "_id" desc`, params: ['女', '1990-01-01', '1990-03-31'], limit: 20,
  },
  {
    api: { filters: JSON.stringify({ 出生日期: { gte: '1980-01-01', lte: '1980-12-31' } }), sort: '出生日期', limit: '50' },
    where: (c: Col) => `${c('出生日期')} >= ? and ${c('出生日期')} <= ?`,
    order: (c: Col) => `${c('出生日期')} asc nulls first, "_id" asc`, params: ['1980-01-01', '1980-12-31'], limit: 50,
  },
];
