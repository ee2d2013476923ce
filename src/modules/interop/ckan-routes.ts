/**
 * The reading half of CKAN's Action API (version 3) at /api/3/action/<name>: package_list,
 * package_search, package_show, organization_list, organization_show, resource_show,
 * datastore_search and status_show, by GET with query parameters or POST with a JSON body,
 * answering `{ help, success, result }` or `{ help, success: false, error: { __type, message } }`
 * as CKAN does. The same policy as the portal's own API decides every answer: a 禁止开放 entry
 * is as invisible here as there, and rows need what they need there.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { errorBody, validationDetail } from '../../http/errors.js';
import { FILTERS_MAX_CHARS, readerContext, readRecords } from '../resources/reading.js';
import type { SearchParams } from '../search/service.js';
import { CkanPackages, DATASTORE_TYPES, organizationOf } from './ckan-packages.js';
import { searchOf } from './ckan-search.js';
import { siteOrigin } from './origin.js';

const ACTION = '/api/3/action';
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Count = (max: number) => Type.Integer({ minimum: 0, maximum: max });
const Flag = Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false')]);

/** CKAN's error types for ours: what a CKAN client branches on. */
function errorType(code: ErrorCode, status: number): { __type: string; status: number } {
  if (code === 'NOT_FOUND') return { __type: 'Not Found Error', status: 404 };
  if (status === 401 || status === 403) return { __type: 'Authorization Error', status: 403 };
  if (status >= 500) return { __type: 'Internal Server Error', status: 500 };
  return { __type: 'Validation Error', status: 409 };
}

/** Every failure of an action in CKAN's shape, with the portal's message and error code. */
function ckanError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply, help: string) {
  // Fastify's own 4xx (a body that is not JSON, say) are the client's, as a schema violation is.
  const clientError = !(err instanceof AppError) && (Boolean(err.validation) || (err.statusCode ?? 500) < 500);
  const code: ErrorCode = err instanceof AppError ? err.code : err.statusCode === 404 ? 'NOT_FOUND' : clientError ? 'VALIDATION_FAILED' : 'INTERNAL';
  const status = err instanceof AppError ? err.status : err.validation ? 400 : (err.statusCode ?? 500);
  if (status >= 500) req.log.error({ err }, 'unhandled error');
  const detail = err instanceof AppError ? err.detail : err.validation ? validationDetail(req, err) : undefined;
  const { message } = errorBody(req, code, err instanceof AppError ? err.field : undefined, detail).error;
  const type = errorType(code, status);
  return reply.status(type.status).send({ help, success: false, error: { __type: type.__type, message, code } });
}

