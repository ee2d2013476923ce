/**
 * The reading half of CKAN's Action API, as ckanapi and CKAN's harvester call it: the catalog
 * actions (ckan-catalog-actions.ts) and the DataStore actions (ckan-datastore-actions.ts), at
 * /api/action/<name> and /api/3/action/<name> in CKAN's envelope (ckan-envelope.ts). The same
 * policy as the portal's own API decides every answer: a 禁止开放 entry is as invisible here as
 * there, and rows need what they need there.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { catalogActions } from './ckan-catalog-actions.js';
import { datastoreActions } from './ckan-datastore-actions.js';
import { ckanActions, type DefineAction } from './ckan-envelope.js';
import { siteOrigin } from './origin.js';

export async function ckanRoutes(app: App, ctx: AppContext): Promise<void> {
  const origin = (req: FastifyRequest) => siteOrigin(req, ctx.config.publicUrl);
  const { define, finish } = ckanActions(app, origin);
  // help_show answers with each action's own summary.
  const summaries = new Map<string, string>();
  const described: DefineAction = (name, summary, params, run) => {
    summaries.set(name, summary);
    define(name, summary, params, run);
  };

  app.get('/api/3', { schema: { tags: ['CKAN 兼容接口'], summary: 'CKAN API 版本' } }, async () => ({ version: 3 }));
  catalogActions(described, ctx, origin, (name) => summaries.get(name));
  datastoreActions(described, ctx);
  await finish();
}
