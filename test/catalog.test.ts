import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId, submitForReview } from './support/catalog.js';

let t: TestApp;
let publisher: Client;
let reviewer: Client;
beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  reviewer = await login(t.app, DEMO.authorityReviewer);
});
afterAll(async () => { await t.close(); });

describe('catalog lifecycle', () => {
  it('goes draft → submitted → published, visible to the public only once published', async () => {
    const id = await createEntry(t, publisher, { title: '公共自行车租赁点', tags: ['自行车'] });
    // A draft is no one's to know of but its keepers' and the authority's: an unknown id to anyone else.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${id}` })).statusCode).toBe(404);
    const user = await registerUser(t.app);
    expect((await user.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).statusCode).toBe(404);

    expect((await publisher.request({ method: 'POST', url: `/api/v1/catalog/${id}/submit` })).json().status).toBe('submitted');
    const queue = (await reviewer.request({ method: 'GET', url: '/api/v1/console/catalog?awaitingReview=true' })).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);
    // The department's own security review comes first (六.(二)): the authority cannot decide before it.
    const early = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CONFLICT');
    expect((await publisher.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } })).statusCode).toBe(403);
    const providerReviewer = await login(t.app, DEMO.providerReviewer);
    const signedOff = await providerReviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true, comment: '已核对无个人信息' } });
    expect(signedOff.statusCode, signedOff.body).toBe(200);
    expect(signedOff.json()).toMatchObject({ status: 'submitted' });
    const again = await providerReviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    expect(again.json().error.code).toBe('CONFLICT');
    const inReview = (await reviewer.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).json().review;
    expect(inReview).toMatchObject({ state: 'authority_review', abilities: ['publish', 'return'] });
    expect(inReview.timeline.map((s: { action: string }) => s.action)).toEqual(['open', 'department_approve']);
    expect(inReview.timeline[1].comment).toBe('已核对无个人信息');
    const published = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    expect(published.json()).toMatchObject({ status: 'published' });

    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ title: '公共自行车租赁点', openType: 'unconditional', department: { name: '杭州市交通运输局' }, updateFrequency: 'monthly' });
    expect(seen.json().fields.map((f: { name: string }) => f.name)).toEqual(['站点名称', '线路数', '开通日期']);
    // Published with no data yet: search results say so rather than promise downloads.
    const found = (await t.app.inject({ method: 'GET', url: `/api/v1/catalog?q=${encodeURIComponent('公共自行车租赁点')}` })).json();
    expect(found.items.find((i: { id: string }) => i.id === id)).toMatchObject({ hasData: false });
  });

  it('holds edits of a published entry for review while the published version stays live', async () => {
    const id = await createEntry(t, publisher, { title: '停车泊位信息' });
    await submitForReview(t, publisher, id);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });

    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { title: '公共停车泊位信息' } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${id}` })).json()).toMatchObject({ title: '停车泊位信息', pendingRevision: null });
    expect((await publisher.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).json().pendingRevision).toEqual({ title: '公共停车泊位信息' });

    await submitForReview(t, publisher, id);
    const rejected = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: false } });
    expect(rejected.json().error.code).toBe('REASON_REQUIRED');
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${id}` })).json().title).toBe('公共停车泊位信息');

    const history = (await publisher.request({ method: 'GET', url: `/api/v1/catalog/${id}/history` })).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['approve-revision', 'submit', 'revise', 'publish', 'submit', 'create']);
    expect(history.find((h: { action: string }) => h.action === 'revise')).toMatchObject({ changes: { title: ['停车泊位信息', '公共停车泊位信息'] }, actor: '交通局数据发布员' });
  });

  it('rejects with a reason the provider can read, and withdraws a published entry', async () => {
    const id = await createEntry(t, publisher, { title: '出租车服务质量' });
    await submitForReview(t, publisher, id);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: false, reason: '摘要过于简单' } });
    expect((await publisher.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).json()).toMatchObject({ status: 'rejected', reviewNote: '摘要过于简单' });
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { summary: '全市巡游出租车服务质量考核结果' } });
    await submitForReview(t, publisher, id);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    const withdrawn = await publisher.request({ method: 'POST', url: `/api/v1/catalog/${id}/withdraw`, payload: { reason: '数据口径调整' } });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${id}` })).statusCode).toBe(404);
  });

  it('demands open conditions for restricted entries and names bad fields', async () => {
    const bad = await publisher.request({ method: 'POST', url: '/api/v1/catalog', payload: { title: '受限目录', summary: 'x', departmentId: await departmentId(t, '杭州市交通运输局'), openType: 'restricted', updateFrequency: 'yearly' } });
    expect(bad.json().error).toMatchObject({ code: 'CONDITIONS_REQUIRED', field: 'openConditions' });
    const dupField = await publisher.request({ method: 'POST', url: '/api/v1/catalog', payload: { title: '重复字段', summary: 'x', departmentId: await departmentId(t, '杭州市交通运输局'), openType: 'unconditional', updateFrequency: 'yearly', fields: [{ name: 'a', title: 'A', type: 'string' }, { name: 'a', title: 'A2', type: 'string' }] } });
    expect(dupField.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fields.1.name' });
  });

  it('keeps providers to their own department and the reviewer off their own submission', async () => {
    const health = await departmentId(t, '杭州市卫生健康委员会');
    const other = await publisher.request({ method: 'POST', url: '/api/v1/catalog', payload: { title: '他局目录', summary: 'x', departmentId: health, openType: 'unconditional', updateFrequency: 'yearly' } });
    expect(other.statusCode).toBe(403);
    const admin = await login(t.app, DEMO.admin);
    const adminEntry = await admin.request({ method: 'POST', url: '/api/v1/catalog', payload: { title: '主管部门代建目录', summary: 'x', departmentId: health, openType: 'unconditional', updateFrequency: 'yearly' } });
    expect(adminEntry.statusCode).toBe(201);
    const id = adminEntry.json().id;
    // Another department's draft does not exist for this publisher, to change or to read.
    expect((await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { summary: 'y' } })).statusCode).toBe(404);
    expect((await publisher.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).statusCode).toBe(404);
    await submitForReview(t, admin, id);
    expect((await admin.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } })).statusCode).toBe(403);
    expect((await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } })).statusCode).toBe(200);
    const own = (await publisher.request({ method: 'GET', url: '/api/v1/console/catalog?pageSize=100' })).json();
    for (const page of ['1e300', '461168601842738800']) {
      const far = await publisher.request({ method: 'GET', url: `/api/v1/console/catalog?page=${page}` });
      expect(far.json().error?.code, page).toBe('VALIDATION_FAILED');
    }
    expect(own.items.every((i: { department: { name: string } }) => i.department.name === '杭州市交通运输局')).toBe(true);
  });

  it('freezes a revision once submitted, and keeps anyone who wrote part of it from approving it', async () => {
    const id = await createEntry(t, publisher, { title: '限行区域信息' });
    await submitForReview(t, publisher, id);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });

    const admin = await login(t.app, DEMO.admin);
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { summary: '主管部门改写的摘要' } })).statusCode).toBe(200);
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { title: '机动车限行区域信息' } });
    await submitForReview(t, publisher, id);
    // After submission the revision is what the reviewer reads: nothing slips in.
    const late = await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { openType: 'prohibited' } });
    expect(late.json().error?.code).toBe('INVALID_TRANSITION');
    const lateAdmin = await admin.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { summary: '再改' } });
    expect(lateAdmin.json().error?.code).toBe('INVALID_TRANSITION');
    // The administrator wrote part of this revision: another member of the authority decides.
    expect((await admin.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } })).json().error?.code).toBe('FORBIDDEN');
    expect((await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${id}` })).json()).toMatchObject({ title: '机动车限行区域信息', summary: '主管部门改写的摘要', openType: 'unconditional' });

    // A later round still carries the administrator's text: he never approves it.
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { tags: ['限行'] } });
    await submitForReview(t, publisher, id);
    expect((await admin.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } })).json().error?.code).toBe('FORBIDDEN');
  });

  it('keeps whoever wrote part of an entry from approving it in any later round', async () => {
    const admin = await login(t.app, DEMO.admin);
    const id = await createEntry(t, publisher, { title: '跨轮次审核' });
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload: { summary: '管理员写的摘要' } })).statusCode).toBe(200);
    await submitForReview(t, publisher, id);
    expect((await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: false, reason: '请补充' } })).statusCode).toBe(200);
    // Resubmitted unchanged: the administrator's summary is what would be approved.
    await submitForReview(t, publisher, id);
    const own = await admin.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    expect(own.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${id}` })).statusCode).not.toBe(200);
    expect((await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } })).statusCode).toBe(200);
  });

  it('never shows a prohibited entry outside the authority console, even published', async () => {
    const id = await createEntry(t, publisher, { title: '禁止开放的测试目录', openType: 'prohibited' });
    await submitForReview(t, publisher, id);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    const verified = await login(t.app, DEMO.verifiedUser);
    expect((await verified.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${id}` })).statusCode).toBe(404);
    const search = await t.app.inject({ method: 'GET', url: `/api/v1/catalog?q=${encodeURIComponent('禁止开放的测试目录')}` });
    expect(search.json().total).toBe(0);
    expect(JSON.stringify(search.json())).not.toContain(id);
    const all = (await reviewer.request({ method: 'GET', url: '/api/v1/console/catalog?pageSize=100' })).json();
    expect(all.items.map((i: { id: string }) => i.id)).toContain(id);
  });
});
