/**
 * 我要咨询 (rules 三.4) on the workflow engine: due dates on the working-day calendar, dispatch
 * to a department, the reply, the timeline, the public Q&A, the workbench and supervision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/domain/calendar.js';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId, submitForReview } from './support/catalog.js';

let t: TestApp;
let admin: Client;
let authorityReviewer: Client;
let publisher: Client;
let transport: string;
beforeAll(async () => {
  t = await startTestApp();
  [admin, authorityReviewer, publisher] = await Promise.all([login(t.app, DEMO.admin), login(t.app, DEMO.authorityReviewer), login(t.app, DEMO.publisher)]);
  transport = await departmentId(t, '杭州市交通运输局');
});
afterAll(async () => { await t.close(); });

async function ask(asker: Client, body: Record<string, unknown> = {}) {
  const res = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '公交站点数据多久更新一次？', content: '想了解更新频率。', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; dueAt: string };
}

describe('我要咨询', () => {
  it('is due on the 5th working day after receipt, and a holiday set by the authority moves it', async () => {
    const asker = await registerUser(t.app);
    const today = chinaDate();
    const first = await ask(asker);
    expect(first).toMatchObject({ status: 'with_authority', dueAt: await t.ctx.calendar.addWorkingDays(today, 5) });

    const tomorrowsWorkingDay = await t.ctx.calendar.addWorkingDays(today, 1);
    const set = await admin.request({ method: 'PUT', url: `/api/v1/calendar/days/${tomorrowsWorkingDay}`, payload: { kind: 'holiday' } });
    expect(set.statusCode, set.body).toBe(200);
    const second = await ask(asker);
    expect(second.dueAt > first.dueAt).toBe(true);
    expect(second.dueAt).toBe(await t.ctx.calendar.addWorkingDays(today, 5));
    await admin.request({ method: 'DELETE', url: `/api/v1/calendar/days/${tomorrowsWorkingDay}` });
  });

  it('goes from the asker to the authority, to the department, and back to the asker as a public answer', async () => {
    const asker = await registerUser(t.app);
    const { id } = await ask(asker, { public: true, title: '地铁站点出入口坐标' });

    const asSeen = (await asker.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).json();
    expect(asSeen).toMatchObject({ id, status: 'with_authority', abilities: ['withdraw'] });
    expect(asSeen.timeline.map((s: { action: string }) => s.action)).toEqual(['open']);

    // The department cannot see it until it is sent there; the authority has it on its list.
    expect((await publisher.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).statusCode).toBe(404);
    const authorityTasks = (await authorityReviewer.request({ method: 'GET', url: '/api/v1/workflow/tasks' })).json();
    expect(authorityTasks.items).toContainEqual(expect.objectContaining({ kind: 'consultation', id, step: 'with_authority', overdue: false, link: `/admin/consultations/${id}` }));

    const dispatched = await authorityReviewer.request({ method: 'POST', url: `/api/v1/consultations/${id}/dispatch`, payload: { departmentId: transport } });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json()).toMatchObject({ status: 'with_department', departmentId: transport, dueAt: await t.ctx.calendar.addWorkingDays(chinaDate(), 5) });

    const departmentTasks = (await publisher.request({ method: 'GET', url: '/api/v1/workflow/tasks' })).json();
    expect(departmentTasks.items).toContainEqual(expect.objectContaining({ kind: 'consultation', id, step: 'with_department' }));
    expect(departmentTasks.counts.consultation).toBeGreaterThanOrEqual(1);
    const queue = (await publisher.request({ method: 'GET', url: '/api/v1/consultations?scope=staff&open=true' })).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);

    const replied = await publisher.request({ method: 'POST', url: `/api/v1/consultations/${id}/reply`, payload: { content: '数据每日更新，坐标系为 CGCS2000。' } });
    expect(replied.statusCode, replied.body).toBe(200);

    const answered = (await asker.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).json();
    expect(answered).toMatchObject({ status: 'answered', reply: { content: '数据每日更新，坐标系为 CGCS2000。' }, abilities: [] });
    expect(answered.timeline.map((s: { action: string }) => s.action)).toEqual(['open', 'dispatch', 'reply']);
    // The asker learns what happened, not which member of staff did it.
    expect(answered.timeline.every((s: { actorName?: string }) => s.actorName === undefined)).toBe(true);

    const mine = (await asker.request({ method: 'GET', url: '/api/v1/me/consultations' })).json();
    expect(mine.items[0]).toMatchObject({ id, status: 'answered' });
    const publicList = (await t.app.inject({ method: 'GET', url: '/api/v1/consultations?scope=public' })).json();
    expect(publicList.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/consultations/${id}` })).json()).toMatchObject({ status: 'answered', timeline: [] });

    // The step is decided: a second answer is a conflict, not a second success.
    const late = await admin.request({ method: 'POST', url: `/api/v1/consultations/${id}/reply`, payload: { content: '补充答复' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CONFLICT');
  });

  it('names the dataset a question is about, and refuses one the catalog does not list', async () => {
    const asker = await registerUser(t.app);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/catalog?pageSize=1' })).json().items[0] as { id: string; title: string };
    const { id } = await ask(asker, { entryId: listed.id });
    expect((await asker.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).json()).toMatchObject({ entryId: listed.id, entryTitle: listed.title });
    const unknown = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '不存在的目录', content: '？', entryId: 'no-such-entry' } });
    expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'entryId' });

    // Taken off the portal, the entry is no longer named on the question's page.
    const draft = await createEntry(t, publisher, { title: '稍后撤回的目录' });
    await submitForReview(t, publisher, draft);
    await authorityReviewer.request({ method: 'POST', url: `/api/v1/catalog/${draft}/review`, payload: { approve: true } });
    const aboutIt = await ask(asker, { entryId: draft });
    expect((await publisher.request({ method: 'POST', url: `/api/v1/catalog/${draft}/withdraw`, payload: { reason: '停止开放' } })).statusCode).toBe(200);
    expect((await asker.request({ method: 'GET', url: `/api/v1/consultations/${aboutIt.id}` })).json().entryTitle).toBeNull();
  });

  it('lets one account ask five questions in a quarter of an hour, not more', async () => {
    const asker = await registerUser(t.app);
    for (let i = 0; i < 5; i++) await ask(asker, { title: `第${i + 1}个问题` });
    const sixth = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '第6个问题', content: '？' } });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('RATE_LIMITED');
    expect((await asker.request({ method: 'GET', url: '/api/v1/me/consultations' })).json().total).toBe(5);
  });

  it('keeps private questions private, and lets nobody answer their own', async () => {
    const asker = await registerUser(t.app);
    const stranger = await registerUser(t.app);
    const { id } = await ask(asker);
    expect((await stranger.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/consultations/${id}` })).statusCode).toBe(404);
    expect((await stranger.request({ method: 'POST', url: `/api/v1/consultations/${id}/withdraw`, payload: {} })).statusCode).toBe(404);
    const own = await asker.request({ method: 'POST', url: `/api/v1/consultations/${id}/reply`, payload: { content: '自问自答' } });
    expect(own.statusCode).toBe(403);
    const refused = await asker.request({ method: 'POST', url: `/api/v1/consultations/${id}/dispatch`, payload: { departmentId: transport } });
    expect(refused.statusCode).toBe(403);

    const withdrawn = await asker.request({ method: 'POST', url: `/api/v1/consultations/${id}/withdraw`, payload: {} });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', abilities: [] });
    const unanswered = (await t.app.inject({ method: 'GET', url: '/api/v1/consultations?scope=public' })).json();
    expect(unanswered.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('needs a reason to send a question back, and a provider department to send it to', async () => {
    const asker = await registerUser(t.app);
    const { id } = await ask(asker);
    const authority = await t.ctx.database.db.selectFrom('departments').select('id').where('kind', '=', 'authority').executeTakeFirstOrThrow();
    const toAuthority = await admin.request({ method: 'POST', url: `/api/v1/consultations/${id}/dispatch`, payload: { departmentId: authority.id } });
    expect(toAuthority.statusCode).toBe(400);
    await admin.request({ method: 'POST', url: `/api/v1/consultations/${id}/dispatch`, payload: { departmentId: transport } });
    // Sending it back is the department's alone: the authority that sent it may still answer, not "return" it to itself.
    expect((await admin.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).json().abilities).not.toContain('return');
    expect((await admin.request({ method: 'POST', url: `/api/v1/consultations/${id}/return`, payload: { reason: '退回给自己' } })).statusCode).toBe(403);
    const blank = await publisher.request({ method: 'POST', url: `/api/v1/consultations/${id}/return`, payload: { reason: '  ' } });
    expect(blank.json().error.code).toBe('REASON_REQUIRED');
    const back = await publisher.request({ method: 'POST', url: `/api/v1/consultations/${id}/return`, payload: { reason: '非本部门数据' } });
    expect(back.json()).toMatchObject({ id, status: 'with_authority' });
    // Sent back, it is no longer the department's: it neither reads nor answers it, and it leaves its list.
    expect((await publisher.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).statusCode).toBe(404);
    expect((await publisher.request({ method: 'POST', url: `/api/v1/consultations/${id}/reply`, payload: { content: '退回后又答复' } })).statusCode).toBe(404);
    const queue = (await publisher.request({ method: 'GET', url: '/api/v1/consultations?scope=staff&pageSize=100' })).json().items as { id: string }[];
    expect(queue.map((i) => i.id)).not.toContain(id);
    const atAuthority = (await admin.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).json();
    expect(atAuthority).toMatchObject({ status: 'with_authority', departmentId: null, abilities: expect.arrayContaining(['dispatch', 'reply']) });
    expect(atAuthority.timeline.at(-1)).toMatchObject({ action: 'return', reason: '非本部门数据', department: '杭州市交通运输局' });
  });

  it('shows what is overdue on a date to the authority only', async () => {
    const asker = await registerUser(t.app);
    const { id, dueAt } = await ask(asker);
    const dayAfter = new Date(Date.parse(`${dueAt}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const onDue = (await authorityReviewer.request({ method: 'GET', url: `/api/v1/workflow/overdue?asOf=${dueAt}` })).json();
    expect(onDue.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const after = (await authorityReviewer.request({ method: 'GET', url: `/api/v1/workflow/overdue?asOf=${dayAfter}` })).json();
    expect(after.items).toContainEqual(expect.objectContaining({ kind: 'consultation', id, overdue: true }));
    expect((await publisher.request({ method: 'GET', url: `/api/v1/workflow/overdue?asOf=${dayAfter}` })).statusCode).toBe(403);
  });

  it('answers one of two parallel replies and refuses the other with 409', async () => {
    const asker = await registerUser(t.app);
    const { id } = await ask(asker);
    const answers = await Promise.all([admin, authorityReviewer].map((staff, i) =>
      staff.request({ method: 'POST', url: `/api/v1/consultations/${id}/reply`, payload: { content: `答复 ${i}` } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const steps = await t.ctx.database.db.selectFrom('workflow_steps').innerJoin('workflow_cases', 'workflow_cases.id', 'workflow_steps.case_id')
      .select('workflow_steps.transition').where('workflow_cases.subject_id', '=', id).execute();
    expect(steps.map((s) => s.transition)).toEqual(['open', 'reply']);
  });
});
