/**
 * Deadline notices on the workflow engine: a step due on the next working day is claimed for a
 * reminder once, a step past due is claimed for an overdue notice once, and the next step of the
 * same case starts unmarked. The claims are what the daily recurring task turns into notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/domain/calendar.js';
import { WorkflowService } from '../src/modules/workflow/service.js';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { departmentId } from './support/catalog.js';

let t: TestApp;
let authorityReviewer: Client;
beforeAll(async () => {
  t = await startTestApp();
  authorityReviewer = await login(t.app, DEMO.authorityReviewer);
});
afterAll(async () => { await t.close(); });

/** The engine as the recurring task runs it, on a chosen day. */
const engineOn = (day: string) => new WorkflowService(t.ctx.database.db, t.ctx.calendar, () => day);
const ids = (rows: { subject_id: string }[]) => rows.map((r) => r.subject_id);

async function ask(): Promise<{ id: string; dueAt: string }> {
  const asker = await registerUser(t.app);
  const res = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '数据更新频率', content: '多久更新一次？' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('deadline notices', () => {
  it('claims a step for its reminder on the working day before it is due, once', async () => {
    const { id, dueAt } = await ask();
    const dayBefore = await t.ctx.calendar.addWorkingDays(chinaDate(), 4);
    expect(ids((await engineOn(chinaDate()).claimDeadlineNotices()).dueSoon)).not.toContain(id);
    expect(ids((await engineOn(dayBefore).claimDeadlineNotices()).dueSoon)).toContain(id);
    expect(ids((await engineOn(dayBefore).claimDeadlineNotices()).dueSoon)).not.toContain(id);
    // Due today and already reminded: no second reminder on the day itself.
    expect(ids((await engineOn(dueAt).claimDeadlineNotices()).dueSoon)).not.toContain(id);
  });

  it('claims an overdue step once, the day after it was due, and a later step afresh', async () => {
    const { id, dueAt } = await ask();
    const dayAfter = await t.ctx.calendar.addWorkingDays(dueAt, 1);
    expect(ids((await engineOn(dueAt).claimDeadlineNotices()).overdue)).not.toContain(id);
    expect(ids((await engineOn(dayAfter).claimDeadlineNotices()).overdue)).toContain(id);
    expect(ids((await engineOn(dayAfter).claimDeadlineNotices()).overdue)).not.toContain(id);

    const dispatched = await authorityReviewer.request({
      method: 'POST', url: `/api/v1/consultations/${id}/dispatch`, payload: { departmentId: await departmentId(t, '杭州市交通运输局') },
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    const nextDue = dispatched.json().dueAt as string;
    const afterNext = await t.ctx.calendar.addWorkingDays(nextDue, 1);
    expect(ids((await engineOn(afterNext).claimDeadlineNotices()).overdue)).toContain(id);
  });

  it('gives each claim to one of two firings at once', async () => {
    const { id, dueAt } = await ask();
    const dayAfter = await t.ctx.calendar.addWorkingDays(dueAt, 1);
    const firings = await Promise.all([engineOn(dayAfter).claimDeadlineNotices(), engineOn(dayAfter).claimDeadlineNotices()]);
    expect(firings.flatMap((f) => ids(f.overdue)).filter((x) => x === id)).toHaveLength(1);
  });
});
