import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP, listDataTables, queryRecords, type IngestResult, type RecordQuery } from './index.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
let table: IngestResult;
const N = 12_000;
const DISTRICTS = ['西湖区', '上城区', '滨江区'];

beforeAll(async () => {
  store = await openTestStore();
  const lines = ['id,district,name,score,day,ok'];
  for (let i = 1; i <= N; i++) {
    const name = i === 5 ? '100%_纯' : i === 6 ? '100a纯' : `名称${i}`;
    const score = i % 10 === 0 ? '' : String((i * 37) % 101);
    lines.push(`${i},${DISTRICTS[i % 3]},${name},${score},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 2 ? '是' : '否'}`);
  }
  table = await store.ingest(`${lines.join('\n')}\n`, {
    declaredFields: [
      { name: 'id', type: 'integer' }, { name: 'district', type: 'string', filterable: true }, { name: 'name', type: 'string' },
      { name: 'score', type: 'integer', filterable: true }, { name: 'day', type: 'date' }, { name: 'ok', type: 'boolean' },
    ],
  });
});
afterAll(async () => { await store.drop(); });

const query = (params: RecordQuery) => queryRecords(store.db, store.adapter, table, params);
const ids = (records: Record<string, unknown>[]) => records.map((r) => r.id);
async function error(params: RecordQuery) {
  return query(params).then(() => null, (e: unknown) => e as { code: string; field?: string });
}

