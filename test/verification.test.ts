import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const person = { type: 'person', name: '李四', idNumber: '11010519491231002X' };

describe('real-name verification', () => {
  it('queues a valid person for the authority, who approves it', async () => {
    const user = await registerUser(t.app);
    const submitted = await user.request({ method: 'POST', url: '/api/v1/me/verification', payload: person });
    expect(submitted.statusCode).toBe(202);
    expect(submitted.json().verification).toMatchObject({ status: 'pending', idNumberMasked: '110105********002X' });
    expect(submitted.body).not.toContain('11010519491231002X');
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).json().verification).toMatchObject({ status: 'pending', type: 'person' });

    const again = await user.request({ method: 'POST', url: '/api/v1/me/verification', payload: person });
    expect(again.json().error.code).toBe('VERIFICATION_PENDING');

    const reviewer = await login(t.app, DEMO.authorityReviewer);
    const list = (await reviewer.request({ method: 'GET', url: '/api/v1/verifications?status=pending' })).json();
    const request = list.items.find((i: { userId: string }) => i.userId === user.userId);
    expect(request).toMatchObject({ name: '李四', phone: `${user.phone.slice(0, 3)}****${user.phone.slice(-4)}` });
    expect(JSON.stringify(list)).not.toContain('11010519491231002X');
    // The applicant is told the same deadline the reviewer works to.
    const mine = async () => (await user.request({ method: 'GET', url: '/api/v1/me/verification' })).json().verification;
    expect((await mine()).dueAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect((await mine()).dueAt).toBe(request.dueAt);

    const decided = await reviewer.request({ method: 'POST', url: `/api/v1/verifications/${request.id}/decision`, payload: { approve: true } });
    expect(decided.statusCode).toBe(200);
    const me = (await user.request({ method: 'GET', url: '/api/v1/me' })).json();
    expect(me.verification).toEqual({ status: 'verified', type: 'person', realName: '李四' });
    expect((await mine()).dueAt).toBeNull();

    const twice = await reviewer.request({ method: 'POST', url: `/api/v1/verifications/${request.id}/decision`, payload: { approve: false, reason: '重复' } });
    expect(twice.json().error.code).toBe('ALREADY_DECIDED');
    expect((await user.request({ method: 'POST', url: '/api/v1/me/verification', payload: person })).json().error.code).toBe('ALREADY_VERIFIED');
  });

  it('keeps the ID number encrypted at rest', async () => {
    const user = await registerUser(t.app);
    await user.request({ method: 'POST', url: '/api/v1/me/verification', payload: { ...person, idNumber: '33010619900101123X' } });
    const row = await t.ctx.database.db.selectFrom('verification_requests').selectAll().where('user_id', '=', user.userId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('33010619900101123X');
    expect(row.id_number_cipher).toBeTruthy();
  });

  it('rejects with a reason, after which the user may try again', async () => {
    const user = await registerUser(t.app);
    await user.request({ method: 'POST', url: '/api/v1/me/verification', payload: { type: 'organization', name: '杭州某某科技有限公司', creditCode: '91350100M000100Y43', legalRepresentative: '王五' } });
    const reviewer = await login(t.app, DEMO.authorityReviewer);
    const { items } = (await reviewer.request({ method: 'GET', url: '/api/v1/verifications?status=pending' })).json();
    const request = items.find((i: { userId: string }) => i.userId === user.userId);
    const noReason = await reviewer.request({ method: 'POST', url: `/api/v1/verifications/${request.id}/decision`, payload: { approve: false } });
    expect(noReason.json().error).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    await reviewer.request({ method: 'POST', url: `/api/v1/verifications/${request.id}/decision`, payload: { approve: false, reason: '营业执照信息不一致' } });
    const mine = (await user.request({ method: 'GET', url: '/api/v1/me/verification' })).json().verification;
    expect(mine).toMatchObject({ status: 'rejected', reason: '营业执照信息不一致', type: 'organization' });
    const retry = await user.request({ method: 'POST', url: '/api/v1/me/verification', payload: { type: 'organization', name: '杭州某某科技有限公司', creditCode: '91350100M000100Y43', legalRepresentative: '王五' } });
    expect(retry.statusCode).toBe(202);
  });

  it.each([
    [{ ...person, idNumber: '110105194912310021' }, 'INVALID_ID_NUMBER', 'idNumber'],
    [{ ...person, idNumber: '110105194902300026' }, 'INVALID_ID_NUMBER', 'idNumber'],
    [{ ...person, name: '   ' }, 'VALIDATION_FAILED', 'name'],
    [{ type: 'organization', name: '某公司', creditCode: '91350100M000100Y44', legalRepresentative: '王五' }, 'INVALID_CREDIT_CODE', 'creditCode'],
    [{ type: 'organization', name: '某公司', creditCode: '91350100M000100Y43', legalRepresentative: ' ' }, 'VALIDATION_FAILED', 'legalRepresentative'],
  ])('rejects %o naming the field, and nothing is written', async (payload, code, field) => {
    const user = await registerUser(t.app);
    const res = await user.request({ method: 'POST', url: '/api/v1/me/verification', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field });
    const rows = await t.ctx.database.db.selectFrom('verification_requests').select('id').where('user_id', '=', user.userId).execute();
    expect(rows).toHaveLength(0);
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).json().verification.status).toBe('none');
  });

  it('does not let a reviewer decide on their own request', async () => {
    const reviewer = await login(t.app, DEMO.authorityReviewer);
    await reviewer.request({ method: 'POST', url: '/api/v1/me/verification', payload: { ...person, idNumber: '330106198506153212', name: '审核员本人' } });
    const { items } = (await reviewer.request({ method: 'GET', url: '/api/v1/verifications?status=pending' })).json();
    const own = items.find((i: { userId: string }) => i.userId === reviewer.userId);
    const res = await reviewer.request({ method: 'POST', url: `/api/v1/verifications/${own.id}/decision`, payload: { approve: true } });
    expect(res.statusCode).toBe(403);
    const admin = await login(t.app, DEMO.admin);
    expect((await admin.request({ method: 'POST', url: `/api/v1/verifications/${own.id}/decision`, payload: { approve: true } })).statusCode).toBe(200);
  });
});
