import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const newDepartment = {
  name: '杭州市文化广电旅游局',
  responsibleUnit: '科技信息处',
  contactPerson: '钱多多',
  contactPhone: '0571-85250111',
  contactEmail: 'wglj@hangzhou.example.cn',
};

describe('departments (开放主体)', () => {
  it('publishes the seeded authority and at least eight providers with their contacts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/departments' });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.filter((d: { kind: string }) => d.kind === 'authority').map((d: { name: string }) => d.name)).toEqual(['杭州市数据资源管理局']);
    expect(items.filter((d: { kind: string }) => d.kind === 'provider').length).toBeGreaterThanOrEqual(8);
    const transport = items.find((d: { name: string }) => d.name === '杭州市交通运输局');
    expect(transport.contact).toEqual({ person: '李明哲', phone: '0571-85250102', email: 'jtj@hangzhou.example.cn' });
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/departments/${transport.id}` });
    expect(one.json().responsibleUnit).toBe('科技信息处');
  });

  it('lets the authority create and edit a department', async () => {
    const admin = await login(t.app, DEMO.admin);
    const created = await admin.request({ method: 'POST', url: '/api/v1/departments', payload: newDepartment });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const patched = await admin.request({ method: 'PATCH', url: `/api/v1/departments/${id}`, payload: { contactPerson: '钱少少' } });
    expect(patched.json().contact.person).toBe('钱少少');
    const dup = await admin.request({ method: 'POST', url: '/api/v1/departments', payload: newDepartment });
    expect(dup.json().error).toMatchObject({ code: 'NAME_TAKEN', field: 'name' });
  });

  it.each([
    [{ ...newDepartment, name: '甲', contactEmail: 'nope' }, 'INVALID_EMAIL', 'contactEmail'],
    [{ ...newDepartment, name: '乙', contactPhone: 'call me' }, 'INVALID_PHONE', 'contactPhone'],
    [{ ...newDepartment, name: '丙', contactPerson: '' }, 'VALIDATION_FAILED', 'contactPerson'],
  ])('rejects %o naming the field', async (payload, code, field) => {
    const admin = await login(t.app, DEMO.admin);
    const res = await admin.request({ method: 'POST', url: '/api/v1/departments', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field });
  });

  it('returns 404 for an unknown department', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/departments/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
