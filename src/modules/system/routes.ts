import type { AppContext } from '../../context.js';
import { ROLE_LABELS } from '../../domain/roles.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { probeRoutes } from './probes.js';

export async function systemRoutes(app: App, ctx: AppContext): Promise<void> {
  await probeRoutes(app, ctx);

  app.get('/api/v1/roles', { schema: { tags: ['系统'], summary: '角色及其名称' } }, async () => ({ items: ROLE_LABELS }));

  app.get('/api/v1/alerts', { schema: { tags: ['系统'], summary: '未处理的系统告警' } }, async (req) => {
    authorize(req, 'alert.read');
    return { items: await ctx.alerts.listOpen() };
  });
}
