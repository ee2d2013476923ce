/**
 * CKAN's catalog actions: status_show, package_list, current_package_list_with_resources,
 * package_search, package_show, organization_list/show, group_list/show (数据领域 as groups),
 * tag_list, license_list, resource_show. Lists come from the search service's table of
 * publicly listed entries, so a 禁止开放 or unpublished entry is in no list, count or facet.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { authorize } from '../../http/auth.js';
import { readerContext } from '../resources/reading.js';
import type { Facet, FacetValue } from '../search/facet-index.js';
import type { SearchParams } from '../search/service.js';
import { CkanBool, clamp, Count, isTrue, type DefineAction } from './ckan-envelope.js';
import { CkanPackages, groupOf, licenceOf, organizationOf } from './ckan-packages.js';
import { DEFAULT_SORT, searchOf } from './ckan-search.js';

/** CKAN's ckan.search.rows_max. */
export const ROWS_MAX = 1000;
/** CKAN's ckan.group_and_organization_list_max and …_all_fields_max. */
const GROUPS_MAX = 1000;
const GROUPS_ALL_FIELDS_MAX = 25;
/** CKAN's search.facets.limit. */
const FACET_LIMIT_DEFAULT = 50;

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });

/** package_search facet fields → the catalog's facets. */
const FACETS: Record<string, Facet> = {
  organization: 'department', groups: 'domain', tags: 'tag', res_format: 'format',
  open_type: 'openType', update_frequency: 'frequency', domain: 'domain',
};

/** facet.field as CKAN takes it: a list, or that list as JSON text (or one bare name). */
function facetFields(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  let names: unknown = value;
  if (typeof value === 'string') {
    try {
      names = value.trim().startsWith('[') ? JSON.parse(value) : [value];
    } catch {
      throw new AppError('INVALID_QUERY', 'facet.field', 'facet.field 须为字段名列表，如 ["tags","res_format"]');
    }
  }
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw new AppError('INVALID_QUERY', 'facet.field', 'facet.field 须为字段名列表');
  for (const n of names as string[]) {
    if (!Object.hasOwn(FACETS, n)) throw new AppError('INVALID_QUERY', 'facet.field', `不支持按“${n.slice(0, 50)}”分面（支持 ${Object.keys(FACETS).join('、')}）`);
  }
  return names as string[];
}

