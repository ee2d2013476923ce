import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { SearchQuery, SearchResponse } from './schema.js';
import type { SearchService } from './service.js';

/** 目录检索 (public): GET /api/v1/catalog. */
export async function searchRoutes(app: App, ctx: { search: SearchService }): Promise<void> {
  app.get('/api/v1/catalog', {
    schema: {
      tags: ['数据目录'],
      summary: '检索公开数据目录（分面筛选，公开）',
      description: '只列出已发布的无条件开放和受限开放目录；禁止开放目录不会出现在结果、分面或计数中。',
      querystring: SearchQuery,
      response: { 200: SearchResponse },
    },
  }, async (req) => {
    authorize(req, 'catalog.search');
    return ctx.search.search(req.query);
  });
}
