/**
 * Files that go with workflow steps: checked on upload, their uploader's alone until a step
 * names them, then read by the case's participants only; claimed by one step once; swept when
 * abandoned.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, DEMO, login, registerUser, startTestApp, STRONG_PASSWORD, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId, departmentReviewer } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
let authorityReviewer: Client;
let publisher: Client;
let transport: string;
beforeAll(async () => {
  t = await startTestApp();
  [authorityReviewer, publisher] = await Promise.all([login(t.app, DEMO.authorityReviewer), login(t.app, DEMO.publisher)]);
  transport = await departmentId(t, '杭州市交通运输局');
});
afterAll(async () => { await t.close(); });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c50000000049454e44ae426082', 'hex');

async function attach(client: Client, fileName = '营业执照.pdf', content: Buffer = PDF): Promise<string> {
  const res = await upload(client, '/api/v1/attachments', fileName, content);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function blobCount(): Promise<number> {
  const root = join(t.database.dataDir, 'blobs');
  const dirs = await readdir(root).catch(() => []);
  let n = 0;
  for (const dir of dirs) n += (await readdir(join(root, dir))).filter((f) => !f.endsWith('.part')).length;
  return n;
}

const download = (client: Client | null, id: string) =>
  client ? client.request({ method: 'GET', url: `/api/v1/attachments/${id}` }) : t.app.inject({ method: 'GET', url: `/api/v1/attachments/${id}` });

describe('uploading an attachment', () => {
  it('keeps a PDF or an image, recognised by its bytes, for its uploader alone', async () => {
    const user = await registerUser(t.app);
    const res = await upload(user, '/api/v1/attachments', '等保证书.png', PNG);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: '等保证书.png', contentType: 'image/png', size: PNG.length });

    const own = await download(user, res.json().id);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.headers['content-disposition']).toContain("filename*=UTF-8''%E7%AD%89");
    expect(own.rawPayload.equals(PNG)).toBe(true);
    // Nobody else learns it exists.
    expect((await download(await registerUser(t.app), res.json().id)).statusCode).toBe(404);
    expect((await download(authorityReviewer, res.json().id)).statusCode).toBe(404);
    expect((await download(null, res.json().id)).statusCode).toBe(404);
  });

  it('refuses executables, text, empty and oversized files, leaving nothing stored', async () => {
    const user = await registerUser(t.app);
    const before = await blobCount();
    const exe = await upload(user, '/api/v1/attachments', '证书.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90), Buffer.from('PE\0\0')]));
    expect(exe.statusCode, exe.body).toBe(415);
    expect(exe.json().error.code).toBe('UNSUPPORTED_FORMAT');
    expect((await upload(user, '/api/v1/attachments', '说明.txt', '纯文本')).json().error.code).toBe('UNSUPPORTED_FORMAT');
    expect((await upload(user, '/api/v1/attachments', '空.pdf', Buffer.alloc(0))).json().error.code).toBe('EMPTY_FILE');
    const big = await upload(user, '/api/v1/attachments', '大.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('FILE_TOO_LARGE');
    expect(await blobCount()).toBe(before);
    const rows = await t.ctx.database.db.selectFrom('attachments').select('id').where('uploaded_by', '=', user.userId).execute();
    expect(rows).toEqual([]);
  });

  it('holds at most twenty unsent files per account, and an unsent one can be deleted', async () => {
    const user = await registerUser(t.app);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await attach(user, `材料${i}.pdf`));
    const refused = await upload(user, '/api/v1/attachments', '第21个.pdf', PDF);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');

    expect((await user.request({ method: 'DELETE', url: `/api/v1/attachments/${ids[0]}` })).statusCode).toBe(204);
    expect((await download(user, ids[0]!)).statusCode).toBe(404);
    // Someone else's file is not theirs to delete.
    expect((await (await registerUser(t.app)).request({ method: 'DELETE', url: `/api/v1/attachments/${ids[1]}` })).statusCode).toBe(404);
    await attach(user, '腾出位置后.pdf');
  });
});

describe('an attachment on a workflow step', () => {
  it('goes with the question and is read by those the question is with, and no one else', async () => {
    const asker = await registerUser(t.app);
    const file = await attach(asker, '截图.png', PNG);
    const asked = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '附件咨询', content: '见附件。', attachmentIds: [file] } });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id } = asked.json();

    const timeline = (await authorityReviewer.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).json().timeline;
    expect(timeline[0]).toMatchObject({ action: 'open', attachments: [{ id: file, fileName: '截图.png', contentType: 'image/png' }] });
    expect((await download(authorityReviewer, file)).statusCode).toBe(200);
    // The department sees it once the question is sent there; other people never.
    expect((await download(publisher, file)).statusCode).toBe(404);
    const dispatched = await authorityReviewer.request({ method: 'POST', url: `/api/v1/consultations/${id}/dispatch`, payload: { departmentId: transport } });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect((await download(publisher, file)).statusCode).toBe(200);
    expect((await download(await registerUser(t.app), file)).statusCode).toBe(404);
    expect((await download(null, file)).statusCode).toBe(404);

    // The department's reply carries its own file, which the asker reads.
    const answerFile = await attach(publisher, '答复说明.pdf');
    const replied = await publisher.request({ method: 'POST', url: `/api/v1/consultations/${id}/reply`, payload: { content: '见答复附件。', attachmentIds: [answerFile] } });
    expect(replied.statusCode, replied.body).toBe(200);
    const seen = (await asker.request({ method: 'GET', url: `/api/v1/consultations/${id}` })).json();
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'reply', attachments: [{ id: answerFile, fileName: '答复说明.pdf' }] });
    expect((await download(asker, answerFile)).rawPayload.equals(PDF)).toBe(true);
    // A file that went with a step stays with it.
    const deleted = await asker.request({ method: 'DELETE', url: `/api/v1/attachments/${file}` });
    expect(deleted.statusCode).toBe(409);
  });

  it('refuses a file that is someone else\'s or already sent, and the step with it', async () => {
    const asker = await registerUser(t.app);
    const others = await attach(await registerUser(t.app));
    const refused = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '借用附件', content: '…', attachmentIds: [others] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'attachmentIds' });
    expect((await asker.request({ method: 'GET', url: '/api/v1/me/consultations' })).json().total).toBe(0);

    const mine = await attach(asker);
    const first = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '第一问', content: '…', attachmentIds: [mine] } });
    expect(first.statusCode, first.body).toBe(201);
    const second = await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '第二问', content: '…', attachmentIds: [mine] } });
    expect(second.statusCode).toBe(400);
    expect((await asker.request({ method: 'GET', url: '/api/v1/me/consultations' })).json().total).toBe(1);
  });

  it("goes with a department's security review, read by that department and the authority only", async () => {
    const entryId = await createEntry(t, publisher);
    expect((await publisher.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/submit` })).statusCode).toBe(200);
    const reviewer = await departmentReviewer(t, transport);
    const report = await attach(reviewer, '安全审查报告.pdf');
    const signed = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true, comment: '见审查报告', attachmentIds: [report] } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await download(authorityReviewer, report)).statusCode).toBe(200);
    expect((await download(publisher, report)).statusCode).toBe(200);
    const other = await createStaff(t, ['provider_reviewer'], await departmentId(t, '杭州市卫生健康委员会'));
    const otherDepartment = await login(t.app, other.phone, STRONG_PASSWORD);
    expect((await download(otherDepartment, report)).statusCode).toBe(404);
  });
});

describe('abandoned uploads', () => {
  it('are swept by the nightly task a day later, with their files; sent ones stay', async () => {
    const user = await registerUser(t.app);
    const abandoned = await attach(user, '忘了提交.pdf');
    const kept = await attach(user, '已提交.pdf');
    expect((await user.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '保留', content: '…', attachmentIds: [kept] } })).statusCode).toBe(201);
    const before = await blobCount();

    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    const job = await t.ctx.scheduler.fire('abandoned-attachments-sweep', tomorrow);
    expect(await t.ctx.jobRunner.runOne(job!)).toBe(true);

    expect((await download(user, abandoned)).statusCode).toBe(404);
    expect((await download(user, kept)).statusCode).toBe(200);
    expect(await blobCount()).toBeLessThanOrEqual(before - 1);
  });
});
