/**
 * 五.4 on a grant: outcomes registered by its holder, business data returned (回传) and read by
 * the data's department, and the daily notices — a month before the outcome is due, and once
 * it is overdue — each given once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/domain/calendar.js';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { applicationAt, publishedRestrictedEntry, reviewers, verifiedCompany } from './support/applications.js';
import { upload } from './support/upload.js';

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

async function grantOf(company: Client): Promise<{ id: string; outcome: { dueOn: string; registered: number; overdue: boolean } }> {
  await applicationAt(company, entryId, 'granted', people);
  return (await company.request({ method: 'GET', url: '/api/v1/me/grants' })).json().items[0];
}

let firing = 0;
/** Fires the daily task on a day; each firing is its own (a repeated firing of one minute runs once by design). */
async function fireOutcomeNotices(day: string): Promise<void> {
  firing++;
  const job = await t.ctx.scheduler.fire('grant-outcome-notices', new Date(`${day}T09:${String(15 + firing).padStart(2, '0')}:00+08:00`));
  expect(await t.ctx.jobRunner.runOne(job!)).toBe(true);
}

const inbox = async (client: Client) => (await client.request({ method: 'GET', url: '/api/v1/me/notifications?pageSize=100' })).json().items as { kind: string; body: string }[];

describe('outcomes and returned data', () => {
  it('are registered by the grantee and read by the department, not by strangers', async () => {
    const company = await verifiedCompany(t, authority);
    const grant = await grantOf(company);
    expect(grant.outcome).toMatchObject({ registered: 0, overdue: false });

    const registered = await company.request({ method: 'POST', url: `/api/v1/grants/${grant.id}/outcomes`, payload: { title: '小微企业信用评估模型', description: '基于企业登记信息训练的评估模型', link: 'https://example.com/model' } });
    expect(registered.statusCode, registered.body).toBe(201);
    expect((await company.request({ method: 'POST', url: `/api/v1/grants/${grant.id}/outcomes`, payload: { title: '链接', description: '…', link: 'javascript:alert(1)' } })).json().error.field).toBe('link');
    // The department reads what the grantee reports, but does not report for them.
    expect((await publisher.request({ method: 'POST', url: `/api/v1/grants/${grant.id}/outcomes`, payload: { title: '代填', description: '…' } })).statusCode).toBe(403);
    const stranger = await verifiedCompany(t, authority);
    expect((await stranger.request({ method: 'GET', url: `/api/v1/grants/${grant.id}/outcomes` })).statusCode).toBe(404);

    const returned = await upload(company, `/api/v1/grants/${grant.id}/returns`, '评估结果.csv', '企业名称,评分\n杭州甲科技有限公司,86\n');
    expect(returned.statusCode, returned.body).toBe(201);
    const listed = (await publisher.request({ method: 'GET', url: `/api/v1/grants/${grant.id}/outcomes` })).json();
    expect(listed.outcomes).toEqual([expect.objectContaining({ title: '小微企业信用评估模型' })]);
    expect(listed.returns).toEqual([expect.objectContaining({ fileName: '评估结果.csv', contentType: 'text/csv' })]);
    const download = await publisher.request({ method: 'GET', url: `/api/v1/grants/${grant.id}/returns/${listed.returns[0].id}` });
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('杭州甲科技有限公司,86');
    expect((await stranger.request({ method: 'GET', url: `/api/v1/grants/${grant.id}/returns/${listed.returns[0].id}` })).statusCode).toBe(404);

    // An outcome may be documented by a file returned on the grant, not by someone else's.
    const documented = await company.request({ method: 'POST', url: `/api/v1/grants/${grant.id}/outcomes`, payload: { title: '评估报告', description: '见文件', fileId: listed.returns[0].id } });
    expect(documented.statusCode, documented.body).toBe(201);
    expect((await company.request({ method: 'POST', url: `/api/v1/grants/${grant.id}/outcomes`, payload: { title: '他人文件', description: '…', fileId: 'not-a-return' } })).json().error.field).toBe('fileId');
    const withFile = (await publisher.request({ method: 'GET', url: `/api/v1/grants/${grant.id}/outcomes` })).json().outcomes;
    expect(withFile.at(-1)).toMatchObject({ title: '评估报告', fileId: listed.returns[0].id });

    const mine = (await company.request({ method: 'GET', url: '/api/v1/me/grants' })).json().items[0];

    // A revoked grant takes no more reports: a former grantee cannot keep filling the store.
    expect((await publisher.request({ method: 'POST', url: `/api/v1/grants/${grant.id}/revoke`, payload: { reason: '违反协议' } })).statusCode).toBe(200);
    expect((await upload(company, `/api/v1/grants/${grant.id}/returns`, '更多.csv', 'a,b\n1,2\n')).json().error.code).toBe('INVALID_TRANSITION');
    expect((await company.request({ method: 'POST', url: `/api/v1/grants/${grant.id}/outcomes`, payload: { title: '撤销后', description: '…' } })).json().error.code).toBe('INVALID_TRANSITION');
    expect(mine.outcome).toMatchObject({ registered: 2, overdue: false });
  });

  it('are reminded a month before they are due and reported once overdue, each once', async () => {
    const company = await verifiedCompany(t, authority);
    const grant = await grantOf(company);
    const today = chinaDate();
    // Due in three weeks: inside the month before, the reminder goes out once.
    const inThreeWeeks = new Date(Date.parse(`${today}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
    await t.ctx.database.db.updateTable('grants').set({ outcome_due_on: inThreeWeeks }).where('id', '=', grant.id).execute();
    await fireOutcomeNotices(today);
    await fireOutcomeNotices(today);
    expect((await inbox(company)).filter((n) => n.kind === 'outcome.due')).toHaveLength(1);

    // Past due with nothing registered: the grantee, the department and the authority hear of it, once.
    await t.ctx.database.db.updateTable('grants').set({ outcome_due_on: '2026-01-05' }).where('id', '=', grant.id).execute();
    const before = (await inbox(publisher)).filter((n) => n.kind === 'outcome.overdue').length;
    await fireOutcomeNotices(today);
    await fireOutcomeNotices(today);
    expect((await inbox(company)).filter((n) => n.kind === 'outcome.overdue')).toHaveLength(1);
    expect((await inbox(publisher)).filter((n) => n.kind === 'outcome.overdue')).toHaveLength(before + 1);
    expect((await inbox(authority)).some((n) => n.kind === 'outcome.overdue')).toBe(true);
    expect((await publisher.request({ method: 'GET', url: '/api/v1/grants' })).json().items.find((g: { id: string }) => g.id === grant.id).outcome.overdue).toBe(true);
  });

  it('takes at most 50 reports of each kind on a grant, however many arrive at once', async () => {
    const company = await verifiedCompany(t, authority);
    const grant = await grantOf(company);
    const report = (i: number) => company.request({ method: 'POST', url: `/api/v1/grants/${grant.id}/outcomes`, payload: { title: `成果${i}`, description: '并发登记' } });
    for (let i = 0; i < 40; i++) expect((await report(i)).statusCode).toBe(201);
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => report(40 + i)));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([...Array(10).fill(201), ...Array(10).fill(429)]);
    const returns = await Promise.all(Array.from({ length: 55 }, (_, i) => upload(company, `/api/v1/grants/${grant.id}/returns`, `结果${i}.csv`, `a,b\n${i},1\n`)));
    expect(returns.filter((r) => r.statusCode === 201)).toHaveLength(50);
    expect(returns.filter((r) => r.statusCode !== 201).map((r) => r.json().error.code)).toEqual(Array(5).fill('RATE_LIMITED'));
    const listed = (await company.request({ method: 'GET', url: `/api/v1/grants/${grant.id}/outcomes` })).json();
    expect([listed.outcomes.length, listed.returns.length]).toEqual([50, 50]);
  });
});
