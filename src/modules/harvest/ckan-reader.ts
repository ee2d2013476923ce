/**
 * Reads a CKAN site's catalog as ckanext-harvest's CKAN harvester does: package_search under
 * /api/3/action, 100 rows a page, `sort=id asc` so that a dataset added while paging cannot push
 * another one out of view, until a page comes back empty; a dataset seen twice is taken once.
 * Every run reads the whole listing: a dataset that is gone can only be told from the whole.
 */
import { AppError } from '../../domain/errors.js';
import { frequencyOf } from './frequency.js';
import type { GatheredCatalog } from './gathered.js';
import { clean, httpUrl, type Gathered, type RemoteDataset } from './remote-dataset.js';
import type { RemotePage, RemotePages } from './remote-pages.js';

const ROWS = 100;

interface CkanPackage {
  id?: unknown;
  name?: unknown;
  title?: unknown;
  notes?: unknown;
  url?: unknown;
  license_title?: unknown;
  license_id?: unknown;
  maintainer?: unknown;
  maintainer_email?: unknown;
  author?: unknown;
  author_email?: unknown;
  tags?: { name?: unknown }[];
  groups?: { title?: unknown; display_name?: unknown }[];
  extras?: { key?: unknown; value?: unknown }[] | Record<string, unknown>;
  resources?: { name?: unknown; description?: unknown; url?: unknown; format?: unknown }[];
}

/** The site's root for a registered URL: a pasted API address is cut back to its site. */
export function ckanRoot(url: string): string {
  const parsed = new URL(url);
  const api = parsed.pathname.indexOf('/api/');
  const path = (api >= 0 ? parsed.pathname.slice(0, api) : parsed.pathname).replace(/\/+$/, '');
  return `${parsed.origin}${path}`;
}

export async function readCkan(pages: RemotePages, url: string): Promise<GatheredCatalog> {
  const root = ckanRoot(url);
  const notes: string[] = [];
  let sort: string | null = 'id asc';
  let listed = await searchPage(pages, root, 0, sort);
  if (listed.refusedSort) {
    // Some CKAN-like portals cannot sort by id; their default order still pages, less safely.
    notes.push('来源不支持按 id 排序（sort=id asc），已按其默认顺序分页读取');
    sort = null;
    listed = await searchPage(pages, root, 0, sort);
  }
  if (listed.refusedSort || !listed.result) throw notCkan(root, listed.page);
  const count = listed.result.count;
  const seen = new Map<string, Gathered>();
  let previous = '';
  for (let start = 0; ; start += ROWS) {
    const { result, page } = start === 0 ? listed : await searchPage(pages, root, start, sort);
    if (!result) throw notCkan(root, page);
    if (result.results.length === 0) break;
    if (page.body === previous) throw new AppError('HARVEST_NOT_CATALOG', undefined, `来源 ${root} 的分页无效：翻页后返回了同样的内容`);
    previous = page.body;
    for (const pkg of result.results) {
      const dataset = datasetOf(pkg, root);
      if (!seen.has(dataset.remoteId)) seen.set(dataset.remoteId, dataset);
    }
  }
  const complete = seen.size >= count;
  if (!complete) notes.push(`来源报告 ${count} 个数据集，分页读到 ${seen.size} 个（读取期间来源目录有变动），本次不撤回目录`);
  return { datasets: [...seen.values()], complete, notes };
}

interface SearchAnswer {
  page: RemotePage;
  result: { count: number; results: CkanPackage[] } | null;
  /** The site answered with CKAN's error shape about the sort order. */
  refusedSort: boolean;
}

