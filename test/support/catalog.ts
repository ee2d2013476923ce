import { createStaff, DEMO, login, STRONG_PASSWORD, type TestApp, type Client } from './app.js';

/** The id of a seeded department by name. */
export async function departmentId(t: TestApp, name: string): Promise<string> {
  return (await t.ctx.departments.list()).find((d) => d.name === name)!.id;
}

export const STATION_FIELDS = [
  { name: '站点名称', title: '站点名称', type: 'string', filterable: true },
  { name: '线路数', title: '途经线路数', type: 'integer', filterable: true },
  { name: '开通日期', title: '开通日期', type: 'date' },
];

/** Structured conditions a restricted entry needs (domain/restricted.ts). */
export const CONDITIONS = { minCreditLevel: 'B', applicantType: 'either', capabilities: ['security_policy'] };

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

/** A signed-in `provider_reviewer` of the department (the demo one of the transport bureau, or a new one). */
export async function departmentReviewer(t: TestApp, departmentId: string): Promise<Client> {
  const demo = await t.ctx.accounts.findIdByPhone(DEMO.providerReviewer);
  const demoDepartment = demo ? (await t.ctx.users.get(demo)).department?.id : undefined;
  if (demoDepartment === departmentId) return login(t.app, DEMO.providerReviewer);
  const staff = await createStaff(t, ['provider_reviewer'], departmentId);
  return login(t.app, staff.phone, STRONG_PASSWORD);
}

/**
 * Submits an entry and has its department's reviewer pass the security review, so that the
 * authority's decision is the open step.
 */
export async function submitForReview(t: TestApp, submitter: Client, entryId: string): Promise<void> {
  const submitted = await submitter.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/submit` });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.statusCode} ${submitted.body}`);
  await passSecurityReview(t, entryId);
}

/** The department's reviewer passes the security review of what awaits it (an edit, or held data). */
export async function passSecurityReview(t: TestApp, entryId: string): Promise<void> {
  const reviewer = await departmentReviewer(t, (await t.ctx.catalog.row(entryId)).department_id);
  const passed = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  if (passed.statusCode !== 200) throw new Error(`security review: ${passed.statusCode} ${passed.body}`);
}