describe('queryRecords', () => {
  it('pages with defaults and the cached total', async () => {
    const page = await query({});
    expect(page.total).toBe(N);
    expect(page.totalEstimated).toBeUndefined();
    expect(page.records).toHaveLength(100);
    expect(page.records[0]).toEqual({ id: 1, district: '上城区', name: '名称1', score: 37, day: '2024-01-02', ok: true });
    expect(page.fields.map((f) => f.type)).toEqual(['integer', 'string', 'string', 'integer', 'date', 'boolean']);
  });

  it('filters by value, list, range, contains and null', async () => {
    expect(ids((await query({ filters: JSON.stringify({ id: 7 }) })).records)).toEqual([7]);
    expect(ids((await query({ filters: JSON.stringify({ id: [3, '4', 99] }) })).records)).toEqual([3, 4, 99]);
    const range = await query({ filters: JSON.stringify({ id: { gte: 10, lt: 13 }, ok: false }) });
    expect(ids(range.records)).toEqual([10, 12]);
    expect(range.total).toBe(2);
    expect(ids((await query({ filters: JSON.stringify({ name: { like: '100%_' } }) })).records)).toEqual([5]);
    expect(ids((await query({ filters: JSON.stringify({ day: { gte: '2024/1/28' }, id: { lte: 100 } }) })).records)).toEqual([27, 55, 83]);
    const nulls = await query({ filters: JSON.stringify({ score: null }), limit: 5 });
    expect(nulls.total).toBe(N / 10);
    expect(ids(nulls.records)).toEqual([10, 20, 30, 40, 50]);
  });

  it('searches text, sorts and projects', async () => {
    const q = await query({ q: '名称1199', fields: 'id,name' });
    expect(q.records).toEqual([{ id: 1199, name: '名称1199' }, { id: 11990, name: '名称11990' }, ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => ({ id: 11990 + d, name: `名称${11990 + d}` }))]);
    expect(q.fields).toEqual([{ name: 'id', type: 'integer' }, { name: 'name', type: 'string' }]);
    // NULLs are the smallest value: first ascending, last descending.
    const ascending = await query({ sort: 'score, id', fields: 'score', limit: 3 });
    expect(ascending.records).toEqual([{ score: null }, { score: null }, { score: null }]);
    const descending = await query({ sort: 'score desc, id', fields: 'score', limit: 1 });
    expect(descending.records).toEqual([{ score: 100 }]);
    const top = await query({ sort: 'score desc,id asc', filters: JSON.stringify({ score: { gte: 0 } }), limit: 2, fields: 'id,score' });
    const hundreds = Array.from({ length: N }, (_, k) => k + 1).filter((i) => i % 10 !== 0 && (i * 37) % 101 === 100);
    expect(top.records).toEqual(hundreds.slice(0, 2).map((id) => ({ id, score: 100 })));
  });

  it('cursor paging returns the same rows as offset paging, without gaps or repeats', async () => {
    const params: RecordQuery = { sort: 'score desc,district', filters: JSON.stringify({ id: { lte: 1000 } }), limit: 70, fields: 'id' };
    const byCursor: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await query({ ...params, cursor });
      byCursor.push(...ids(page.records));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const byOffset: unknown[] = [];
    for (let offset = 0; offset < 1000; offset += 70) byOffset.push(...ids((await query({ ...params, offset })).records));
    expect(pages).toBe(15);
    expect(byCursor).toEqual(byOffset);
    expect(new Set(byCursor).size).toBe(1000);
  });

  it('caps filtered totals', async () => {
    const page = await query({ filters: JSON.stringify({ id: { gte: 1 } }), limit: 1 });
    expect(page.totalEstimated).toBe(true);
    expect(page.total).toBeGreaterThanOrEqual(COUNT_CAP);
    expect(page.total).toBeLessThanOrEqual(N);
    const small = await query({ filters: JSON.stringify({ district: '西湖区' }), limit: 1 });
    expect(small).toMatchObject({ total: N / 3 });
  });

  it('rejects bad parameters with the parameter named', async () => {
    expect(await error({ limit: 1001 })).toMatchObject({ code: 'INVALID_QUERY', field: 'limit' });
    expect(await error({ offset: -1 })).toMatchObject({ code: 'INVALID_QUERY', field: 'offset' });
    expect(await error({ sort: 'nope' })).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'sort' });
    expect(await error({ fields: 'id,nope' })).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'fields' });
    expect(await error({ filters: '{"nope":1}' })).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'filters' });
    expect(await error({ filters: '[1]' })).toMatchObject({ code: 'INVALID_QUERY', field: 'filters' });
    expect(await error({ filters: '{"id":"abc"}' })).toMatchObject({ code: 'INVALID_QUERY', field: 'filters' });
    expect(await error({ filters: '{"id":{"regex":"."}}' })).toMatchObject({ code: 'INVALID_QUERY' });
    expect(await error({ filters: '{"id":{"like":"1"}}' })).toMatchObject({ code: 'INVALID_QUERY' });
    expect(await error({ cursor: 'not a cursor!' })).toMatchObject({ code: 'BAD_CURSOR' });
    const page = await query({ sort: 'id', limit: 1 });
    expect(await error({ cursor: page.nextCursor, sort: 'name' })).toMatchObject({ code: 'BAD_CURSOR' });
    expect(await error({ cursor: Buffer.from('{"s":"id:a","v":["1; drop table x"],"i":1}').toString('base64url'), sort: 'id' })).toMatchObject({ code: 'BAD_CURSOR' });
  });

  it('treats SQL in names and values as data, leaving the table intact', async () => {
    const attacks = ['1; drop table users', "' or '1'='1", '") or 1=1 --', 'c1', '_id', 'id desc; delete from x'];
    for (const a of attacks) {
      expect((await error({ sort: a }))?.code).toMatch(/UNKNOWN_FIELD|INVALID_QUERY/);
      expect((await error({ fields: a }))?.code).toBe('UNKNOWN_FIELD');
      expect((await error({ filters: JSON.stringify({ [a]: 1 }) }))?.code).toBe('UNKNOWN_FIELD');
      expect((await query({ filters: JSON.stringify({ name: a }) })).total).toBe(0);
      expect((await query({ filters: JSON.stringify({ name: { like: a } }) })).total).toBe(0);
      expect((await query({ q: a })).records).toEqual([]);
    }
    expect((await query({})).total).toBe(N);
    expect((await queryRecords(store.db, store.adapter, table, { filters: '{"district":"西湖区"}', limit: 0 })).total).toBe(N / 3);
    expect(await listDataTables(store.db, store.adapter)).toContain(table.tableName);
    await expect(queryRecords(store.db, store.adapter, { ...table, tableName: 'users' }, {})).rejects.toThrow();
    await expect(queryRecords(store.db, store.adapter, { ...table, fields: [{ name: 'x', column: 'c1"; drop table users; --', type: 'string', filterable: false }] }, {})).rejects.toThrow();
  });
});

describe('text order', () => {
  it('sorts text by code point on both engines (PostgreSQL columns collate "C")', async () => {
    const words = await store.ingest('word\nb\nB\n张\na\nÄ\n');
    const sorted = await queryRecords(store.db, store.adapter, words, { sort: 'word' });
    // A PostgreSQL database made with a language collation (en_US, zh_CN) would answer a, b, B….
    expect(sorted.records.map((r) => r.word)).toEqual(['B', 'a', 'b', 'Ä', '张']);
  });
});
