/**
 * Deadline notices: a workflow step due on the next working day is claimed for a reminder once, a
 * step past due for an overdue notice once, and the next step of the same case starts unmarked;
 * a published entry's next data update likewise. The claims are what the daily recurring task
 * turns into notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/domain/calendar.js';
import { UpdateDueNotices } from '../src/modules/catalog/update-due.js';
import { WorkflowService } from '../src/modules/workflow/service.js';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId, submitForReview } from './support/catalog.js';

let t: TestApp;
let authorityReviewer: Client;
let publisher: Client;
beforeAll(async () => {
  t = await startTestApp();
  [authorityReviewer, publisher] = await Promise.all([login(t.app, DEMO.authorityReviewer), login(t.app, DEMO.publisher)]);
});
afterAll(async () => { await t.close(); });

/** The engine as the recurring task runs it, on a chosen day. */
const engineOn = (day: string) => new WorkflowService(t.ctx.database.db, t.ctx.calendar, t.ctx.attachments, {}, () => day);
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

describe('next-update-due notices', () => {
  async function publishedDue(nextUpdateDue: string): Promise<string> {
    const id = await createEntry(t, publisher, { title: `更新提醒${nextUpdateDue}` });
    await submitForReview(t, publisher, id);
    const approved = await authorityReviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    expect(approved.statusCode, approved.body).toBe(200);
    await t.ctx.database.db.updateTable('catalog_entries').set({ next_update_due: nextUpdateDue }).where('id', '=', id).execute();
    return id;
  }
  const claimed = (rows: { id: string }[]) => rows.map((r) => r.id);

  it('reminds a provider once before the due date, and reports a missed update once', async () => {
    const notices = new UpdateDueNotices(t.ctx.database.db);
    const soon = await publishedDue('2027-03-10');
    const late = await publishedDue('2027-03-01');
    const first = await notices.claim('2027-03-05', '2027-03-12');
    expect(claimed(first.dueSoon)).toContain(soon);
    expect(claimed(first.dueSoon)).not.toContain(late);
    expect(claimed(first.overdue)).toContain(late);
    const again = await notices.claim('2027-03-05', '2027-03-12');
    expect(claimed(again.dueSoon)).not.toContain(soon);
    expect(claimed(again.overdue)).not.toContain(late);

    // New data moves the due date: its reminder is given afresh.
    await t.ctx.database.db.updateTable('catalog_entries').set({ next_update_due: '2027-04-09' }).where('id', '=', late).execute();
    expect(claimed((await notices.claim('2027-04-07', '2027-04-14')).dueSoon)).toContain(late);
  });

  it('leaves entries that are not published alone', async () => {
    const draft = await createEntry(t, publisher, { title: '草稿不提醒' });
    await t.ctx.database.db.updateTable('catalog_entries').set({ next_update_due: '2027-03-01' }).where('id', '=', draft).execute();
    const { dueSoon, overdue } = await new UpdateDueNotices(t.ctx.database.db).claim('2027-03-05', '2027-03-12');
    expect([...claimed(dueSoon), ...claimed(overdue)]).not.toContain(draft);
  });
});

describe('the daily notice tasks', () => {
  /** Fires a recurring task at 08:30 Hangzhou time on a day, and runs it to the end. */
  async function fireOn(task: string, day: string): Promise<void> {
    const id = await t.ctx.scheduler.fire(task, new Date(`${day}T08:30:00+08:00`));
    expect(id).toBeTruthy();
    expect(await t.ctx.jobRunner.runOne(id!)).toBe(true);
    const job = await t.ctx.jobs.get(id!);
    expect(job.status, job.error ?? '').toBe('succeeded');
  }
  const inbox = async (client: Client) => (await client.request({ method: 'GET', url: '/api/v1/me/notifications?pageSize=100' })).json()
    .items as { kind: string; title: string; link: string }[];

  it('reminds the department of a question due tomorrow, and tells it and the authority when it is overdue, once', async () => {
    const { id } = await ask();
    const dispatched = await authorityReviewer.request({
      method: 'POST', url: `/api/v1/consultations/${id}/dispatch`, payload: { departmentId: await departmentId(t, '杭州市交通运输局') },
    });
    const dueAt = dispatched.json().dueAt as string;
    const dayBefore = await t.ctx.calendar.addWorkingDays(chinaDate(), 4);
    await fireOn('workflow-deadline-notices', dayBefore);
    const reminders = (await inbox(publisher)).filter((n) => n.kind === 'deadline.tomorrow' && n.link === `/admin/consultations/${id}`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.title).toContain('即将到期');

    const dayAfter = await t.ctx.calendar.addWorkingDays(dueAt, 1);
    await fireOn('workflow-deadline-notices', dayAfter);
    await fireOn('workflow-deadline-notices', await t.ctx.calendar.addWorkingDays(dayAfter, 1));
    for (const reader of [publisher, authorityReviewer]) {
      expect((await inbox(reader)).filter((n) => n.kind === 'item.overdue' && n.link === `/admin/consultations/${id}`)).toHaveLength(1);
    }
  });

  it('tells the department\'s catalog keepers that an entry\'s data update is due, and when it was missed', async () => {
    const id = await createEntry(t, publisher, { title: '按月更新的公交数据' });
    await submitForReview(t, publisher, id);
    await authorityReviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
    await t.ctx.database.db.updateTable('catalog_entries').set({ next_update_due: '2027-06-10' }).where('id', '=', id).execute();
    await fireOn('data-update-notices', '2027-06-07');
    await fireOn('data-update-notices', '2027-06-14');
    const notices = (await inbox(publisher)).filter((n) => n.link === `/admin/catalog/${id}` && n.kind.startsWith('data.update')).map((n) => n.kind);
    expect(notices.sort()).toEqual(['data.update.due', 'data.update.overdue']);
  });
});
