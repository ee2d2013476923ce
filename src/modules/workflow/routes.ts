import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { isCalendarDate, chinaDate } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';

const TAGS = ['工作台'];

export async function workflowRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/workflow/tasks', {
    schema: { tags: TAGS, summary: '我的待办：各类事项中当前可由我办理的一步（逾期的在前），及各类数量' },
  }, async (req) => {
    authorize(req, 'workflow.tasks');
    const items = await ctx.workflow.tasks(req.actor);
    const counts: Record<string, number> = {};
    for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
    return { items, counts };
  });

  app.get('/api/v1/workflow/overdue', {
    schema: {
      tags: TAGS, summary: '督促检查（七.2）：某日（默认今天）已逾期的全部事项，跨部门',
      querystring: Type.Object({ asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }),
    },
  }, async (req) => {
    authorize(req, 'workflow.supervise');
    const asOf = req.query.asOf ?? chinaDate();
    if (!isCalendarDate(asOf)) throw new AppError('VALIDATION_FAILED', 'asOf');
    return { asOf, items: await ctx.workflow.overdue(asOf) };
  });
}
