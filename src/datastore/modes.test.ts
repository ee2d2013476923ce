import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDataTable, listDataTables, queryRecords, tableNameFor, type FieldSpec } from './index.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
beforeAll(async () => { store = await openTestStore(); });
afterAll(async () => { await store.drop(); });

const FIELDS: FieldSpec[] = [
  { name: '编号', type: 'string', filterable: true },
  { name: '日期', type: 'date', filterable: true },
  { name: '数量', type: 'integer' },
  { name: '有效', type: 'boolean' },
];
const FILE = '编号,日期,数量,有效,备注\nA1,2024/1/5,3,是,x\nA2,2024-13-01,4,否,y\nA3,2024年2月1日,abc,1,z\nA4,,,,\nA5,2024-02-30,123456789012345678901,是,w\n';

const all = async (t: Parameters<typeof queryRecords>[2]) => (await queryRecords(store.db, store.adapter, t, { limit: 1000 })).records;

describe('declared fields', () => {
  it('tolerant: loads good rows, writes rejects with row, field and reason', async () => {
    const rejectsPath = join(store.dir, 'declared-rejects.csv');
    const r = await store.ingest(FILE, { declaredFields: FIELDS, rejectsPath });
    expect(r.fields).toEqual([
      { name: '编号', column: 'c1', type: 'string', filterable: true, plainText: true },
      { name: '日期', column: 'c2', type: 'date', filterable: true },
      { name: '数量', column: 'c3', type: 'integer', filterable: false },
      { name: '有效', column: 'c4', type: 'boolean', filterable: false },
    ]);
    expect(r.sourceColumns).toEqual(['编号', '日期', '数量', '有效', '备注']);
    expect(r.rowCount).toBe(2);
    expect(r.rejectedCount).toBe(3);
    expect(await all(r)).toEqual([
      { 编号: 'A1', 日期: '2024-01-05', 数量: 3, 有效: true },
      { 编号: 'A4', 日期: null, 数量: null, 有效: null },
    ]);
    const lines = readFileSync(rejectsPath, 'utf8').slice(1).trim().split('\r\n');
    expect(lines[1]).toBe('3,日期,“2024-13-01”不是有效日期,A2,2024-13-01,4,否,y');
    expect(lines[2]).toMatch(/^4,数量,“abc”不是有效整数/);
    // Every bad cell of a row, so that one round of fixes is enough.
    expect(lines[3]).toBe('6,日期、数量,“2024-02-30”不是有效日期；“123456789012345678901”位数过多，超出整数范围；编号、证件号码等请声明为文本,A5,2024-02-30,123456789012345678901,是,w');
    expect(r.profile.map((p) => [p.name, p.nullCount])).toEqual([['编号', 0], ['日期', 1], ['数量', 1], ['有效', 1]]);
  });

  it('strict: one bad row fails the upload and leaves no table', async () => {
    const resourceId = randomUUID();
    const err = await store.ingest(FILE, { declaredFields: FIELDS, strict: true, resourceId }).then(() => null, (e: unknown) => e as { code: string; field?: string; detail?: string });
    expect(err).toMatchObject({ code: 'ROWS_REJECTED', field: '日期' });
    expect(err?.detail).toMatch(/共 3 行.*第 3 行“日期”：“2024-13-01”不是有效日期/);
    expect(await listDataTables(store.db, store.adapter)).not.toContain(tableNameFor(resourceId, 1));
  });
});

describe('versions: append and upsert', () => {
  it('append copies the previous rows into the new version and leaves the old table alone', async () => {
    const resourceId = randomUUID();
    const v1 = await store.ingest('id,name,score\n1,甲,10\n2,乙,20\n', { resourceId, version: 1 });
    const v2 = await store.ingest('id,name,score\n3,丙,7.5\n', { resourceId, version: 2, mode: 'append', previous: v1 });
    expect(v2.tableName).toBe(tableNameFor(resourceId, 2));
    expect(v2.fields.map((f) => [f.name, f.type])).toEqual([['id', 'integer'], ['name', 'string'], ['score', 'number']]);
    expect(v2.rowCount).toBe(3);
    expect(await all(v2)).toEqual([{ id: 1, name: '甲', score: 10 }, { id: 2, name: '乙', score: 20 }, { id: 3, name: '丙', score: 7.5 }]);
    expect(await all(v1)).toHaveLength(2);
    expect(v2.profile.find((p) => p.name === 'score')).toMatchObject({ min: 7.5, max: 20, distinctCount: 3 });
  });

  it('upsert replaces rows by key, adds new ones, and rejects rows without a key', async () => {
    const resourceId = randomUUID();
    const fields: FieldSpec[] = [{ name: 'code', type: 'string' }, { name: 'qty', type: 'integer' }];
    const v1 = await store.ingest('code,qty\nA,1\nB,2\n', { resourceId, version: 1, declaredFields: fields });
    const v2 = await store.ingest('code,qty\nB,20\nC,30\n,40\nC,31\n', { resourceId, version: 2, declaredFields: fields, mode: 'upsert', key: 'code', previous: v1 });
    expect(v2.rowCount).toBe(3);
    expect(v2.rejectedCount).toBe(1);
    expect(await all(v2)).toEqual([{ code: 'A', qty: 1 }, { code: 'B', qty: 20 }, { code: 'C', qty: 31 }]);
    expect(await all(v1)).toEqual([{ code: 'A', qty: 1 }, { code: 'B', qty: 2 }]);
    const err = await store.ingest('code,qty\nA,1\n', { resourceId, version: 3, mode: 'upsert', key: 'nope', previous: v2 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'key' });
  });

  it('upsert on a previous version with duplicate keys is refused', async () => {
    const resourceId = randomUUID();
    const v1 = await store.ingest('code,qty\nA,1\nA,2\n', { resourceId, version: 1 });
    const err = await store.ingest('code,qty\nA,3\n', { resourceId, version: 2, mode: 'upsert', key: 'code', previous: v1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DUPLICATE_KEY' });
    expect(await listDataTables(store.db, store.adapter)).not.toContain(tableNameFor(resourceId, 2));
  });

  it('lists every data table and drops them', async () => {
    const r = await store.ingest('a\n1\n');
    expect(await listDataTables(store.db, store.adapter)).toContain(r.tableName);
    await dropDataTable(store.db, store.adapter, r.tableName);
    expect(await listDataTables(store.db, store.adapter)).not.toContain(r.tableName);
    await expect(dropDataTable(store.db, store.adapter, 'users')).rejects.toThrow();
  });
});
