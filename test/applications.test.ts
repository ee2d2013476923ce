/**
 * 受限开放 applications (rules 二.2, 二.3): the five steps with their deadlines, return for
 * supplement into the same step, the separation of duties, the generated agreement signed by
 * both parties with its SM3 digest, and the grant the authority's filing opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/domain/calendar.js';
import { DEMO, login, registerUser, startTestApp, STRONG_PASSWORD, type Client, type TestApp } from './support/app.js';
import { applicationAt, applicationForm, publishedRestrictedEntry, reviewers, verifiedCompany } from './support/applications.js';
import { readPdf } from './support/pdf.js';

let t: TestApp;
let authority: Client;
let publisher: Client;
let entryId: string;
let people: Awaited<ReturnType<typeof reviewers>>;
beforeAll(async () => {
  t = await startTestApp();
  [authority, publisher] = await Promise.all([login(t.app, DEMO.authorityReviewer), login(t.app, DEMO.publisher)]);
  ({ entryId } = await publishedRestrictedEntry(t, publisher, authority));
  people = await reviewers(t);
});
afterAll(async () => { await t.close(); });

const decide = (client: Client, id: string, decision: string, reason?: string) =>
  client.request({ method: 'POST', url: `/api/v1/applications/${id}/decision`, payload: { decision, ...(reason ? { reason } : {}) } });

async function apply(company: Client, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, overrides) });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().status).toBe('submitted');
  return res.json().id;
}

describe('an application for restricted data', () => {
  it('goes through the five steps, returned once for supplement, and the filing opens a grant', async () => {
    const company = await verifiedCompany(t, authority);
    const id = await apply(company);
    const opened = (await company.request({ method: 'GET', url: `/api/v1/applications/${id}` })).json();
    expect(opened).toMatchObject({ id, status: 'submitted', step: 'formal_review', dueAt: await t.ctx.calendar.addWorkingDays(chinaDate(), 5), abilities: ['withdraw'] });

    // 1 规范性审查 returns it; the company amends and resubmits into the same step.
    expect((await decide(people.formal, id, 'return')).json().error.code).toBe('REASON_REQUIRED');
    const returned = await decide(people.formal, id, 'return', '请补充数据安全防护措施的具体说明');
    expect(returned.statusCode, returned.body).toBe(200);
    const seen = (await company.request({ method: 'GET', url: `/api/v1/applications/${id}` })).json();
    expect(seen).toMatchObject({ status: 'returned', step: 'formal_returned', abilities: ['amend', 'resubmit_formal', 'withdraw'] });
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'return_formal', reason: '请补充数据安全防护措施的具体说明' });
    const amended = await company.request({ method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { capability: { protection: '等保三级；数据加密存储，访问日志留存一年' } } });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json().capability).toMatchObject({ storage: '境内机房加密存储', protection: '等保三级；数据加密存储，访问日志留存一年' });
    const resubmitted = await company.request({ method: 'POST', url: `/api/v1/applications/${id}/submit` });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', step: 'formal_review' });

    // 1, 2, 3 by three different people; a decided step cannot be decided again.
    expect((await decide(people.formal, id, 'approve')).statusCode).toBe(200);
    // The authority's reviewer has no part in the department's step now open.
    expect((await decide(people.formal, id, 'approve')).statusCode).toBe(403);
    expect((await decide(people.demand, id, 'approve')).json().step).toBe('demand_recheck');
    const sameReviewer = await decide(people.demand, id, 'approve');
    expect(sameReviewer.statusCode).toBe(403);
    expect((await decide(people.recheck, id, 'approve')).json()).toMatchObject({ status: 'awaiting_signature', step: 'agreement_signing' });

    // 4 协议签订: the company reads the generated agreement and signs it with its password; the department confirms.
    const draft = await company.request({ method: 'GET', url: `/api/v1/applications/${id}/agreement.pdf` });
    expect(draft.statusCode).toBe(200);
    expect(draft.headers['content-type']).toBe('application/pdf');
    expect(draft.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const wrong = await company.request({ method: 'POST', url: `/api/v1/applications/${id}/agreement/sign`, payload: { password: 'not-the-password' } });
    // Said as a signature's password, not a password change's 原密码, and once.
    expect(wrong.json().error).toEqual({ code: 'WRONG_PASSWORD', field: 'password', message: '密码不正确（字段：password）' });
    const signed = await company.request({ method: 'POST', url: `/api/v1/applications/${id}/agreement/sign`, payload: { password: STRONG_PASSWORD } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'submitted', step: 'agreement_confirming', agreement: { sm3: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const confirmed = await people.demand.request({ method: 'POST', url: `/api/v1/applications/${id}/agreement/confirm` });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const finalSm3 = confirmed.json().agreement.sm3 as string;
    expect(finalSm3).not.toBe(signed.json().agreement.sm3);
    const pdf = await company.request({ method: 'GET', url: `/api/v1/applications/${id}/agreement.pdf` });
    expect(pdf.headers['x-agreement-sm3']).toBe(finalSm3);
    const { sm3Hex } = await import('../src/modules/applications/agreement-digest.js');
    expect(sm3Hex(pdf.rawPayload)).toBe(finalSm3);

    // 5 协议备案 by the authority, not by the one who did step 1.
    expect((await decide(people.formal, id, 'approve')).statusCode).toBe(403);
    const filed = await decide(people.filing, id, 'approve');
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ status: 'granted', abilities: [] });
    expect(filed.json().timeline.map((s: { action: string }) => s.action)).toEqual([
      'open', 'return_formal', 'resubmit_formal', 'approve_formal', 'approve_demand', 'approve_recheck', 'sign', 'confirm', 'approve_filing',
    ]);

    const grants = (await company.request({ method: 'GET', url: '/api/v1/me/grants' })).json();
    expect(grants.items).toEqual([expect.objectContaining({ entryId, fields: ['企业名称', '统一社会信用代码', '注册资本'], status: 'active', abilities: [] })]);
    // Named for people as the entry titles its 数据项.
    expect(grants.items[0].fieldTitles).toEqual({ 企业名称: '企业名称', 统一社会信用代码: '统一社会信用代码', 注册资本: '注册资本（万元）' });
    // The staff see whom they granted it to, and what they may do with it now.
    const staffView = (await publisher.request({ method: 'GET', url: `/api/v1/grants/${grants.items[0].id}` })).json();
    expect(staffView).toMatchObject({ grantee: { name: '杭州数开示例科技有限公司', type: 'organization' }, abilities: ['suspend', 'revoke'] });
    // The reviewers weigh who applies; the timeline names a department only where a step handed the case over.
    const reviewed = (await people.formal.request({ method: 'GET', url: `/api/v1/applications/${id}` })).json();
    expect(reviewed.applicant).toEqual({ name: '杭州数开示例科技有限公司', type: 'organization', creditLevel: 'B' });
    expect(reviewed.timeline.every((s: { department: string | null }) => s.department === null)).toBe(true);
  });

  it('is checked before anyone reviews it, and saved as a draft when asked', async () => {
    const company = await verifiedCompany(t, authority);
    const unknownField = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, { fields: ['企业名称', '股东名单'] }) });
    expect(unknownField.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fields' });
    const tooLong = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, { periodEnd: '2099-01-01' }) });
    expect(tooLong.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'periodEnd' });
    const noPurpose = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, { purpose: ' ' }) });
    expect(noPurpose.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'purpose' });
    expect((await company.request({ method: 'GET', url: '/api/v1/me/applications' })).json().total).toBe(0);

    const draft = await company.request({ method: 'POST', url: '/api/v1/applications?draft=1', payload: { entryId, purpose: '先存草稿' } });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().status).toBe('draft');
    // Nobody but its author knows a draft.
    expect((await authority.request({ method: 'GET', url: `/api/v1/applications/${draft.json().id}` })).statusCode).toBe(404);
    const incomplete = await company.request({ method: 'POST', url: `/api/v1/applications/${draft.json().id}/submit` });
    expect(incomplete.statusCode).toBe(400);
    const rest: Record<string, unknown> = applicationForm(entryId);
    delete rest.entryId;
    expect((await company.request({ method: 'PATCH', url: `/api/v1/applications/${draft.json().id}`, payload: rest })).statusCode).toBe(200);
    const submitted = await company.request({ method: 'POST', url: `/api/v1/applications/${draft.json().id}/submit` });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', step: 'formal_review' });

    const unverified = await registerUser(t.app);
    const refused = await unverified.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId) });
    expect(refused.json().error.code).toBe('VERIFICATION_REQUIRED');
  });

  it('is withdrawn by its applicant while open, and hidden from other people', async () => {
    const company = await verifiedCompany(t, authority);
    const id = await apply(company);
    const stranger = await verifiedCompany(t, authority);
    expect((await stranger.request({ method: 'GET', url: `/api/v1/applications/${id}` })).statusCode).toBe(404);
    expect((await stranger.request({ method: 'POST', url: `/api/v1/applications/${id}/withdraw`, payload: {} })).statusCode).toBe(404);
    // The department sees what is asked of its data.
    expect((await publisher.request({ method: 'GET', url: `/api/v1/applications/${id}` })).statusCode).toBe(200);
    const withdrawn = await company.request({ method: 'POST', url: `/api/v1/applications/${id}/withdraw`, payload: { reason: '需求变更' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', abilities: [] });
    expect((await decide(people.formal, id, 'approve')).statusCode).toBe(409);
  });

  it('ends at a rejection, with its reason told to the applicant', async () => {
    const company = await verifiedCompany(t, authority);
    const id = await apply(company);
    expect((await decide(people.formal, id, 'approve')).statusCode).toBe(200);
    const rejected = await decide(people.demand, id, 'reject', '申请用途与数据不相符');
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const inbox = (await company.request({ method: 'GET', url: '/api/v1/me/notifications' })).json();
    expect(inbox.items[0]).toMatchObject({ kind: 'application.decided', body: expect.stringContaining('申请用途与数据不相符') });
  });
});

describe('configured deadlines', () => {
  it('give each step the working days the operator set instead of five', async () => {
    const other = await startTestApp({ SHUKAI_APPLICATION_STEP_DAYS: '3', SHUKAI_APPLICATION_MAX_DAYS: '30' });
    try {
      const [reviewer, keeper] = await Promise.all([login(other.app, DEMO.authorityReviewer), login(other.app, DEMO.publisher)]);
      const { entryId: entry } = await publishedRestrictedEntry(other, keeper, reviewer);
      const company = await verifiedCompany(other, reviewer);
      const tooLong = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entry) });
      expect(tooLong.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'periodEnd', message: expect.stringContaining('30') });
      const created = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entry, { periodEnd: chinaDate() }) });
      expect(created.statusCode, created.body).toBe(201);
      const seen = (await company.request({ method: 'GET', url: `/api/v1/applications/${created.json().id}` })).json();
      expect(seen.dueAt).toBe(await other.ctx.calendar.addWorkingDays(chinaDate(), 3));
    } finally {
      await other.close();
    }
  });
});

describe('the conditions, the pledge and the agreement template', () => {
  it('refuses an applicant the conditions exclude, an undeclared capability and an old pledge, saying what is missing', async () => {
    const company = await verifiedCompany(t, authority);
    const undeclared = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, { capability: { storage: '境内', processing: '隔离', protection: '等保', capabilities: ['security_policy'] } }) });
    expect(undeclared.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'capability.capabilities' });

    // The authority publishes a new 安全承诺书: an application must accept the current version.
    const admin = await login(t.app, DEMO.admin);
    const published = await admin.request({ method: 'PUT', url: '/api/v1/pledge', payload: { title: '公共数据安全承诺书', text: '本申请人承诺遵守数据安全要求。'.repeat(3) } });
    expect(published.statusCode, published.body).toBe(200);
    const oldPledge = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId) });
    expect(oldPledge.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'pledgeVersion' });
    const current = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, { pledgeVersion: published.json().version }) });
    expect(current.statusCode, current.body).toBe(201);

    // A company with a credit level below the entry's minimum is told so before anyone reviews it.
    const lowCredit = await verifiedCompany(t, authority);
    await t.ctx.database.db.updateTable('users').set({ credit_level: 'D' }).where('id', '=', lowCredit.userId).execute();
    const refused = await lowCredit.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, { pledgeVersion: published.json().version }) });
    expect(refused.json().error).toMatchObject({ code: 'CREDIT_LEVEL_TOO_LOW', message: expect.stringContaining('C 级') });
  });

  it('keeps the template version and the terms an agreement was signed on, and refuses a template with a mistyped placeholder', async () => {
    const admin = await login(t.app, DEMO.admin);
    const typo = await admin.request({ method: 'PUT', url: '/api/v1/agreement-template', payload: { title: '公共数据开放利用协议', text: `乙方：{{applicnt}}\n${'条款。'.repeat(40)}` } });
    expect(typo.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'text', message: expect.stringContaining('{{applicnt}}') });

    const company = await verifiedCompany(t, authority);
    const pledgeVersion = (await company.request({ method: 'GET', url: '/api/v1/pledge' })).json().version;
    const id = await applicationAt(company, entryId, 'agreement_confirming', people, STRONG_PASSWORD, { pledgeVersion });
    const signedOn = (await company.request({ method: 'GET', url: `/api/v1/applications/${id}` })).json().agreement.sm3;
    // A new template after the applicant signed does not change what the department confirms.
    const current = (await admin.request({ method: 'GET', url: '/api/v1/agreement-template' })).json();
    const next = await admin.request({ method: 'PUT', url: '/api/v1/agreement-template', payload: { title: current.title, text: `${current.text}\n附则：本协议新增条款。` } });
    expect(next.statusCode, next.body).toBe(200);
    // Nor does a party renamed meanwhile: the department confirms the text the applicant signed, under the name it signed with.
    const entry = (await company.request({ method: 'GET', url: `/api/v1/catalog/${entryId}` })).json();
    const signedName = entry.department.name as string;
    const renamed = await admin.request({ method: 'PATCH', url: `/api/v1/departments/${entry.department.id}`, payload: { name: `${signedName}（更名）` } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    try {
      const confirmed = await people.demand.request({ method: 'POST', url: `/api/v1/applications/${id}/agreement/confirm` });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const row = await t.ctx.database.db.selectFrom('applications').select('agreement_version').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.agreement_version).toBe(current.version);
      expect(confirmed.json().agreement.sm3).not.toBe(signedOn);
      const text = (await readPdf((await company.request({ method: 'GET', url: `/api/v1/applications/${id}/agreement.pdf` })).rawPayload)).pages.join('');
      expect(text).toContain(signedName);
      expect(text).not.toContain('（更名）');
    } finally {
      await admin.request({ method: 'PATCH', url: `/api/v1/departments/${entry.department.id}`, payload: { name: signedName } });
    }
  });
});

describe('the demo seed', () => {
  it('holds an application in progress on the restricted drivers register, waiting for the bureau', async () => {
    const applicant = await login(t.app, DEMO.verifiedUser);
    const mine = (await applicant.request({ method: 'GET', url: '/api/v1/me/applications' })).json();
    expect(mine.items).toContainEqual(expect.objectContaining({ entryTitle: '杭州市网约车驾驶员从业资格信息', status: 'submitted', step: 'demand_review' }));
    const tasks = (await login(t.app, DEMO.providerReviewer).then((c) => c.request({ method: 'GET', url: '/api/v1/workflow/tasks' }))).json();
    expect(tasks.items).toContainEqual(expect.objectContaining({ kind: 'restricted_application', step: 'demand_review', link: expect.stringMatching(/^\/admin\/applications\//) }));
  });
});

describe('what a return for supplement may change', () => {
  it('keeps the reviewed terms after 需求审核 and refuses impossible dates, so a grant is only ever what was reviewed and signed', async () => {
    const company = await verifiedCompany(t, authority);
    const pledgeVersion = (await company.request({ method: 'GET', url: '/api/v1/pledge' })).json().version;
    const impossible = await company.request({ method: 'POST', url: '/api/v1/applications', payload: applicationForm(entryId, { pledgeVersion, periodEnd: '2099-99-99' }) });
    expect(impossible.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'periodEnd' });
    expect((await company.request({ method: 'POST', url: '/api/v1/applications?draft=1', payload: { entryId, periodEnd: '2027-02-30' } })).json().error.field).toBe('periodEnd');

    // Returned at filing, after both signatures: the data items and the period stay as signed.
    const id = await applicationAt(company, entryId, 'agreement_confirming', people, STRONG_PASSWORD, { pledgeVersion });
    expect((await people.demand.request({ method: 'POST', url: `/api/v1/applications/${id}/agreement/confirm` })).statusCode).toBe(200);
    expect((await decide(people.filing, id, 'return', '请补充等保证书')).statusCode).toBe(200);
    const widened = await company.request({ method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { fields: ['企业名称', '法定代表人', '联系电话'] } });
    expect(widened.json().error).toMatchObject({ code: 'INVALID_TRANSITION', field: 'fields' });
    expect((await company.request({ method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { periodEnd: chinaDate() } })).json().error.field).toBe('periodEnd');
    // Supplementary material is what a return asks for.
    const supplemented = await company.request({ method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { capability: { protection: '等保三级，证书见附件' }, fields: ['企业名称', '统一社会信用代码', '注册资本'] } });
    expect(supplemented.statusCode, supplemented.body).toBe(200);
    expect((await company.request({ method: 'POST', url: `/api/v1/applications/${id}/submit` })).statusCode).toBe(200);
    expect((await decide(people.filing, id, 'approve')).statusCode).toBe(200);
    const grant = (await company.request({ method: 'GET', url: '/api/v1/me/grants' })).json().items.find((g: { applicationId: string }) => g.applicationId === id);
    expect(grant.fields).toEqual(['企业名称', '统一社会信用代码', '注册资本']);
  });

  it('refuses a decision naming a step another reviewer has already moved the application on from', async () => {
    const company = await verifiedCompany(t, authority);
    const pledgeVersion = (await company.request({ method: 'GET', url: '/api/v1/pledge' })).json().version;
    const id = await applicationAt(company, entryId, 'formal_review', people, STRONG_PASSWORD, { pledgeVersion });
    expect((await decide(people.formal, id, 'approve')).statusCode).toBe(200);
    expect((await people.demand.request({ method: 'POST', url: `/api/v1/applications/${id}/decision`, payload: { decision: 'approve', step: 'demand' } })).statusCode).toBe(200);
    // The second reviewer, still looking at 需求审核, does not silently take 需求复核.
    const stale = await people.recheck.request({ method: 'POST', url: `/api/v1/applications/${id}/decision`, payload: { decision: 'approve', step: 'demand' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
  });
});
