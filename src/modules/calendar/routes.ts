import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { Text } from '../../http/schemas.js';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export async function calendarRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/calendar', {
    schema: { tags: ['工作日历'], summary: '某年节假日与调休安排', querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }) },
  }, async (req) => {
    authorize(req, 'calendar.read');
    const [covered, days] = await Promise.all([ctx.calendar.coveredYears(), ctx.calendar.daysOfYear(req.query.year)]);
    return { year: req.query.year, covered: covered.includes(req.query.year), coveredYears: covered, days };
  });

  app.get('/api/v1/calendar/add-working-days', {
    schema: { tags: ['工作日历'], summary: '计算 N 个工作日后的日期', querystring: Type.Object({ date: DateString, days: Type.Integer({ minimum: 0, maximum: 366 }) }) },
  }, async (req) => {
    authorize(req, 'calendar.read');
    return { date: req.query.date, days: req.query.days, result: await ctx.calendar.answerAddWorkingDays(req.query.date, req.query.days) };
  });

  app.put('/api/v1/calendar/days/:date', {
    schema: {
      tags: ['工作日历'], summary: '设置节假日或调休上班日', params: Type.Object({ date: DateString }),
      body: Type.Object({ kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]), name: Type.Optional(Text(50, 1)) }),
    },
    config: { audit: 'calendar.day.set' },
  }, async (req) => {
    authorize(req, 'calendar.manage');
    req.auditTarget = req.params.date;
    await ctx.calendar.setDay(req.params.date, req.body.kind, req.body.name ?? (req.body.kind === 'holiday' ? '节假日' : '调休上班'));
    return { ok: true };
  });

  app.delete('/api/v1/calendar/days/:date', {
    schema: { tags: ['工作日历'], summary: '删除节假日或调休设置', params: Type.Object({ date: DateString }) },
    config: { audit: 'calendar.day.remove' },
  }, async (req) => {
    authorize(req, 'calendar.manage');
    req.auditTarget = req.params.date;
    await ctx.calendar.removeDay(req.params.date);
    return { ok: true };
  });

  app.post('/api/v1/calendar/import', {
    schema: { tags: ['工作日历'], summary: '从内置国务院节假日安排导入', body: Type.Optional(Type.Object({ years: Type.Optional(Type.Array(Type.Integer({ minimum: 2000, maximum: 2100 }), { maxItems: 50 })) })) },
    config: { audit: 'calendar.import' },
  }, async (req) => {
    authorize(req, 'calendar.manage');
    return { imported: await ctx.calendar.importPackaged(req.body?.years) };
  });
}
