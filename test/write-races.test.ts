/**
 * The same action fired in parallel, as a hostile or merely impatient client would: afterwards
 * exactly one outcome per contested step, the history tells one story, and no request got a
 * 5xx. On PostgreSQL the requests really overlap (a pool of connections); on SQLite each command
 * is one transaction on the one connection, which must give the same answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { createStaff, DEMO, login, newPhone, registerUser, STRONG_PASSWORD, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId, drainJobs, passSecurityReview, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';
import { applicationAt, publishedRestrictedEntry, reviewers, verifiedCompany } from './support/applications.js';

let t: TestApp;
let publisher: Client;
let reviewer: Client;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  reviewer = await login(t.app, DEMO.authorityReviewer);
  admin = await login(t.app, DEMO.admin);
});
afterAll(async () => { await t.close(); });

const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode);
const codes = (responses: LightMyRequestResponse[]) => responses.map((r) => (r.statusCode >= 400 ? r.json().error.code : r.statusCode));
const noServerErrors = (responses: LightMyRequestResponse[]) => expect(statuses(responses).filter((s) => s >= 500), responses.map((r) => r.body).join('\n')).toEqual([]);

async function publishedEntry(title: string): Promise<{ entryId: string; resourceId: string }> {
  const entryId = await createEntry(t, publisher, { title });
  const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources`, 'stations.csv', '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n');
  await drainJobs(t);
  await submitForReview(t, publisher, entryId);
  const approved = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  expect(approved.statusCode, approved.body).toBe(200);
  return { entryId, resourceId: res.json().resourceId };
}

async function historyActions(entryId: string): Promise<string[]> {
  const res = await publisher.request({ method: 'GET', url: `/api/v1/catalog/${entryId}/history` });
  return (res.json().items as { action: string }[]).map((i) => i.action).reverse();
}

describe('racing writes', () => {
  it('gives parallel uploads to one resource consecutive versions, each with its own job, and serves a complete one', async () => {
    const { resourceId } = await publishedEntry('并发上传');
    const uploads = await Promise.all([2, 3, 4, 5, 6].map((n) =>
      upload(publisher, `/api/v1/resources/${resourceId}/versions`, `v${n}.csv`, `站点名称,线路数,开通日期\n站点${n},${n},2020-01-0${n}\n`)));
    noServerErrors(uploads);
    expect(statuses(uploads)).toEqual([202, 202, 202, 202, 202]);
    const versions = uploads.map((r) => r.json().version as number).sort();
    expect(versions).toEqual([2, 3, 4, 5, 6]);
    expect(new Set(uploads.map((r) => r.json().jobId)).size).toBe(5);
    await drainJobs(t);
    const listed = (await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/versions` })).json().items as { version: number; status: string; current: boolean }[];
    expect(listed.filter((v) => v.status === 'failed')).toEqual([]);
    expect(listed.find((v) => v.current)?.version).toBe(6);
    // Versions are numbered in the order the requests committed, not the order they were sent.
    const newest = [2, 3, 4, 5, 6][uploads.findIndex((r) => r.json().version === 6)];
    const rows = await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` });
    expect(rows.json().records).toEqual([expect.objectContaining({ 站点名称: `站点${newest}` })]);
  });

  it('runs appends on two workers each on the version before it, and keeps the newest version live', async () => {
    const { resourceId } = await publishedEntry('两个任务进程并发追加');
    // A second context on the same database: another worker process taking jobs from the same queue.
    const worker: AppContext = await createContext(loadConfig(t.env));
    try {
      const stations = [2, 3, 4, 5, 6].map((n) => `站点${n}`);
      const appends = await Promise.all(stations.map((name, i) =>
        upload(publisher, `/api/v1/resources/${resourceId}/versions?mode=append`, `${name}.csv`, `站点名称,线路数,开通日期\n${name},${i},2020-01-01\n`)));
      expect(statuses(appends), appends.map((r) => r.body).join('\n')).toEqual([202, 202, 202, 202, 202]);
      const replaces = await Promise.all([7, 8, 9].map((n) =>
        upload(publisher, `/api/v1/resources/${resourceId}/versions`, `v${n}.csv`, `站点名称,线路数,开通日期\n替换${n},${n},2020-01-01\n`)));
      expect(statuses(replaces)).toEqual([202, 202, 202]);
      const versions = async () => (await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/versions` })).json().items as { version: number; status: string; current: boolean; rowCount: number }[];
      // Both workers take jobs until none is left; an append whose predecessor is still loading waits for it.
      for (let until = Date.now() + 60_000; (await versions()).some((v) => v.status === 'ingesting') && Date.now() < until;) {
        const worked = await Promise.all([t.ctx.jobRunner.runOne(), worker.jobRunner.runOne()]);
        if (!worked.some(Boolean)) await new Promise((r) => setTimeout(r, 200));
      }
      const listed = await versions();
      // Each append has the rows of all before it; none failed, though a replace may have
      // expired the version an append was still building on.
      expect(listed.map((v) => [v.version, v.rowCount])).toEqual([[9, 1], [8, 1], [7, 1], [6, 6], [5, 5], [4, 4], [3, 3], [2, 2], [1, 1]]);
      expect(listed.filter((v) => v.status !== 'ready' && v.status !== 'expired')).toEqual([]);
      expect(listed.find((v) => v.current)?.version).toBe(9);
    } finally {
      await worker.close();
    }
  });

  it('takes a double click on a setting as one setting, and a name taken at once as taken', async () => {
    const user = await registerUser(t.app);
    const { version } = (await user.request({ method: 'GET', url: '/api/v1/licence' })).json();
    const accepts = await Promise.all(Array.from({ length: 10 }, () => user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } })));
    noServerErrors(accepts);
    expect(statuses(accepts)).toEqual(Array(10).fill(200));
    expect((await user.request({ method: 'GET', url: '/api/v1/licence' })).json().accepted).toBe(true);

    // A day of a year the calendar does not cover yet: its year is recorded once.
    const days = await Promise.all(Array.from({ length: 10 }, (_, i) => admin.request({ method: 'PUT', url: '/api/v1/calendar/days/2041-03-11', payload: { kind: 'holiday', name: `假日${i}` } })));
    noServerErrors(days);
    expect(statuses(days)).toEqual(Array(10).fill(200));
    const year = (await admin.request({ method: 'GET', url: '/api/v1/calendar?year=2041' })).json();
    expect(year.days).toEqual([expect.objectContaining({ date: '2041-03-11', kind: 'holiday' })]);

    const department = (name: string) => ({ name, responsibleUnit: '办公室', contactPerson: '张三', contactPhone: '0571-88888888', contactEmail: 'office@example.cn' });
    const creations = await Promise.all(Array.from({ length: 10 }, () => admin.request({ method: 'POST', url: '/api/v1/departments', payload: department('杭州市并发测试局') })));
    noServerErrors(creations);
    expect(codes(creations).sort()).toEqual([201, ...Array(9).fill('NAME_TAKEN')]);
    const [a, b] = await Promise.all(['杭州市改名甲局', '杭州市改名乙局'].map(async (name) =>
      (await admin.request({ method: 'POST', url: '/api/v1/departments', payload: department(name) })).json().id as string));
    const renames = await Promise.all([a, b, a, b, a, b].map((id) => admin.request({ method: 'PATCH', url: `/api/v1/departments/${id}`, payload: { name: '杭州市改名后局' } })));
    noServerErrors(renames);
    expect(statuses(renames).filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(codes(renames).filter((c) => c !== 200)).toEqual(Array(codes(renames).filter((c) => c !== 200).length).fill('NAME_TAKEN'));
  });

  it('holds the limits of an account against parallel requests: 20 API keys, 20 pending attachments', async () => {
    const user = await registerUser(t.app);
    const keys = await Promise.all(Array.from({ length: 30 }, (_, i) => user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: `密钥${i}` } })));
    noServerErrors(keys);
    expect(statuses(keys).filter((s) => s === 201)).toHaveLength(20);
    const listed = (await user.request({ method: 'GET', url: '/api/v1/me/api-keys' })).json().items as unknown[];
    expect(listed).toHaveLength(20);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const files = await Promise.all(Array.from({ length: 30 }, (_, i) => upload(user, '/api/v1/attachments', `证明${i}.pdf`, pdf)));
    noServerErrors(files);
    expect(statuses(files).filter((s) => s === 201)).toHaveLength(20);
    expect(codes(files).filter((c) => c !== 201)).toEqual(Array(10).fill('RATE_LIMITED'));
  });

  it('never lets two changes of one account combine into roles its department forbids', async () => {
    const [transport, authority] = await Promise.all(['杭州市交通运输局', '杭州市数据资源管理局'].map((name) => departmentId(t, name)));
    for (let round = 0; round < 3; round++) {
      const staff = await registerUser(t.app);
      const id = (await staff.request({ method: 'GET', url: '/api/v1/me' })).json().id as string;
      expect((await admin.request({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { departmentId: transport } })).statusCode).toBe(200);
      // Each change alone is allowed: to the authority as a plain user, or a reviewer of the transport bureau.
      const changes = await Promise.all(Array.from({ length: 10 }, (_, i) => admin.request({
        method: 'PATCH', url: `/api/v1/users/${id}`, payload: i % 2 ? { roles: ['provider_reviewer'] } : { departmentId: authority },
      })));
      noServerErrors(changes);
      const user = await t.ctx.users.get(id);
      expect(user.roles.includes('provider_reviewer') && user.department?.id === authority, JSON.stringify(user)).toBe(false);
    }
  });

  it('takes no step on rights withdrawn while it waited: a role removed commits after every step begun before it', async () => {
    const transport = await departmentId(t, '杭州市交通运输局');
    for (let round = 0; round < 3; round++) {
      const staff = await createStaff(t, ['provider_publisher'], transport);
      const client = await login(t.app, staff.phone, STRONG_PASSWORD);
      const create = (i: number) => client.request({
        method: 'POST', url: '/api/v1/catalog',
        payload: { title: `撤销角色竞态${round}-${i}`, summary: '测试', departmentId: transport, openType: 'unconditional', updateFrequency: 'monthly' },
      });
      const [removed, ...steps] = await Promise.all([
        admin.request({ method: 'PATCH', url: `/api/v1/users/${staff.id}`, payload: { roles: [] } }),
        ...Array.from({ length: 8 }, (_, i) => create(i)),
      ]);
      expect(removed!.statusCode, removed!.body).toBe(200);
      noServerErrors(steps);
      const audit = await t.ctx.database.db.selectFrom('audit_log').select(['seq', 'action', 'actor_id', 'target']).where('outcome', '=', 'success')
        .where((eb) => eb.or([eb('actor_id', '=', staff.id), eb('target', '=', staff.id)])).orderBy('seq').execute();
      const removal = audit.find((a) => a.action === 'user.update')!.seq;
      expect(audit.filter((a) => a.action === 'catalog.create' && Number(a.seq) > Number(removal))).toEqual([]);
      expect(audit.filter((a) => a.action === 'catalog.create')).toHaveLength(steps.filter((s) => s.statusCode === 201).length);
    }
  });

  it('lets an edit and a submission of one draft happen in one order only', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await createEntry(t, publisher, { title: `编辑与提交${round}` });
      const [edit, submit] = await Promise.all([
        publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { summary: `并发修改的摘要${round}` } }),
        publisher.request({ method: 'POST', url: `/api/v1/catalog/${id}/submit` }),
      ]);
      noServerErrors([edit, submit]);
      const entry = (await publisher.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).json();
      const actions = await historyActions(id);
      if (edit.statusCode === 200) {
        // The edit came first, so the reviewer reads it.
        expect(entry.summary).toBe(`并发修改的摘要${round}`);
        expect(actions.indexOf('update')).toBeLessThan(actions.indexOf('submit') === -1 ? Infinity : actions.indexOf('submit'));
      } else {
        expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(edit.json().error.code);
        expect(entry.summary).not.toBe(`并发修改的摘要${round}`);
        expect(actions).not.toContain('update');
      }
      if (submit.statusCode === 200) expect(entry.status).toBe('submitted');
      else expect(submit.json().error.code).toBe('CONFLICT');
    }
  });

  it('takes one decision when two reviewers decide the same entry at once', async () => {
    const id = await createEntry(t, publisher, { title: '两名审核员' });
    await submitForReview(t, publisher, id);
    const decisions = await Promise.all([
      reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } }),
      admin.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: false, reason: '同时驳回' } }),
    ]);
    noServerErrors(decisions);
    expect(statuses(decisions).filter((s) => s === 200)).toHaveLength(1);
    expect(codes(decisions).filter((c) => c !== 200).every((c) => c === 'CONFLICT' || c === 'INVALID_TRANSITION')).toBe(true);
    const actions = await historyActions(id);
    expect(actions.filter((a) => a === 'publish' || a === 'reject')).toHaveLength(1);
    const status = (await publisher.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).json().status;
    expect(status).toBe(decisions[0]!.statusCode === 200 ? 'published' : 'rejected');
  });

  it('orders an approval and a withdrawal fired together: one story, whichever came first', async () => {
    const { entryId } = await publishedEntry('批准与撤回');
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${entryId}`, payload: { summary: '待审核的新摘要' } });
    await submitForReview(t, publisher, entryId);
    const [approve, withdraw] = await Promise.all([
      reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } }),
      publisher.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/withdraw`, payload: { reason: '同时撤回' } }),
    ]);
    noServerErrors([approve, withdraw]);
    const entry = (await publisher.request({ method: 'GET', url: `/api/v1/catalog/${entryId}` })).json();
    const decisions = (await historyActions(entryId)).filter((a) => a === 'approve-revision' || a === 'withdraw' || a === 'reject-revision');
    if (approve.statusCode === 200) {
      // Approved first: the revision went live; a withdrawal after it takes the approved entry off.
      expect(decisions).toEqual(withdraw.statusCode === 200 ? ['approve-revision', 'withdraw'] : ['approve-revision']);
      expect(entry).toMatchObject({ status: withdraw.statusCode === 200 ? 'withdrawn' : 'published', summary: '待审核的新摘要' });
      if (withdraw.statusCode !== 200) expect(withdraw.json().error.code).toBe('CONFLICT');
    } else {
      // Withdrawn first: the revision was dropped with the round, and there was nothing left to approve.
      expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(approve.json().error.code);
      expect(decisions).toEqual(['withdraw']);
      expect(entry.status).toBe('withdrawn');
      expect(entry.summary).not.toBe('待审核的新摘要');
    }
  });

  it('keeps one open verification request per account, and its decision is taken once', async () => {
    const user = await registerUser(t.app);
    const body = { type: 'person', name: '王五', idNumber: '11010519491231002X' };
    const submitted = await Promise.all([1, 2, 3].map(() => user.request({ method: 'POST', url: '/api/v1/me/verification', payload: body })));
    noServerErrors(submitted);
    expect(statuses(submitted).filter((s) => s === 202)).toHaveLength(1);
    expect(codes(submitted).filter((c) => c !== 202)).toEqual(['VERIFICATION_PENDING', 'VERIFICATION_PENDING']);
    const pending = (await reviewer.request({ method: 'GET', url: '/api/v1/verifications?status=pending&pageSize=100' })).json().items
      .filter((i: { userId: string }) => i.userId === user.userId);
    expect(pending).toHaveLength(1);

    const decisions = await Promise.all([
      reviewer.request({ method: 'POST', url: `/api/v1/verifications/${pending[0].id}/decision`, payload: { approve: true } }),
      admin.request({ method: 'POST', url: `/api/v1/verifications/${pending[0].id}/decision`, payload: { approve: false, reason: '同时驳回' } }),
    ]);
    noServerErrors(decisions);
    expect(statuses(decisions).filter((s) => s === 200)).toHaveLength(1);
    expect(codes(decisions).filter((c) => c !== 200)).toEqual(['ALREADY_DECIDED']);
    const me = (await user.request({ method: 'GET', url: '/api/v1/me' })).json();
    expect(me.verification.status).toBe(decisions[0]!.statusCode === 200 ? 'verified' : 'rejected');
  });

  it('checks at most five parallel password guesses before the account locks', async () => {
    const user = await registerUser(t.app);
    const guesses = await Promise.all(Array.from({ length: 15 }, (_, i) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: user.phone, password: `Wrong#Guess${i}x` }, remoteAddress: `10.0.0.${i + 1}` })));
    noServerErrors(guesses);
    const checked = codes(guesses).filter((c) => c === 'BAD_CREDENTIALS');
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(codes(guesses).filter((c) => c !== 'BAD_CREDENTIALS').every((c) => c === 'ACCOUNT_LOCKED')).toBe(true);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: user.phone, password: STRONG_PASSWORD } });
    expect(right.json().error?.code).toBe('ACCOUNT_LOCKED');
  });

  it('registers a number once, however many registrations race for it', async () => {
    const phone = newPhone();
    const attempts = await Promise.all(Array.from({ length: 5 }, () =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone, password: STRONG_PASSWORD } })));
    noServerErrors(attempts);
    expect(statuses(attempts).filter((s) => s === 201)).toHaveLength(1);
    expect(codes(attempts).filter((c) => c !== 201)).toEqual(Array(4).fill('PHONE_TAKEN'));
    const accounts = await t.ctx.database.db.selectFrom('users').select('id').where('phone', '=', phone).execute();
    expect(accounts).toHaveLength(1);
  });

  it('holds data whose ingest finishes after the entry was submitted, until the review', async () => {
    const entryId = await createEntry(t, publisher, { title: '审核期间完成导入' });
    const started = await upload(publisher, `/api/v1/catalog/${entryId}/resources`, 'stations.csv', '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n');
    expect(started.statusCode).toBe(202);
    expect((await publisher.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/submit` })).statusCode).toBe(200);
    // Nothing more changes the entry's data while it waits.
    const more = await upload(publisher, `/api/v1/resources/${started.json().resourceId}/versions`, 'more.csv', '站点名称,线路数,开通日期\n古荡,2,2020-01-01\n');
    expect(more.json().error.code).toBe('INVALID_TRANSITION');
    await drainJobs(t);
    const job = (await publisher.request({ method: 'GET', url: `/api/v1/jobs/${started.json().jobId}` })).json();
    expect(job.result).toMatchObject({ held: true });
    const versions = (await publisher.request({ method: 'GET', url: `/api/v1/resources/${started.json().resourceId}/versions` })).json().items;
    expect(versions).toEqual([expect.objectContaining({ version: 1, status: 'ready', held: true, current: false })]);
    expect((await historyActions(entryId)).at(-1)).toBe('hold-data');
    await passSecurityReview(t, entryId);
    expect((await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } })).statusCode).toBe(200);
    const rows = await t.app.inject({ method: 'GET', url: `/api/v1/resources/${started.json().resourceId}/records` });
    expect(rows.json().records).toEqual([expect.objectContaining({ 站点名称: '文一路口' })]);
  });
  it('takes one decision on an application step, one filing opens one grant, and one revocation wins', async () => {
    const company = await verifiedCompany(t, reviewer);
    const people = await reviewers(t);
    const { entryId } = await publishedRestrictedEntry(t, publisher, reviewer);
    const id = await applicationAt(company, entryId, 'formal_review', people);
    const decide = (client: Client, decision: string) =>
      client.request({ method: 'POST', url: `/api/v1/applications/${id}/decision`, payload: { decision, reason: '并发' } });
    // The authority's two members decide the same 规范性审查 at once, one approving, one returning.
    const both = await Promise.all([decide(reviewer, 'approve'), decide(admin, 'return')]);
    noServerErrors(both);
    // The loser met the step taken (409) or, decided already, the department's step it has no part in (403).
    expect(statuses(both).filter((s) => s === 200)).toHaveLength(1);
    expect(codes(both).filter((c) => c !== 200)).toEqual([expect.stringMatching(/^(CONFLICT|FORBIDDEN)$/)]);
    const timeline = (await company.request({ method: 'GET', url: `/api/v1/applications/${id}` })).json().timeline;
    expect(timeline.filter((s: { action: string }) => s.action.endsWith('_formal'))).toHaveLength(1);

    // Two filings of one agreement at once: one grant.
    const granted = await applicationAt(company, entryId, 'agreement_confirming', people);
    await people.demand.request({ method: 'POST', url: `/api/v1/applications/${granted}/agreement/confirm` });
    const filings = await Promise.all([1, 2].map(() => people.filing.request({ method: 'POST', url: `/api/v1/applications/${granted}/decision`, payload: { decision: 'approve' } })));
    noServerErrors(filings);
    expect(statuses(filings).sort()).toEqual([200, 409]);
    const grants = (await company.request({ method: 'GET', url: '/api/v1/me/grants' })).json().items;
    expect(grants).toHaveLength(1);

    // The department and the authority revoke at once: one revocation, one 409.
    const revoke = (client: Client) => client.request({ method: 'POST', url: `/api/v1/grants/${grants[0].id}/revoke`, payload: { reason: '违反协议' } });
    const revocations = await Promise.all([revoke(publisher), revoke(admin)]);
    noServerErrors(revocations);
    expect(statuses(revocations).sort()).toEqual([200, 409]);
  });
  it('lets an amendment and a resubmission of a returned application happen in one order only', async () => {
    const company = await verifiedCompany(t, reviewer);
    const people = await reviewers(t);
    const { entryId } = await publishedRestrictedEntry(t, publisher, reviewer);
    const id = await applicationAt(company, entryId, 'formal_review', people);
    expect((await people.formal.request({ method: 'POST', url: `/api/v1/applications/${id}/decision`, payload: { decision: 'return', reason: '补充' } })).statusCode).toBe(200);
    const [amended, resubmitted] = await Promise.all([
      company.request({ method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { purpose: '修改后的用途' } }),
      company.request({ method: 'POST', url: `/api/v1/applications/${id}/submit` }),
    ]);
    noServerErrors([amended, resubmitted]);
    expect(resubmitted.statusCode === 200 || resubmitted.json().error.code === 'CONFLICT').toBe(true);
    if (amended.statusCode !== 200) expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(amended.json().error.code);
    // Both succeeding means the amendment came first and was sent; none slips in after the submission.
    const after = (await company.request({ method: 'GET', url: `/api/v1/applications/${id}` })).json();
    if (amended.statusCode === 200 && resubmitted.statusCode === 200) expect(after).toMatchObject({ status: 'submitted', purpose: '修改后的用途' });
    expect((await company.request({ method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { purpose: '提交后再改' } })).statusCode).toBe(after.status === 'submitted' ? 409 : 200);
  });
});
