import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { CkanPackages } from './ckan-packages.js';
import { dcatCatalog } from './dcat.js';
import { siteOrigin } from './origin.js';

const PAGE_SIZE = 100;

/** GET /api/v1/catalog.jsonld: the publicly listed catalog as DCAT-AP, newest changes first. */
export async function dcatRoutes(app: App, ctx: AppContext): Promise<void> {
  const packages = new CkanPackages(ctx.database.db);
  app.get('/api/v1/catalog.jsonld', {
    schema: {
      tags: ['数据目录'], summary: '公开目录的 DCAT-AP 描述（JSON-LD，每页 100 条）',
      querystring: Type.Object({ page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }) }),
    },
  }, async (req, reply) => {
    authorize(req, 'catalog.search');
    const { page } = req.query;
    const found = await ctx.search.search({ sort: 'updated', window: { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE } });
    const base = siteOrigin(req, ctx.config.publicUrl);
    const published = new Map(found.items.map((i) => [i.id, i.publishedAt]));
    const listed = await packages.packages(found.items.map((i) => i.id), base);
    reply.type('application/ld+json; charset=utf-8');
    return dcatCatalog({ packages: listed.map((pkg) => ({ pkg, publishedAt: published.get(pkg.id) ?? null })), page, pageSize: PAGE_SIZE, total: found.total },
      base, `${base}/api/v1/catalog.jsonld`);
  });
}