async function searchPage(pages: RemotePages, root: string, start: number, sort: string | null): Promise<SearchAnswer> {
  const query = new URLSearchParams({ rows: String(ROWS), start: String(start), ...(sort ? { sort } : {}) });
  const page = await pages.get(`${root}/api/3/action/package_search?${query}`, 'application/json');
  const body = parseJson(page.body) as { success?: unknown; result?: { count?: unknown; results?: unknown }; error?: Record<string, unknown> } | null;
  if (body?.success === false && sort && start === 0) return { page, result: null, refusedSort: /sort|排序/.test(JSON.stringify(body.error ?? {})) };
  const result = body?.success === true ? body.result : undefined;
  if (page.status !== 200 || !result || typeof result.count !== 'number' || !Array.isArray(result.results)) return { page, result: null, refusedSort: false };
  return { page, result: { count: result.count, results: result.results as CkanPackage[] }, refusedSort: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function notCkan(root: string, page: RemotePage): AppError {
  return new AppError('HARVEST_NOT_CATALOG', undefined, `${root} 不是可用的 CKAN 接口（package_search 返回 HTTP ${page.status}${page.mediaType ? `，${page.mediaType}` : ''}）`);
}

/** CKAN 2.x sends extras as a list of { key, value }; older sites as an object. */
function extrasOf(pkg: CkanPackage): Record<string, string> {
  const list = Array.isArray(pkg.extras) ? objects<{ key?: unknown; value?: unknown }>(pkg.extras).map((e) => [e.key, e.value])
    : isObject(pkg.extras) ? Object.entries(pkg.extras) : [];
  return Object.fromEntries(list.filter(([k, v]) => typeof k === 'string' && typeof v === 'string') as [string, string][]);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The objects of a remote list: a site that sends a string, null items or no list gets none read as something else. */
const objects = <T>(value: unknown): T[] => (Array.isArray(value) ? value.filter(isObject) as T[] : []);

function datasetOf(pkg: CkanPackage, root: string): Gathered {
  if (!isObject(pkg)) return { remoteId: '(无标识)', title: '', error: '来源记录不是数据集对象' };
  const remoteId = clean(pkg.id, 500) || clean(pkg.name, 500);
  const title = clean(pkg.title, 200) || clean(pkg.name, 200);
  if (!remoteId) return { remoteId: `(${title || '无标识'})`, title, error: '来源记录没有 id' };
  const extras = extrasOf(pkg);
  const name = clean(pkg.name, 200) || remoteId;
  // The dataset's page at the source: its own `url` when it points into the site (this
  // platform's CKAN answer does), else CKAN's dataset page.
  const own = httpUrl(pkg.url);
  const landingPage = own && own.startsWith(`${root}/`) ? own : `${root}/dataset/${encodeURIComponent(name)}`;
  const access = `${extras.open_type ?? ''} ${extras.access_rights ?? ''} ${extras['开放属性'] ?? ''}`;
  const dataset: RemoteDataset = {
    remoteId,
    title,
    summary: typeof pkg.notes === 'string' ? pkg.notes : '',
    tags: objects<{ name?: unknown }>(pkg.tags).map((t) => (typeof t.name === 'string' ? t.name : '')),
    domain: extras.domain ?? clean(objects<{ title?: unknown }>(pkg.groups)[0]?.title, 50),
    nationalTheme: extras.national_theme ?? '',
    district: extras.district ?? '',
    updateFrequency: frequencyOf(extras.update_frequency ?? extras.frequency ?? extras.accrual_periodicity ?? extras['更新频率']),
    restricted: /restricted|non_public|受限|有条件/i.test(access),
    openConditions: extras.open_conditions ?? extras['开放条件'] ?? '',
    licence: clean(pkg.license_title, 200) || clean(pkg.license_id, 200),
    contactName: clean(pkg.maintainer, 50) || clean(pkg.author, 50),
    contactPhone: extras.contact_phone ?? '',
    contactEmail: clean(pkg.maintainer_email, 254) || clean(pkg.author_email, 254),
    landingPage,
    links: objects<{ name?: unknown; description?: unknown; url?: unknown; format?: unknown }>(pkg.resources).flatMap((r) => {
      const link = httpUrl(r.url, `${root}/`);
      const format = clean(r.format, 20);
      return link ? [{ name: clean(r.name, 200) || clean(r.description, 200) || format || '数据资源', url: link, format }] : [];
    }),
  };
  return dataset;
}
