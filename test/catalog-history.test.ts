/**
 * An entry's 变更记录 as the public reads it: what was published, under the department that
 * did it. Its keepers and the authority read every step, with names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, drainJobs, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
let publisher: Client;
let reviewer: Client;
beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  reviewer = await login(t.app, DEMO.authorityReviewer);
});
afterAll(async () => { await t.close(); });

const history = async (client: Client | null, id: string) => {
  const url = `/api/v1/catalog/${id}/history`;
  const res = client ? await client.request({ method: 'GET', url }) : await t.app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  return res.json().items as { action: string; changes: Record<string, unknown> | null; note: string | null; actor: string }[];
};

const review = (id: string, approve: boolean, reason?: string) =>
  reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve, ...(reason ? { reason } : {}) } });
const submit = (id: string) => submitForReview(t, publisher, id);
const edit = (id: string, payload: Record<string, unknown>) => publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${id}`, payload });

describe('catalog history', () => {
  it('shows the public only what was published, without staff names; staff see every step', async () => {
    const id = await createEntry(t, publisher, { title: '历史可见性测试' });
    const { resourceId } = (await upload(publisher, `/api/v1/catalog/${id}/resources`, 'ok.csv', '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n')).json();
    await drainJobs(t);
    await edit(id, { summary: '草稿阶段的摘要' });
    await submit(id);
    await review(id, false, '草稿驳回的理由');
    await edit(id, { summary: '发布时的摘要' });
    await submit(id);
    await review(id, true, '给开放主体的审核意见');
    // A revision the authority turned down.
    await edit(id, { summary: '被驳回的修改', openType: 'prohibited' });
    await submit(id);
    await review(id, false, '不同意改为禁止开放');
    // One it approved: published, so public.
    await edit(id, { title: '历史可见性测试（更名）' });
    await submit(id);
    await review(id, true);
    // Withdrawn and published again: the withdrawal and its reason are part of what the public saw.
    await publisher.request({ method: 'POST', url: `/api/v1/catalog/${id}/withdraw`, payload: { reason: '数据口径调整' } });
    await submit(id);
    await review(id, true, '再次发布的审核意见');
    // Still awaiting review: a revision and a data version that does not fit the catalog.
    await edit(id, { summary: '待审核的新摘要', openType: 'prohibited' });
    await upload(publisher, `/api/v1/resources/${resourceId}/versions`, 'v2.csv', '站点名称\n湖滨\n');
    await drainJobs(t);

    const staff = await history(publisher, id);
    expect(staff.map((h) => h.action)).toEqual([
      'hold-data', 'revise', 'publish', 'submit', 'withdraw', 'approve-revision', 'submit', 'revise', 'reject-revision', 'submit', 'revise',
      'publish', 'submit', 'update', 'reject', 'submit', 'update', 'create',
    ]);
    expect(staff.find((h) => h.action === 'revise')).toMatchObject({ actor: '交通局数据发布员', changes: { summary: ['发布时的摘要', '待审核的新摘要'] } });
    expect(await history(reviewer, id)).toEqual(staff);

    for (const outsider of [null, await login(t.app, DEMO.verifiedUser)]) {
      const seen = await history(outsider, id);
      expect(seen.map((h) => h.action)).toEqual(['publish', 'withdraw', 'approve-revision', 'publish']);
      expect(seen.map((h) => h.actor)).toEqual(['杭州市数据资源管理局', '杭州市交通运输局', '杭州市数据资源管理局', '杭州市数据资源管理局']);
      expect(seen[1]).toMatchObject({ note: '数据口径调整', changes: null });
      expect(seen[2]).toMatchObject({ changes: { title: ['历史可见性测试', '历史可见性测试（更名）'] }, note: null });
      const text = JSON.stringify(seen);
      for (const secret of ['交通局数据发布员', '主管部门审核员', 'prohibited', '待审核的新摘要', '被驳回的修改', '草稿阶段的摘要', '驳回的理由', '不同意', '审核意见', '第 2 版']) {
        expect(text, secret).not.toContain(secret);
      }
      // Nor does the entry itself tell of the review under way or the last word of a reviewer.
      const url = `/api/v1/catalog/${id}`;
      const entry = (outsider ? await outsider.request({ method: 'GET', url }) : await t.app.inject({ method: 'GET', url })).json();
      expect(entry).toMatchObject({ title: '历史可见性测试（更名）', summary: '发布时的摘要', openType: 'unconditional', pendingRevision: null, reviewNote: null, submittedAt: null, submittedBy: null });
    }
    const kept = (await publisher.request({ method: 'GET', url: `/api/v1/catalog/${id}` })).json();
    expect(kept).toMatchObject({ pendingRevision: { openType: 'prohibited' }, reviewNote: '再次发布的审核意见', submittedBy: publisher.userId });
    expect(kept.submittedAt).not.toBeNull();
  });
});
