import type { TestApp, Client } from './app.js';

/** The id of a seeded department by name. */
export async function departmentId(t: TestApp, name: string): Promise<string> {
  return (await t.ctx.departments.list()).find((d) => d.name === name)!.id;
}

export const STATION_FIELDS = [
  { name: '站点名称', title: '站点名称', type: 'string', filterable: true },
  { name: '线路数', title: '途经线路数', type: 'integer', filterable: true },
  { name: '开通日期', title: '开通日期', type: 'date' },
];

/** A draft entry of the transport bureau, made through the API by its publisher. */
export async function createEntry(t: TestApp, publisher: Client, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await publisher.request({
    method: 'POST', url: '/api/v1/catalog',
    payload: {
      title: '公交站点测试目录', summary: '用于测试的公交站点数据', departmentId: await departmentId(t, '杭州市交通运输局'),
      openType: 'unconditional', updateFrequency: 'monthly', dataFormat: 'CSV,XLSX', fields: STATION_FIELDS, ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create entry: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Runs queued jobs until none is left (tests drive the runner instead of waiting for its poll). */
export async function drainJobs(t: TestApp): Promise<void> {
  while (await t.ctx.jobRunner.runOne()) { /* next */ }
}
