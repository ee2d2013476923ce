import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { IdParams } from '../../http/schemas.js';
import { catalogGraph, datasetGraph } from './dcat-graph.js';
import { DcatSource } from './dcat-source.js';
import { siteOrigin } from './origin.js';
import { negotiatedFormat, RDF_FORMATS, serialize, type RdfFormat } from './rdf-serialize.js';

const PAGE_SIZE = 100;
const PageQuery = Type.Object({ page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: '页码，每页 100 条' }) });
const FORMAT_NAMES: Record<RdfFormat, string> = { ttl: 'Turtle', rdf: 'RDF/XML', jsonld: 'JSON-LD' };

/**
 * The publicly listed catalog as DCAT-AP: /api/v1/catalog.ttl|.rdf|.jsonld a page at a time,
 * the same by content negotiation on GET /api/v1/catalog, and one dataset as
 * /api/v1/catalog/:id.ttl|.rdf|.jsonld.
 */
export async function dcatRoutes(app: App, ctx: AppContext): Promise<void> {
  const source = new DcatSource(ctx.database.db, ctx.licence);

  async function sendPage(req: FastifyRequest, reply: FastifyReply, format: RdfFormat, page: number) {
    const base = siteOrigin(req, ctx.config.publicUrl);
    const { total, ids } = await source.listedPage(page, PAGE_SIZE);
    const graph = catalogGraph(await source.catalogFacts(base), await source.datasets(ids, base), {
      page, pageSize: PAGE_SIZE, total, pageUrl: (n) => `${base}/api/v1/catalog.${format}?page=${n}`,
    });
    return reply.type(`${RDF_FORMATS[format]}; charset=utf-8`).send(await serialize(graph, format));
  }

  for (const format of Object.keys(RDF_FORMATS) as RdfFormat[]) {
    app.get(`/api/v1/catalog.${format}`, {
      schema: {
        tags: ['数据目录'], querystring: PageQuery,
        summary: `公开目录的 DCAT-AP 描述（${FORMAT_NAMES[format]}，${RDF_FORMATS[format]}，每页 ${PAGE_SIZE} 条，hydra 分页）`,
        description: `例：GET /api/v1/catalog.${format}?page=2。hydra:PartialCollectionView 给出 hydra:first / hydra:next / hydra:last（兼容 CKAN DCAT 采集器读取的 hydra:PagedCollection 与 hydra:nextPage）。`,
      },
    }, async (req, reply) => {
      authorize(req, 'catalog.search');
      return sendPage(req, reply, format, req.query.page);
    });

    app.get(`/api/v1/catalog/:id.${format}`, {
      schema: { tags: ['数据目录'], params: IdParams, summary: `单个目录的 DCAT-AP 描述（${FORMAT_NAMES[format]}）` },
    }, async (req, reply) => {
      const facts = await ctx.catalog.policyFacts(req.params.id);
      authorize(req, 'catalog.read', facts);
      const base = siteOrigin(req, ctx.config.publicUrl);
      const [dataset] = await source.datasets([req.params.id], base);
      const graph = datasetGraph(await source.catalogFacts(base), dataset!);
      return reply.type(`${RDF_FORMATS[format]}; charset=utf-8`).send(await serialize(graph, format));
    });
  }

  // GET /api/v1/catalog is the catalog search: an Accept header that asks for RDF gets this page
  // of the DCAT catalog instead, and caches are told the answer varies with Accept.
  app.addHook('preHandler', async (req, reply) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.routeOptions.url !== '/api/v1/catalog') return;
    void reply.header('vary', 'Accept');
    const format = negotiatedFormat(req.headers.accept);
    if (!format) return;
    authorize(req, 'catalog.search');
    return sendPage(req, reply, format, (req.query as { page?: number }).page ?? 1);
  });
}
