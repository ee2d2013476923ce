/**
 * 站内信 and the channels beyond it: who hears of what in the workflows, the inbox (own notices
 * only, newest first, in the reader's language), email through a real SMTP server and SMS
 * through an HTTP gateway, both after the commit and never failing the command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId } from './support/catalog.js';
import { startMailServer, startSmsGateway } from './support/outbound.js';

type Inbox = { unread: number; total: number; items: { id: string; kind: string; title: string; link: string | null; createdAt: string; readAt: string | null }[] };

const inbox = async (client: Client, lang?: 'en'): Promise<Inbox> => {
  const res = await client.request({ method: 'GET', url: '/api/v1/me/notifications', headers: lang ? { 'accept-language': 'en' } : {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const person = { type: 'person', name: '李四', idNumber: '11010519491231002X' };

/** A new user's verification request, decided by the authority's reviewer. */
async function verifyDecided(t: TestApp, user: Client, approve: boolean): Promise<void> {
  expect((await user.request({ method: 'POST', url: '/api/v1/me/verification', payload: person })).statusCode).toBe(202);
  const request = await t.ctx.verification.latestOf(user.userId);
  const reviewer = await login(t.app, DEMO.authorityReviewer);
  const decided = await reviewer.request({ method: 'POST', url: `/api/v1/verifications/${request!.id}/decision`, payload: approve ? { approve } : { approve, reason: '证件照片不清晰' } });
  expect(decided.statusCode, decided.body).toBe(200);
}

