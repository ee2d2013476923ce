import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_THRESHOLD_BYTES } from '../src/datastore/prepared-source.js';
import { startTestApp, type TestApp } from './support/app.js';
import { departmentId } from './support/catalog.js';
import { runCli } from './support/cli.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('shukai import (bulk migration)', () => {
  it('creates, ingests and publishes an entry, printing the outcome as its last line', async () => {
    const file = join(t.database.dataDir, '学校名录.csv');
    writeFileSync(file, iconv.encode('学校名称,学段,在校生数\n杭州第二中学,高中,2400\n学军中学,高中,2800\n求是小学,小学,1900\n', 'gbk'));
    const res = runCli(t.env, 'import', '--file', file, '--title', '杭州市学校名录', '--department', await departmentId(t, '杭州市教育局'), '--open-type', 'unconditional', '--publish');
    expect(res.status, res.stderr).toBe(0);
    const outcome = JSON.parse(res.stdout.trim().split('\n').pop()!);
    expect(outcome).toMatchObject({ version: 1, rows: 3, rejected: 0 });

    const entry = (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${outcome.catalogId}` })).json();
    expect(entry).toMatchObject({ title: '杭州市学校名录', status: 'published', department: { name: '杭州市教育局' } });
    expect(entry.fields.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([['学校名称', 'string'], ['学段', 'string'], ['在校生数', 'integer']]);
    const preview = (await t.app.inject({ method: 'GET', url: `/api/v1/resources/${outcome.resourceId}/records` })).json();
    expect(preview.records[1]).toEqual({ 学校名称: '学军中学', 学段: '高中', 在校生数: 2800 });

    const log = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'cli.import').execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.target).toBe(outcome.catalogId);

    // An upsert by key into the same entry: a new version, still published.
    writeFileSync(file, '学校名称,学段,在校生数\n求是小学,小学,2000\n保俶塔实验学校,初中,1500\n');
    const again = runCli(t.env, 'import', '--file', file, '--catalog', outcome.catalogId, '--mode', 'upsert', '--key', '学校名称', '--publish');
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toMatchObject({ version: 2, rows: 4 });
  });

  it('parses a big file in a worker thread of the built CLI, rejecting a ragged row', async () => {
    const file = join(t.database.dataDir, '大文件.csv');
    const lines = ['编号,站点名称,所属区县,泊位数,启用日期'];
    for (let i = 1; i <= 80_000; i++) lines.push(`${i},西湖区文三路与学院路交叉口东北角公共自行车服务点第${i}号,西湖区,${i % 40},2019-05-${String(1 + (i % 28)).padStart(2, '0')}`);
    lines.push('80001,缺列的行');
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(statSync(file).size).toBeGreaterThan(WORKER_THRESHOLD_BYTES);
    const res = runCli(t.env, 'import', '--file', file, '--title', '公共自行车服务点', '--department', await departmentId(t, '杭州市交通运输局'), '--open-type', 'unconditional');
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout.trim().split('\n').pop()!)).toMatchObject({ version: 1, rows: 80_000, rejected: 1 });
  });

  it('fails with a clear error and a non-zero exit on a malformed file, publishing nothing', async () => {
    const file = join(t.database.dataDir, 'junk.csv');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3, 4, 5]));
    const res = runCli(t.env, 'import', '--file', file, '--title', '坏文件', '--department', await departmentId(t, '杭州市教育局'), '--open-type', 'unconditional', '--publish');
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/UNSUPPORTED_FORMAT|MALFORMED_FILE/);
  });
});
