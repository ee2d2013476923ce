import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type TestApp } from './support/app.js';
import { runCli } from './support/cli.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('working-day calendar', () => {
  it('is seeded from the State Council schedule and counts over National Day', async () => {
    expect(await t.ctx.calendar.addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
    expect(await t.ctx.calendar.workingDaysBetween('2025-09-30', '2025-10-14')).toBe(5);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=2025' });
    const body = res.json();
    expect(body.covered).toBe(true);
    expect(body.days).toContainEqual({ date: '2025-10-11', kind: 'workday', name: '国庆节调休上班' });
    expect(body.days).toContainEqual({ date: '2025-10-01', kind: 'holiday', name: '国庆节' });
    const sum = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/add-working-days?date=2025-09-30&days=5' });
    expect(sum.json().result).toBe('2025-10-14');
  });

  it("answers a visitor's question beyond the calendar with a 400 naming the year, and alerts nobody", async () => {
    const asked = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/add-working-days?date=2099-12-01&days=1' });
    expect(asked.statusCode).toBe(400);
    expect(asked.json().error.code).toBe('CALENDAR_YEAR_NOT_COVERED');
    expect(asked.json().error.message).toContain('2099 年');
    // Crossing from the last covered year into the next is the same answer, naming that year.
    const last = Math.max(...await t.ctx.calendar.coveredYears());
    const crossing = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/add-working-days?date=${last}-12-31&days=5` });
    expect(crossing.statusCode).toBe(400);
    expect(crossing.json().error.message).toContain(`${last + 1} 年`);

    const admin = await login(t.app, DEMO.admin);
    const alerts = (await admin.request({ method: 'GET', url: '/api/v1/alerts' })).json().items;
    expect(alerts.filter((a: { kind: string }) => a.kind === 'calendar_year_missing')).toEqual([]);
    const stored = await t.ctx.database.db.selectFrom('alerts').select('id').where('kind', '=', 'calendar_year_missing').execute();
    expect(stored).toEqual([]);
  });

  it('refuses to guess a deadline beyond the covered years, raises one alert, and lets the authority add the year', async () => {
    await expect(t.ctx.calendar.addWorkingDays('2031-12-25', 5)).rejects.toMatchObject({ code: 'CALENDAR_YEAR_MISSING' });
    await expect(t.ctx.calendar.workingDaysBetween('2031-12-26', '2032-01-05')).rejects.toMatchObject({ code: 'CALENDAR_YEAR_MISSING' });

    const admin = await login(t.app, DEMO.admin);
    const alerts = (await admin.request({ method: 'GET', url: '/api/v1/alerts' })).json().items;
    expect(alerts.filter((a: { kind: string }) => a.kind === 'calendar_year_missing')).toHaveLength(1);

    const set = await admin.request({ method: 'PUT', url: '/api/v1/calendar/days/2031-12-31', payload: { kind: 'holiday', name: '元旦' } });
    expect(set.statusCode).toBe(200);
    // 2031 is covered now, 2032 still is not: a deadline that crosses into it still refuses.
    expect(await t.ctx.calendar.addWorkingDays('2031-12-22', 3)).toBe('2031-12-25');
    await expect(t.ctx.calendar.addWorkingDays('2031-12-25', 5)).rejects.toMatchObject({ code: 'CALENDAR_YEAR_MISSING' });
  });

  it('lets the authority edit a day, which changes deadlines at once', async () => {
    const admin = await login(t.app, DEMO.admin);
    expect(await t.ctx.calendar.addWorkingDays('2025-06-09', 1)).toBe('2025-06-10');
    await admin.request({ method: 'PUT', url: '/api/v1/calendar/days/2025-06-10', payload: { kind: 'holiday', name: '临时停工' } });
    expect(await t.ctx.calendar.addWorkingDays('2025-06-09', 1)).toBe('2025-06-11');
    await admin.request({ method: 'DELETE', url: '/api/v1/calendar/days/2025-06-10' });
    expect(await t.ctx.calendar.addWorkingDays('2025-06-09', 1)).toBe('2025-06-10');
    for (const day of ['2025-13-40', '2026-02-30', '2025-04-31']) {
      const bad = await admin.request({ method: 'PUT', url: `/api/v1/calendar/days/${day}`, payload: { kind: 'holiday', name: 'x' } });
      expect(bad.json().error?.code, day).toBe('VALIDATION_FAILED');
    }
    expect((await t.ctx.calendar.daysOfYear(2026)).map((d: { date: string }) => d.date)).not.toContain('2026-02-30');
  });

  it('`shukai calendar import` reloads a year from the packaged schedule', async () => {
    const res = runCli(t.env, 'calendar', 'import', '--year', '2024');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('2024');
    const days = await t.ctx.calendar.daysOfYear(2024);
    expect(days.find((d) => d.date === '2024-02-04')).toMatchObject({ kind: 'workday' });
  });
});