describe('站内信', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('tells the applicant of the verification decision, in the reader’s language, and marks read', async () => {
    const user = await registerUser(t.app);
    expect(await inbox(user)).toMatchObject({ unread: 0, items: [] });
    await verifyDecided(t, user, false);
    const mine = await inbox(user);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'verification.decided', title: '实名认证未通过', link: '/user/verification', readAt: null });
    expect((await inbox(user, 'en')).items[0]!.title).toBe('Real-name verification rejected');

    // Another account's ids change nothing, and its inbox shows nothing of this one.
    const other = await registerUser(t.app);
    const foreign = await other.request({ method: 'POST', url: '/api/v1/me/notifications/read', payload: { ids: [mine.items[0]!.id] } });
    expect(foreign.statusCode).toBe(200);
    expect((await inbox(user)).unread).toBe(1);
    expect((await inbox(other)).items).toEqual([]);

    const read = await user.request({ method: 'POST', url: '/api/v1/me/notifications/read', payload: { ids: [mine.items[0]!.id] } });
    expect(read.json()).toEqual({ unread: 0 });
    expect((await inbox(user)).items[0]!.readAt).not.toBeNull();
  });

  it('marks all read without ids, and pages newest first', async () => {
    const user = await registerUser(t.app);
    for (const title of ['第一', '第二', '第三']) {
      await t.ctx.database.unitOfWork.run(() => t.ctx.notifications.notify({ to: user.userId, kind: 'consultation.replied', params: { title } }));
      await new Promise((r) => setTimeout(r, 5));
    }
    const page = (await user.request({ method: 'GET', url: '/api/v1/me/notifications?pageSize=2' })).json() as Inbox;
    expect(page).toMatchObject({ unread: 3, total: 3 });
    expect(page.items.map((i) => i.title)).toEqual(['您的咨询「第三」已答复', '您的咨询「第二」已答复']);
    const all = await user.request({ method: 'POST', url: '/api/v1/me/notifications/read', payload: {} });
    expect(all.json()).toEqual({ unread: 0 });
    expect((await user.request({ method: 'GET', url: '/api/v1/me/notifications?unread=true' })).json().items).toEqual([]);
  });

  it('hands a submission to the department’s reviewers, the sign-off to the authority, and tells the submitter each decision', async () => {
    const publisher = await login(t.app, DEMO.publisher);
    const providerReviewer = await login(t.app, DEMO.providerReviewer);
    const [admin, authorityReviewer, auditor] = await Promise.all([login(t.app, DEMO.admin), login(t.app, DEMO.authorityReviewer), login(t.app, DEMO.auditor)]);
    const before = { auditor: (await inbox(auditor)).total, admin: (await inbox(admin)).total };
    const entryId = await createEntry(t, publisher, { title: '通知测试目录' });
    expect((await publisher.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/submit` })).statusCode).toBe(200);

    const assigned = (await inbox(providerReviewer)).items.find((i) => i.kind === 'item.assigned' && i.link === `/admin/review/${entryId}`);
    expect(assigned?.title).toBe('待办：目录发布审核「通知测试目录」');
    // Nobody else at the department or the authority has it yet; the publisher is not told of their own submission.
    expect((await inbox(publisher)).items.some((i) => i.link === `/admin/review/${entryId}`)).toBe(false);
    expect((await inbox(admin)).total).toBe(before.admin);

    expect((await providerReviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } })).statusCode).toBe(200);
    expect((await inbox(publisher)).items[0]).toMatchObject({ kind: 'catalog.review.decided', title: '「通知测试目录」开放主体安全审查已通过', link: `/admin/catalog/${entryId}` });
    for (const reviewer of [admin, authorityReviewer]) {
      expect((await inbox(reviewer)).items[0]).toMatchObject({ kind: 'item.assigned', link: `/admin/review/${entryId}` });
    }
    // The security auditor takes no review step: no notice.
    expect((await inbox(auditor)).total).toBe(before.auditor);

    const returned = await authorityReviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: false, reason: '字段说明不完整' } });
    expect(returned.statusCode, returned.body).toBe(200);
    expect((await inbox(publisher)).items[0]).toMatchObject({ kind: 'catalog.review.decided', title: '「通知测试目录」主管部门审核已退回' });
  });

  it('hands a question to the authority, a dispatched one to the department, and tells the asker of the reply', async () => {
    const asker = await registerUser(t.app);
    const [admin, publisher, providerReviewer] = await Promise.all([login(t.app, DEMO.admin), login(t.app, DEMO.publisher), login(t.app, DEMO.providerReviewer)]);
    const asked = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '公交数据多久更新？', content: '想了解更新频率。' } });
    const { id, dueAt } = asked.json() as { id: string; dueAt: string };
    const handed = (await inbox(admin)).items.find((i) => i.link === `/admin/consultations/${id}`);
    expect(handed?.title).toBe('待办：咨询「公交数据多久更新？」');
    expect((await inbox(publisher)).items.some((i) => i.link === `/admin/consultations/${id}`)).toBe(false);

    const transport = await departmentId(t, '杭州市交通运输局');
    expect((await admin.request({ method: 'POST', url: `/api/v1/consultations/${id}/dispatch`, payload: { departmentId: transport } })).statusCode).toBe(200);
    for (const staff of [publisher, providerReviewer]) {
      expect((await inbox(staff)).items.find((i) => i.link === `/admin/consultations/${id}`)?.kind).toBe('item.assigned');
    }
    expect(dueAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect((await publisher.request({ method: 'POST', url: `/api/v1/consultations/${id}/reply`, payload: { content: '每月更新。' } })).statusCode).toBe(200);
    expect((await inbox(asker)).items[0]).toMatchObject({ kind: 'consultation.replied', title: '您的咨询「公交数据多久更新？」已答复', link: `/user/consultations/${id}` });
  });

  it('keeps preferences per account: the inbox always on, email and SMS as chosen', async () => {
    const user = await registerUser(t.app);
    const initial = (await user.request({ method: 'GET', url: '/api/v1/me/notification-preferences' })).json();
    expect(initial).toMatchObject({ channels: { inApp: true, email: true, sms: false }, available: { email: false, sms: false }, mutedKinds: [] });
    const put = await user.request({ method: 'PUT', url: '/api/v1/me/notification-preferences', payload: { sms: true, mutedKinds: ['item.overdue'] } });
    expect(put.json()).toMatchObject({ channels: { inApp: true, email: true, sms: true }, mutedKinds: ['item.overdue'] });
    const unknownKind = await user.request({ method: 'PUT', url: '/api/v1/me/notification-preferences', payload: { mutedKinds: ['nonsense'] } });
    expect(unknownKind.statusCode).toBe(400);
    const unknownField = await user.request({ method: 'PUT', url: '/api/v1/me/notification-preferences', payload: { inApp: false } });
    expect(unknownField.statusCode).toBe(400);
  });
});

describe('email and SMS', () => {
  let t: TestApp;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  beforeAll(async () => {
    [mail, sms] = await Promise.all([startMailServer(), startSmsGateway()]);
    t = await startTestApp({
      SMTP_URL: mail.url, SMTP_FROM: '杭州市公共数据开放平台 <noreply@data.example.gov.cn>',
      SMS_GATEWAY_URL: sms.url, SMS_GATEWAY_TOKEN: 'gateway-secret', SHUKAI_PUBLIC_URL: 'https://data.example.gov.cn',
    });
  });
  afterAll(async () => { await t.close(); await mail.close(); await sms.close(); });

  it('emails the notice with its link after the commit, and texts it to those who chose SMS', async () => {
    const email = `notify${Date.now()}@example.com`;
    const user = await registerUser(t.app, { email });
    await user.request({ method: 'PUT', url: '/api/v1/me/notification-preferences', payload: { sms: true } });
    await verifyDecided(t, user, true);
    const received = await mail.waitForMail(email);
    expect(received.subject).toBe('实名认证已通过');
    expect(received.text).toContain('https://data.example.gov.cn/user/verification');
    expect(received.text).toContain('Real-name verification approved');
    const text = await sms.waitForSms(user.phone);
    expect(text).toMatchObject({ authorization: 'Bearer gateway-secret' });
    expect(text.text).toContain('实名认证已通过');
  });

  it('sends nothing beyond the inbox for a kind kept to the inbox, or with email switched off', async () => {
    const email = `quiet${Date.now()}@example.com`;
    const user = await registerUser(t.app, { email });
    await user.request({ method: 'PUT', url: '/api/v1/me/notification-preferences', payload: { email: false, sms: true, mutedKinds: ['verification.decided'] } });
    await verifyDecided(t, user, true);
    await t.ctx.outbox.idle();
    expect(mail.mails.some((m) => m.to === email)).toBe(false);
    expect(sms.messages.some((m) => m.to === user.phone)).toBe(false);
    expect((await inbox(user)).unread).toBe(1);
  });

  it('sends nothing when the command rolls back', async () => {
    const email = `rollback${Date.now()}@example.com`;
    const user = await registerUser(t.app, { email });
    await expect(t.ctx.database.unitOfWork.run(async () => {
      await t.ctx.notifications.notify({ to: user.userId, kind: 'consultation.replied', params: { title: '回滚' } });
      throw new Error('the command fails after the notice');
    })).rejects.toThrow('the command fails');
    await t.ctx.outbox.idle();
    expect(mail.mails.some((m) => m.to === email)).toBe(false);
    expect((await inbox(user)).unread).toBe(0);
  });
});

describe('a channel that fails', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 9 of 127.0.0.1: every email fails to connect.
    t = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:9', SMTP_FROM: 'noreply@data.example.gov.cn' });
  });
  afterAll(async () => { await t.close(); });

  it('fails no command: the decision stands and the inbox has the notice', async () => {
    const user = await registerUser(t.app, { email: `broken${Date.now()}@example.com` });
    await verifyDecided(t, user, true);
    await t.ctx.outbox.idle();
    expect((await inbox(user)).items[0]).toMatchObject({ kind: 'verification.decided', title: '实名认证已通过' });
  });
});