/** A group or organization list's order: CKAN's `sort` of name, title or package_count. */
function groupSort(sort: string | undefined): (a: { name: string; title: string; count: number }, b: { name: string; title: string; count: number }) => number {
  const m = /^\s*(name|title|package_count|packages)(?:\s+(asc|desc))?\s*$/i.exec(sort?.trim() || 'title asc');
  if (!m) throw new AppError('INVALID_QUERY', 'sort', '排序须为 name、title 或 package_count，后跟 asc 或 desc');
  const field = m[1]!.toLowerCase();
  const sign = (m[2]?.toLowerCase() ?? (field === 'name' || field === 'title' ? 'asc' : 'desc')) === 'desc' ? -1 : 1;
  const collator = new Intl.Collator('zh-Hans-CN');
  if (field === 'name') return (a, b) => sign * (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (field === 'title') return (a, b) => sign * collator.compare(a.title, b.title);
  return (a, b) => sign * (a.count - b.count) || collator.compare(a.title, b.title);
}

const GroupListParams = Type.Object({
  all_fields: Type.Optional(CkanBool),
  sort: Type.Optional(Text(50, 'name、title 或 package_count，后跟 asc/desc（默认 title asc）')),
  limit: Type.Optional(Count('每页条数（all_fields 时最多 25，否则最多 1000）')),
  offset: Type.Optional(Count('起始位置')),
  q: Type.Optional(Text(100, '名称包含')),
});

export function catalogActions(define: DefineAction, ctx: AppContext, origin: (req: FastifyRequest) => string, describe: (name: string) => string | undefined): void {
  const packages = new CkanPackages(ctx.database.db);
  const counts = async (facet: Facet) => new Map((await ctx.search.facetValues(facet)).map((v: FacetValue) => [v.value, v.count]));

  /** The listed entries of one organization or group, as include_datasets shows them. */
  const datasetsOf = async (req: FastifyRequest, condition: SearchParams['condition']) => {
    const found = await ctx.search.search({ condition, sort: 'updated', window: { offset: 0, limit: ROWS_MAX } });
    return packages.packages(found.items.map((i) => i.id), origin(req));
  };

  /** organization_list and group_list alike: names, or dicts with package_count. */
  const groupList = <T extends { name: string; title: string }>(req: FastifyRequest, p: typeof GroupListParams.static, all: T[], count: (g: T) => number) => {
    authorize(req, 'catalog.search');
    const allFields = isTrue(p.all_fields);
    const q = p.q?.trim().toLowerCase();
    const rows = all.filter((g) => !q || g.name.toLowerCase().includes(q) || g.title.toLowerCase().includes(q))
      .map((g) => ({ g, name: g.name, title: g.title, count: count(g) }))
      .sort(groupSort(p.sort));
    const offset = p.offset ?? 0;
    const page = rows.slice(offset, offset + clamp(p.limit || undefined, Infinity, allFields ? GROUPS_ALL_FIELDS_MAX : GROUPS_MAX));
    return allFields ? page.map((r) => ({ ...r.g, package_count: r.count })) : page.map((r) => r.name);
  };

  define('status_show', '站点状态（CKAN 兼容）', Type.Object({}), async () => ({
    site_title: '数开 Shukai 公共数据开放平台', site_description: '', site_url: '', api_version: 3, ckan_version: '2.10', locale_default: 'zh_Hans_CN', extensions: ['datastore'],
  }));

  define('help_show', '接口说明（CKAN 兼容）', Type.Object({ name: Text(100) }), async (_req, p) => {
    const text = describe(p.name);
    if (text === undefined) throw new AppError('NOT_FOUND', 'name', `没有名为“${p.name.slice(0, 100)}”的接口`);
    return text;
  });

  define('package_list', '全部公开目录的 name 列表，按 name 排序（CKAN 兼容：不传 limit 时返回全部）', Type.Object({
    limit: Type.Optional(Count('每页条数（不传则返回全部）')),
    offset: Type.Optional(Count('起始位置')),
  }), async (req, p) => {
    authorize(req, 'catalog.search');
    // As CKAN: no limit (or 0) is the whole list.
    return ctx.search.listedIds([{ key: 'id', desc: false }], { offset: p.offset ?? 0, limit: p.limit || Infinity });
  });

  define('current_package_list_with_resources', '公开目录及其数据资源，最近更新在前（CKAN 兼容）', Type.Object({
    limit: Type.Optional(Count(`每页条数（默认 10，最多 ${ROWS_MAX}）`)),
    offset: Type.Optional(Count('起始位置')),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: '页码（已弃用，请用 offset）' })),
  }), async (req, p) => {
    authorize(req, 'catalog.search');
    const limit = clamp(p.limit || undefined, 10, ROWS_MAX);
    const offset = p.offset ?? (p.page && p.limit ? (p.page - 1) * limit : 0);
    const found = await ctx.search.search({ sort: 'updated', window: { offset, limit } });
    return packages.packages(found.items.map((i) => i.id), origin(req));
  });

  define('package_search', '检索公开目录（CKAN 兼容：q、fq、sort、rows、start、facet.field、facet.limit）', Type.Object({
    q: Type.Optional(Text(200, '检索词，或 字段:取值 形式的条件')),
    fq: Type.Optional(Text(2000, '筛选条件：organization、groups、tags、res_format、num_resources、metadata_modified:[… TO *]，AND/OR/NOT、-、括号')),
    rows: Type.Optional(Count(`条数（默认 10，超过 ${ROWS_MAX} 按 ${ROWS_MAX}）`)),
    start: Type.Optional(Count('起始位置')),
    sort: Type.Optional(Text(200, `排序，多个用逗号分隔（默认 ${DEFAULT_SORT}）`)),
    'facet.field': Type.Optional(Type.Union([Text(500), Type.Array(Text(50), { maxItems: 10 })])),
    'facet.limit': Type.Optional(Type.Integer({ minimum: -1, maximum: 1000, description: '每个分面的取值数（默认 50，-1 不限）' })),
    'facet.mincount': Type.Optional(Count('分面取值的最小计数')),
    include_private: Type.Optional(CkanBool),
    include_drafts: Type.Optional(CkanBool),
  }), async (req, p) => {
    authorize(req, 'catalog.search');
    const fields = facetFields(p['facet.field']);
    const params: SearchParams = { ...searchOf(p.q, p.fq, p.sort), window: { offset: p.start ?? 0, limit: clamp(p.rows, 10, ROWS_MAX) } };
    const found = await ctx.search.search(params);
    const limit = p['facet.limit'] === undefined ? FACET_LIMIT_DEFAULT : p['facet.limit'] < 0 ? Infinity : p['facet.limit'];
    const mincount = p['facet.mincount'] ?? 1;
    const facets = Object.fromEntries(fields.map((f) => [f, found.facets[FACETS[f]!].filter((v) => v.count >= mincount).slice(0, limit)]));
    return {
      count: found.total, sort: p.sort?.trim() || DEFAULT_SORT,
      results: await packages.packages(found.items.map((i) => i.id), origin(req)),
      facets: Object.fromEntries(Object.entries(facets).map(([k, values]) => [k, Object.fromEntries(values.map((v) => [v.value, v.count]))])),
      search_facets: Object.fromEntries(Object.entries(facets).map(([k, values]) => [k, {
        title: k, items: values.map((v) => ({ name: v.value, display_name: v.label, count: v.count })),
      }])),
    };
  });

  define('package_show', '目录详情（CKAN 兼容）', Type.Object({ id: Id }), async (req, p) => {
    authorize(req, 'catalog.read', await ctx.catalog.policyFacts(p.id));
    return (await packages.packages([p.id], origin(req)))[0]!;
  });

  define('resource_show', '数据资源详情（CKAN 兼容）', Type.Object({ id: Id }), async (req, p) => {
    await readerContext(ctx, req, p.id); // not found unless the caller may know of its entry
    const resource = await packages.resource(p.id, origin(req));
    if (!resource) throw new AppError('NOT_FOUND');
    return resource;
  });

  define('organization_list', '开放主体列表（CKAN 兼容：all_fields、sort、limit、offset）', GroupListParams, async (req, p) => {
    const [departments, count] = await Promise.all([ctx.departments.list(), counts('department')]);
    return groupList(req, p, departments.map((d) => ({ ...organizationOf(d) })), (o) => count.get(o.id) ?? 0);
  });

  define('organization_show', '开放主体详情（CKAN 兼容：package_count、include_datasets）', Type.Object({ id: Id, include_datasets: Type.Optional(CkanBool) }), async (req, p) => {
    authorize(req, 'catalog.search');
    const organization = organizationOf(await ctx.departments.get(p.id));
    const count = (await counts('department')).get(organization.id) ?? 0;
    const datasets = isTrue(p.include_datasets) ? { packages: await datasetsOf(req, { facet: 'department', value: organization.id }) } : {};
    return { ...organization, package_count: count, ...datasets };
  });

  define('group_list', '数据领域列表（CKAN 兼容：all_fields、sort、limit、offset）', GroupListParams, async (req, p) => {
    const domains = await ctx.search.facetValues('domain');
    const count = new Map(domains.map((d) => [d.value, d.count]));
    return groupList(req, p, domains.map((d) => groupOf(d.value)), (g) => count.get(g.name) ?? 0);
  });

  define('group_show', '数据领域详情（CKAN 兼容：package_count、include_datasets）', Type.Object({ id: Text(100), include_datasets: Type.Optional(CkanBool) }), async (req, p) => {
    authorize(req, 'catalog.search');
    const count = (await counts('domain')).get(p.id);
    if (count === undefined) throw new AppError('NOT_FOUND', 'id', `没有名为“${p.id.slice(0, 100)}”的数据领域`);
    const datasets = isTrue(p.include_datasets) ? { packages: await datasetsOf(req, { facet: 'domain', value: p.id }) } : {};
    return { ...groupOf(p.id), package_count: count, ...datasets };
  });

  define('tag_list', '标签列表（CKAN 兼容：query 按包含筛选）', Type.Object({
    query: Type.Optional(Text(100)), q: Type.Optional(Text(100)), all_fields: Type.Optional(CkanBool),
  }), async (req, p) => {
    authorize(req, 'catalog.search');
    const query = (p.query ?? p.q)?.trim().toLowerCase();
    const tags = (await ctx.search.facetValues('tag')).map((v) => v.value).filter((t) => !query || t.toLowerCase().includes(query)).sort();
    return isTrue(p.all_fields) ? tags.map((name) => ({ id: name, name, display_name: name, vocabulary_id: null })) : tags;
  });

  define('license_list', '许可协议列表（CKAN 兼容）', Type.Object({}), async (req) => {
    authorize(req, 'catalog.search');
    return (await packages.licences()).map(licenceOf);
  });
}