export async function ckanRoutes(app: App, ctx: AppContext): Promise<void> {
  const packages = new CkanPackages(ctx.database.db);
  const origin = (req: FastifyRequest) => siteOrigin(req, ctx.config.publicUrl);
  const helpOf = (req: FastifyRequest) => `${origin(req)}/api/docs`;
  const errorHandler = (err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) => ckanError(err, req, reply, helpOf(req));

  /** One action by GET (query string) and POST (JSON body), under the same schema. */
  const action = <S extends TSchema>(name: string, summary: string, params: S, run: (req: FastifyRequest, params: Static<S>) => Promise<unknown>) => {
    const handler = async (req: FastifyRequest) => {
      // Validated against `params` by the route's schema, whichever way it came.
      const input = (req.method === 'POST' ? req.body ?? {} : req.query) as Static<S>;
      return { help: helpOf(req), success: true, result: await run(req, input) };
    };
    const tags = ['CKAN 兼容接口'];
    app.get(`${ACTION}/${name}`, { schema: { tags, summary, querystring: params }, errorHandler }, handler);
    // CKAN clients send parameters of other CKAN versions, which CKAN passes over: kept open.
    app.post(`${ACTION}/${name}`, { schema: { tags, summary, body: Type.Optional({ ...params, additionalProperties: true }) }, errorHandler }, handler);
  };

  /** An entry as a package, if the caller may read it. */
  const readablePackage = async (req: FastifyRequest, id: string) => {
    authorize(req, 'catalog.read', await ctx.catalog.policyFacts(id));
    return (await packages.packages([id], origin(req)))[0]!;
  };

  app.get('/api/3', { schema: { tags: ['CKAN 兼容接口'], summary: 'CKAN API 版本' } }, async () => ({ version: 3 }));

  action('status_show', '站点状态（CKAN 兼容）', Type.Object({}), async () => ({
    site_title: '数开 Shukai 公共数据开放平台', site_description: '', site_url: '', api_version: 3, ckan_version: '2.10', locale_default: 'zh_Hans_CN', extensions: ['datastore'],
  }));

  action('package_list', '公开目录 id 列表（CKAN 兼容）', Type.Object({ limit: Type.Optional(Count(1000)), offset: Type.Optional(Count(1_000_000)) }), async (_req, p) => {
    const found = await ctx.search.search({ sort: 'updated', window: { offset: p.offset ?? 0, limit: p.limit ?? 1000 } });
    return found.items.map((i) => i.id);
  });

  action('package_search', '检索公开目录（CKAN 兼容：q、fq、rows、start、sort）', Type.Object({
    q: Type.Optional(Type.String({ maxLength: 200 })),
    fq: Type.Optional(Type.String({ maxLength: 500 })),
    rows: Type.Optional(Count(1000)),
    start: Type.Optional(Count(1_000_000)),
    sort: Type.Optional(Type.String({ maxLength: 100 })),
    'facet.field': Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10 })])),
  }), async (req, p) => {
    const params: SearchParams = { ...searchOf(p.q, p.fq, p.sort), window: { offset: p.start ?? 0, limit: p.rows ?? 10 } };
    const found = await ctx.search.search(params);
    const facets = {
      organization: found.facets.department, tags: found.facets.tag, res_format: found.facets.format,
      open_type: found.facets.openType, update_frequency: found.facets.frequency, domain: found.facets.domain,
    };
    return {
      count: found.total, sort: p.sort ?? (params.q ? 'score desc' : 'metadata_modified desc'),
      results: await packages.packages(found.items.map((i) => i.id), origin(req)),
      facets: Object.fromEntries(Object.entries(facets).map(([k, values]) => [k, Object.fromEntries(values.map((v) => [v.value, v.count]))])),
      search_facets: Object.fromEntries(Object.entries(facets).map(([k, values]) => [k, {
        title: k, items: values.map((v) => ({ name: v.value, display_name: v.label, count: v.count })),
      }])),
    };
  });

  action('package_show', '目录详情（CKAN 兼容）', Type.Object({ id: Id }), async (req, p) => readablePackage(req, p.id));

  action('organization_list', '开放主体列表（CKAN 兼容）', Type.Object({ all_fields: Type.Optional(Flag), limit: Type.Optional(Count(1000)), offset: Type.Optional(Count(100_000)) }), async (_req, p) => {
    const offset = p.offset ?? 0;
    const departments = (await ctx.departments.list()).slice(offset, offset + (p.limit ?? 1000));
    const allFields = p.all_fields === true || p.all_fields === 'true';
    return allFields ? departments.map(organizationOf) : departments.map((d) => d.id);
  });

  action('organization_show', '开放主体详情（CKAN 兼容）', Type.Object({ id: Id }), async (_req, p) => organizationOf(await ctx.departments.get(p.id)));

  action('resource_show', '数据资源详情（CKAN 兼容）', Type.Object({ id: Id }), async (req, p) => {
    await readerContext(ctx, req, p.id); // not found unless the caller may know of its entry
    const resource = await packages.resource(p.id, origin(req));
    if (!resource) throw new AppError('NOT_FOUND');
    return resource;
  });

  action('datastore_search', '查询数据记录（CKAN DataStore 兼容：filters、q、fields、sort、limit、offset）', Type.Object({
    resource_id: Id,
    filters: Type.Optional(Type.Union([Type.String({ maxLength: FILTERS_MAX_CHARS }), Type.Record(Type.String(), Type.Unknown())])),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    fields: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 })])),
    sort: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Count(Number.MAX_SAFE_INTEGER)),
    include_total: Type.Optional(Flag),
    records_format: Type.Optional(Type.Literal('objects')),
  }), async (req, p) => {
    const resourceId = p.resource_id;
    const limit = p.limit ?? 100, offset = p.offset ?? 0;
    const filters = typeof p.filters === 'object' ? filtersText(p.filters) : p.filters;
    const fields = Array.isArray(p.fields) ? p.fields.join(',') : p.fields;
    const page = await readRecords(ctx, req, resourceId, { filters, q: p.q, fields, sort: p.sort, limit, offset });
    const link = (at: number) => `${ACTION}/datastore_search?resource_id=${encodeURIComponent(resourceId)}${at ? `&offset=${at}` : ''}`;
    return {
      resource_id: resourceId, records_format: 'objects',
      fields: page.fields.map((f) => ({ id: f.name, type: DATASTORE_TYPES[f.type] })),
      records: page.records, total: page.total, total_was_estimated: page.totalEstimated ?? false,
      limit, offset, _links: { start: link(0), next: link(offset + limit) },
    };
  });

  // Any other action name: CKAN's own answer for it.
  app.route({
    method: ['GET', 'POST'], url: `${ACTION}/:name`,
    schema: { tags: ['CKAN 兼容接口'], summary: '未提供的 CKAN 接口', params: Type.Object({ name: Type.String({ maxLength: 100 }) }) },
    handler: async (req, reply) => reply.status(400).send({
      help: helpOf(req), success: false,
      error: { __type: 'Bad request - Action name not known', message: `不支持的接口：${(req.params as { name: string }).name}（仅提供只读接口）` },
    }),
  });
}

/**
 * CKAN clients send filters as a JSON object in a body (as JSON text in a query string, which
 * the schema caps): the object is held to the same cap, and one nested too deep to write back
 * out is refused as such, not as a server error.
 */
function filtersText(filters: Record<string, unknown>): string | undefined {
  let text: string;
  try {
    text = JSON.stringify(filters);
  } catch {
    throw new AppError('INVALID_QUERY', 'filters', '筛选条件嵌套过深');
  }
  if (text.length > FILTERS_MAX_CHARS) throw new AppError('INVALID_QUERY', 'filters', `筛选条件过长（最多 ${FILTERS_MAX_CHARS} 个字符）`);
  return text === '{}' ? undefined : text;
}
