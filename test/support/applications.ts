import { expect } from 'vitest';
import { chinaDate } from '../../src/domain/calendar.js';
import { createStaff, DEMO, login, registerUser, STRONG_PASSWORD, type Client, type TestApp } from './app.js';
import { createEntry, departmentId, drainJobs, submitForReview } from './catalog.js';
import { upload } from './upload.js';

export const RESTRICTED_FIELDS = [
  { name: '企业名称', title: '企业名称', type: 'string' },
  { name: '统一社会信用代码', title: '统一社会信用代码', type: 'string' },
  { name: '法定代表人', title: '法定代表人', type: 'string', sensitive: true },
  { name: '联系电话', title: '联系电话', type: 'string', sensitive: true },
  { name: '注册资本', title: '注册资本（万元）', type: 'number' },
];

export const RESTRICTED_CSV = [
  '企业名称,统一社会信用代码,法定代表人,联系电话,注册资本',
  '杭州甲科技有限公司,91330100MA2XXXX001,张三,13900001111,500',
  '杭州乙物流有限公司,91330100MA2XXXX002,李四,13900002222,1200',
  '杭州丙餐饮有限公司,91330100MA2XXXX003,王五,13900003333,80',
].join('\n');

/** A published 受限开放 entry of the transport bureau with rows, made and reviewed through the API. */
export async function publishedRestrictedEntry(t: TestApp, publisher: Client, authority: Client): Promise<{ entryId: string; resourceId: string }> {
  const entryId = await createEntry(t, publisher, {
    title: `企业登记信息${Date.now().toString(36)}`, openType: 'restricted', openConditions: '仅用于企业信用分析', fields: RESTRICTED_FIELDS,
    conditions: { minCreditLevel: 'C', applicantType: 'either', capabilities: ['security_policy', 'domestic_storage'], downloadAllowed: true },
  });
  const uploaded = await upload(publisher, `/api/v1/catalog/${entryId}/resources`, 'companies.csv', RESTRICTED_CSV);
  expect(uploaded.statusCode, uploaded.body).toBe(202);
  await drainJobs(t);
  await submitForReview(t, publisher, entryId);
  const published = await authority.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  expect(published.statusCode, published.body).toBe(200);
  return { entryId, resourceId: uploaded.json().resourceId };
}

/** A newly registered company whose real-name verification the authority approved. */
export async function verifiedCompany(t: TestApp, authority: Client): Promise<Client & { phone: string }> {
  const company = await registerUser(t.app);
  const asked = await company.request({ method: 'POST', url: '/api/v1/me/verification', payload: { type: 'organization', name: '杭州数开示例科技有限公司', creditCode: '91350100M000100Y43', legalRepresentative: '王五' } });
  expect(asked.statusCode, asked.body).toBe(202);
  const pending = await t.ctx.verification.list({ status: 'pending', page: 1, pageSize: 100 });
  const id = pending.items.find((i) => i.userId === company.userId)!.id;
  const decided = await authority.request({ method: 'POST', url: `/api/v1/verifications/${id}/decision`, payload: { approve: true } });
  expect(decided.statusCode, decided.body).toBe(200);
  return { ...(await login(t.app, company.phone, STRONG_PASSWORD)), phone: company.phone };
}

/** The people of one application's five steps: two at the authority, two different reviewers of the department. */
export async function reviewers(t: TestApp): Promise<{ formal: Client; demand: Client; recheck: Client; filing: Client }> {
  const transport = await departmentId(t, '杭州市交通运输局');
  const second = await createStaff(t, ['provider_reviewer'], transport);
  return {
    formal: await login(t.app, DEMO.authorityReviewer),
    demand: await login(t.app, DEMO.providerReviewer),
    recheck: await login(t.app, second.phone, STRONG_PASSWORD),
    filing: await login(t.app, DEMO.admin),
  };
}

/** A complete application form for three of the entry's data items, for the coming year. */
export function applicationForm(entryId: string, overrides: Record<string, unknown> = {}) {
  const today = chinaDate();
  const end = new Date(`${today}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 180);
  return {
    entryId, fields: ['企业名称', '统一社会信用代码', '注册资本'], purpose: '企业信用评估模型训练', scenario: '为小微企业提供信用贷款预审',
    periodStart: today, periodEnd: end.toISOString().slice(0, 10), delivery: 'api', expectedOutcome: '信用评估报告',
    capability: { storage: '境内机房加密存储', processing: '隔离环境处理，不与其他数据混合', protection: '等保三级，专人专岗', capabilities: ['security_policy', 'domestic_storage'] },
    pledgeVersion: 1, ...overrides,
  };
}

type Stage = 'formal_review' | 'agreement_signing' | 'agreement_confirming' | 'granted';

/** An application of `company` (the form changed by `overrides`) taken through the steps up to `stage`, by the given reviewers. */
export async function applicationAt(
  company: Client, entryId: string, stage: Stage, people: Awaited<ReturnType<typeof reviewers>>, password = STRONG_PASSWORD, overrides: Record<string, unknown> = {},
): Promise<string> {
  const created = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, overrides) });
  if (created.statusCode !== 201) throw new Error(`apply: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  const step = async (client: Client, url: string, payload: object = {}) => {
    const res = await client.request({ method: 'POST', url: `/api/v1/applications/${id}/${url}`, payload });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  };
  if (stage === 'formal_review') return id;
  await step(people.formal, 'decision', { decision: 'approve' });
  await step(people.demand, 'decision', { decision: 'approve' });
  await step(people.recheck, 'decision', { decision: 'approve' });
  if (stage === 'agreement_signing') return id;
  await step(company, 'agreement/sign', { password });
  if (stage === 'agreement_confirming') return id;
  await step(people.demand, 'agreement/confirm');
  await step(people.filing, 'decision', { decision: 'approve' });
  return id;
}
