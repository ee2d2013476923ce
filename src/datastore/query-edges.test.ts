/**
 * Edges of the records API: filtered totals on pages that hold nothing, and records whose field
 * names are also names of Object.prototype properties.
 */
import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP, queryRecords, type IngestResult, type RecordQuery } from './index.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
let table: IngestResult;
const N = 300;

beforeAll(async () => {
  store = await openTestStore();
  const lines = ['id,kind,__proto__,constructor'];
  for (let i = 1; i <= N; i++) lines.push(`${i},${i % 3 === 0 ? 'A' : 'B'},p${i},c${i}`);
  table = await store.ingest(`${lines.join('\n')}\n`, {
    declaredFields: [
      { name: 'id', type: 'integer' }, { name: 'kind', type: 'string', filterable: true },
      { name: '__proto__', type: 'string' }, { name: 'constructor', type: 'string' },
    ],
  });
});
afterAll(async () => { await store.drop(); });

const query = (params: RecordQuery) => queryRecords(store.db, store.adapter, table, params);
const onlyA = JSON.stringify({ kind: 'A' });

describe('queryRecords at the edges', () => {
  it('counts the matches whatever page is asked for', async () => {
    expect(await query({ filters: onlyA, limit: 5 })).toMatchObject({ total: N / 3 });
    expect((await query({ filters: onlyA, limit: 5, offset: 95 })).records).toHaveLength(5);
    const beyond = await query({ filters: onlyA, limit: 5, offset: 500 });
    expect(beyond).toMatchObject({ total: N / 3, records: [] });
    expect(beyond.totalEstimated).toBeUndefined();
  });

  it('counts the matches on an empty page after the last cursor', async () => {
    const last = await query({ filters: onlyA, limit: N / 3 - 1, sort: 'id' });
    const tail = await query({ filters: onlyA, limit: 1, sort: 'id', cursor: last.nextCursor });
    expect(tail.records.map((r) => r.id)).toEqual([N]);
    expect(tail.total).toBe(N / 3);
    expect(tail.nextCursor).toBeUndefined();
  });

  it('reports zero for a filter nothing matches, and the table size unfiltered', async () => {
    expect(await query({ filters: JSON.stringify({ kind: 'C' }) })).toMatchObject({ total: 0, records: [] });
    expect((await query({ limit: 1 })).total).toBe(N);
    expect(COUNT_CAP).toBeGreaterThan(N);
  });

  it('shows every field name as a plain property, "__proto__" included', async () => {
    const { records } = await query({ filters: JSON.stringify({ id: 7 }) });
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['id', 'kind', '__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(record))).toEqual(JSON.parse('{"id":7,"kind":"B","__proto__":"p7","constructor":"c7"}'));
  });
});

describe('totals of filters already counted', () => {
  /** The statements a query sends, as the engine receives them. */
  async function statementsOf(params: RecordQuery, on: IngestResult = table): Promise<string[]> {
    const seen: string[] = [];
    // A no-op plugin gives this query an executor of its own to watch.
    const watched = store.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => args.result,
    });
    const executor = watched.getExecutor();
    const original = executor.executeQuery.bind(executor);
    executor.executeQuery = ((compiled: CompiledQuery) => { seen.push(compiled.sql); return original(compiled); }) as typeof executor.executeQuery;
    await queryRecords(watched, store.adapter, on, params);
    return seen;
  }

  it('count a filter once per table: later pages and users get the total without counting again', async () => {
    const filters = JSON.stringify({ kind: 'B' });
    const first = await statementsOf({ filters, limit: 10 });
    expect(first.some((s) => s.includes('count(*)'))).toBe(true);
    const again = await statementsOf({ filters, limit: 10, offset: 10 });
    expect(again.some((s) => s.includes('count(*)'))).toBe(false);
    expect((await query({ filters, offset: 10 })).total).toBe(N - N / 3);

    // Another version is another table: counted afresh, with its own answer.
    const next = await store.ingest('id,kind,__proto__,constructor\n1,B,x,y\n', { declaredFields: table.fields.map((f) => ({ name: f.name, type: f.type, filterable: f.filterable })) });
    expect((await statementsOf({ filters }, next)).some((s) => s.includes('count(*)'))).toBe(true);
    expect((await queryRecords(store.db, store.adapter, next, { filters })).total).toBe(1);
  });
});
