/**
 * CKAN's Action API as ckanapi and CKAN's harvester use it, over the seeded demo catalog:
 * CKAN's envelope and status codes at both prefixes, package_search's sorts, filter queries
 * and paging (the harvester's walk with sort=id asc), the lists (package_list without a cap,
 * organizations, groups, tags, licences), and 禁止开放 entries absent from all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, departmentId, drainJobs, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

let t: TestApp;
let publisher: Client;
let transport: string;
let listed: number;
let prohibited: { entryId: string; resourceId: string };
const TAG = '兼容接口专测标签';
const ROWS = '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n';

interface Pkg { id: string; name: string; title: string; metadata_created: string; metadata_modified: string; owner_org: string; num_resources: number; license_id: string; groups: { name: string }[] }

const get = (url: string) => t.app.inject({ method: 'GET', url });
const result = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, `${url} ${res.body.slice(0, 300)}`).toBe(200);
  return res.json().result;
};
const search = async (params: Record<string, string | number>) =>
  result(`/api/action/package_search?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`) as Promise<{ count: number; results: Pkg[]; sort: string; search_facets: Record<string, { items: { name: string; count: number }[] }> }>;
const count = async (fq: string) => (await search({ fq, rows: 0 })).count;

beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  const reviewer = await login(t.app, DEMO.authorityReviewer);
  transport = await departmentId(t, '杭州市交通运输局');
  const published = async (title: string, overrides: Record<string, unknown>) => {
    const entryId = await createEntry(t, publisher, { title, tags: [TAG], ...overrides });
    const resourceId = (await upload(publisher, `/api/v1/catalog/${entryId}/resources`, 'stations.csv', ROWS)).json().resourceId as string;
    await drainJobs(t);
    await submitForReview(t, publisher, entryId);
    const approved = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
    expect(approved.statusCode, approved.body).toBe(200);
    return { entryId, resourceId };
  };
  await published('兼容接口专测公开目录', {});
  prohibited = await published('兼容接口专测禁止开放', { openType: 'prohibited', domain: '兼容接口专测领域' });
  listed = (await search({ rows: 0 })).count;
});
afterAll(async () => { await t.close(); });

describe('CKAN envelope', () => {
  it('answers alike at /api/action and /api/3/action, by GET and POST', async () => {
    const query = 'q=%E5%85%AC%E4%BA%A4&sort=id%20asc&rows=7&start=3';
    const short = await get(`/api/action/package_search?${query}`);
    const versioned = await get(`/api/3/action/package_search?${query}`);
    expect(short.statusCode).toBe(200);
    expect(short.json()).toEqual(versioned.json());
    expect(short.json()).toMatchObject({ success: true, help: expect.stringMatching(/\/api\/3\/action\/help_show\?name=package_search$/) });
    const posted = await t.app.inject({ method: 'POST', url: '/api/action/package_search', payload: { q: '公交', sort: 'id asc', rows: 7, start: 3 } });
    expect(posted.json()).toEqual(short.json());
  });

  it('gives every failure CKAN\'s type and status, with a Chinese message, at both prefixes', async () => {
    for (const prefix of ['/api/action', '/api/3/action']) {
      const cases: [string, string, number, string, number][] = [
        ['GET', 'package_search?rows=-1', 409, 'Validation Error', 0],
        ['GET', 'package_search?sort=popularity%20desc', 409, 'Validation Error', 0],
        // Names every object inherits are no facets either (they answered 500).
        ['GET', `package_search?facet.field=${encodeURIComponent('["__proto__"]')}`, 409, 'Validation Error', 0],
        ['GET', 'package_search?facet.field=toString', 409, 'Validation Error', 0],
        ['GET', 'package_search?fq=constructor:x', 409, 'Validation Error', 0],
        ['GET', `package_show?id=${prohibited.entryId}`, 404, 'Not Found Error', 0],
        ['GET', 'organization_show?id=no-such-department', 404, 'Not Found Error', 0],
        ['POST', 'datastore_search_sql', 403, 'Authorization Error', 0],
        ['GET', 'package_create', 400, 'Bad request - Action name not known', 0],
        ['PUT', 'package_show', 405, 'Method Not Allowed', 0],
        ['DELETE', 'package_delete', 405, 'Method Not Allowed', 0],
        ['GET', 'package_show/extra', 404, 'Not Found Error', 0],
      ];
      for (const [method, path, status, type] of cases) {
        const res = await t.app.inject({ method: method as 'GET', url: `${prefix}/${path}`, ...(method === 'POST' ? { payload: { sql: 'select 1' } } : {}) });
        expect(res.statusCode, `${method} ${prefix}/${path}`).toBe(status);
        const body = res.json();
        expect(body, `${method} ${prefix}/${path}`).toMatchObject({ success: false, help: expect.any(String), error: { __type: type } });
        expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
        expect(body.result).toBeUndefined();
      }
    }
  });

  it('lists a validation error\'s messages under the field it concerns', async () => {
    const rows = (await get('/api/action/package_search?rows=abc')).json().error;
    expect(rows).toMatchObject({ __type: 'Validation Error', rows: [expect.stringMatching(/[\u4e00-\u9fa5]/)] });
    const fq = (await get('/api/action/package_search?fq=title:x%20OR%201=1')).json().error;
    expect(fq.fq[0]).toMatch(/不支持按“title”筛选/);
    // Clauses written in q are refused under q, the parameter sent.
    const q = (await get('/api/action/package_search?q=title:x')).json().error;
    expect(q).toMatchObject({ __type: 'Validation Error', q: [expect.stringMatching(/（字段：q）.*不支持按“title”筛选/)] });
    expect(q.fq).toBeUndefined();
    const missing = (await t.app.inject({ method: 'POST', url: '/api/action/package_show', payload: {} })).json().error;
    expect(missing).toMatchObject({ __type: 'Validation Error', id: [expect.any(String)] });
  });

  it('converts a POST body\'s text as CKAN does (ckanapi\'s command line sends rows=5 as "5")', async () => {
    const posted = await t.app.inject({ method: 'POST', url: '/api/action/package_search', payload: { rows: '2', start: '1', sort: 'id asc', 'facet.limit': '1', 'facet.field': '["tags"]' } });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().result.results).toHaveLength(2);
    expect(posted.json().result.search_facets.tags.items).toHaveLength(1);
    const shown = await t.app.inject({ method: 'POST', url: '/api/action/organization_show', payload: { id: transport, include_datasets: 'True' } });
    expect(shown.json().result.packages.length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'POST', url: '/api/action/package_search', payload: { rows: 'many' } })).statusCode).toBe(409);
  });

  it('reads a POST body as CKAN does: curl -d \'{json}\' (a form of one field), form fields, no body at all', async () => {
    const post = (payload: string | undefined, type?: string) => t.app.inject({
      method: 'POST', url: '/api/3/action/package_search', ...(payload === undefined ? {} : { payload }), headers: type ? { 'content-type': type } : {},
    });
    const form = 'application/x-www-form-urlencoded';
    // What CKAN's documentation's `curl -d '{"rows": 2}'` sends: the JSON as a form's one field.
    const json = await post('{"rows": 2, "sort": "id asc"}', form);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().result.results).toHaveLength(2);
    const fields = await post('rows=3&sort=id+asc&facet.field=%5B%22tags%22%5D', form);
    expect(fields.statusCode, fields.body).toBe(200);
    expect(fields.json().result.results).toHaveLength(3);
    for (const [payload, type] of [[undefined, undefined], ['', 'application/json'], ['', form]] as const) {
      const empty = await post(payload, type);
      expect(empty.statusCode, `${type} ${empty.body}`).toBe(200);
      expect(empty.json().result.count).toBeGreaterThan(1000);
    }
    const broken = await post('{"rows": ', 'application/json');
    expect(broken.statusCode).toBe(409);
    expect(broken.json()).toMatchObject({ success: false, error: { __type: 'Validation Error' } });
    // The portal's own routes still take JSON only.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: 'account=1', headers: { 'content-type': form } })).statusCode).toBe(415);
  });

  it('takes booleans in CKAN\'s forms', async () => {
    for (const form of ['true', 'True', '1', 'yes']) {
      expect((await result(`/api/action/organization_show?id=${transport}&include_datasets=${form}`)).packages, form).toBeDefined();
    }
    for (const form of ['false', 'False', '0', 'no']) {
      expect((await result(`/api/action/organization_show?id=${transport}&include_datasets=${form}`)).packages, form).toBeUndefined();
    }
    const posted = await t.app.inject({ method: 'POST', url: '/api/action/organization_show', payload: { id: transport, include_datasets: true } });
    expect(posted.json().result.packages.length).toBeGreaterThan(0);
    expect((await get(`/api/action/organization_show?id=${transport}&include_datasets=maybe`)).statusCode).toBe(409);
  });
});

describe('package_search', () => {
  const sorted = <T>(items: T[], compare: (a: T, b: T) => number) => items.every((x, i) => i === 0 || compare(items[i - 1]!, x) <= 0);
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  it('orders by every key CKAN clients send, ascending and descending, and by several keys', async () => {
    const fields: [string, (p: Pkg) => string][] = [
      ['id', (p) => p.id], ['name', (p) => p.name], ['title_string', (p) => p.title],
      ['metadata_created', (p) => p.metadata_created], ['metadata_modified', (p) => p.metadata_modified],
    ];
    for (const [field, value] of fields) {
      const asc = (await search({ sort: `${field} asc`, rows: 200 })).results;
      expect(asc).toHaveLength(200);
      expect(sorted(asc, (a, b) => text(value(a), value(b))), `${field} asc`).toBe(true);
      const desc = (await search({ sort: `${field} desc`, rows: 200 })).results;
      expect(sorted(desc, (a, b) => text(value(b), value(a))), `${field} desc`).toBe(true);
      expect(desc[0]!.id).not.toBe(asc[0]!.id);
    }
    for (const sort of ['score desc', 'views_recent desc', 'views_total asc', 'score desc, metadata_modified desc', 'rank']) {
      expect((await search({ sort, rows: 5 })).results, sort).toHaveLength(5);
    }
    const several = (await search({ sort: 'metadata_created desc,  title_string asc, id asc', rows: 300 })).results;
    expect(sorted(several, (a, b) => text(b.metadata_created, a.metadata_created) || text(a.title, b.title) || text(a.id, b.id))).toBe(true);
    expect((await search({ sort: 'id asc', rows: 1 })).sort).toBe('id asc');
    expect((await search({ rows: 1 })).sort).toBe('score desc, metadata_modified desc');
  });

  it('filters with AND, OR, NOT, negation, parentheses, quoted values and ranges', async () => {
    const ofTransport = await count(`organization:${transport}`);
    const organizations = (await search({ 'facet.field': '["organization"]', 'facet.limit': -1, rows: 0 })).search_facets.organization!.items;
    const other = organizations.find((o) => o.name !== transport)!;
    expect(ofTransport).toBe(organizations.find((o) => o.name === transport)!.count);
    expect(await count(`organization:${transport} OR organization:${other.name}`)).toBe(ofTransport + other.count);
    expect(await count(`organization:${transport} || owner_org:${other.name}`)).toBe(ofTransport + other.count);
    expect(await count(`-organization:${transport}`)).toBe(listed - ofTransport);
    expect(await count(`NOT organization:${transport}`)).toBe(listed - ofTransport);
    expect(await count(`*:* -organization:${transport} -organization:${other.name}`)).toBe(listed - ofTransport - other.count);
    expect(await count(`organization:(${transport} OR ${other.name})`)).toBe(ofTransport + other.count);
    expect(await count(`(organization:${transport} OR organization:${other.name}) AND tags:"${TAG}"`)).toBe(1);
    expect(await count(`+organization:${transport} +tags:${TAG}`)).toBe(1);
    expect(await count(`capacity:public +state:active`)).toBe(listed);
    expect(await count('state:draft')).toBe(0);

    const modified = (await search({ sort: 'metadata_modified asc', rows: 1, start: Math.floor(listed / 2) })).results[0]!.metadata_modified;
    const since = await count(`metadata_modified:[${modified} TO *]`);
    const before = await count(`metadata_modified:{* TO ${modified}}`);
    expect(since + before).toBe(listed);
    expect(since).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
    // The harvester's form: a Python isoformat with microseconds and a Z.
    expect(await count('metadata_modified:[2000-01-01T00:00:00.123456Z TO *]')).toBe(listed);
    expect(await count('metadata_created:[NOW-1DAY TO NOW+1DAY]')).toBeGreaterThanOrEqual(1);
    expect(await count('metadata_created:[* TO 2000-01-01]')).toBe(0);
    const recent = (await search({ fq: `metadata_modified:[${modified} TO *]`, rows: 1000 })).results;
    expect(recent.every((p) => p.metadata_modified >= modified)).toBe(true);

    const withData = await count('num_resources:[1 TO *]');
    expect(withData + await count('num_resources:0')).toBe(listed);
    expect((await search({ fq: 'num_resources:[1 TO *]', rows: 1000 })).results.every((p) => p.num_resources > 0)).toBe(true);
    expect((await get('/api/v1/catalog?hasData=true')).json().total).toBe(withData);

    const groups = (await search({ 'facet.field': '["groups"]', rows: 0 })).search_facets.groups!.items;
    expect(await count(`groups:"${groups[0]!.name}"`)).toBe(groups[0]!.count);
    // q written as clauses is a filter too, as Solr reads it.
    expect((await search({ q: `tags:${TAG}`, rows: 0 })).count).toBe(1);
  });

  it('refuses what it does not understand, naming it, rather than passing it on', async () => {
    for (const [fq, said] of [
      ['title:x', '不支持按“title”筛选'], ['organization:abc*', '通配'], ['(organization:x', '括号不成对'],
      ['organization:x)', '括号不成对'], ['metadata_modified:[yesterday TO *]', '无法识别的时间'], ['tags:[a TO b]', '不能按范围筛选'],
      ['just words', '无法识别的筛选条件'], ['tags:"open', '引号不成对'], ['num_resources:[one TO *]', '须为整数'],
    ]) {
      const res = await get(`/api/action/package_search?fq=${encodeURIComponent(fq!)}`);
      expect(res.statusCode, fq).toBe(409);
      expect(res.json().error.message, fq).toContain(said);
    }
    expect((await get(`/api/action/package_search?fq=${encodeURIComponent('('.repeat(30) + 'tags:x' + ')'.repeat(30))}`)).json().error.message).toContain('嵌套过深');
    expect((await get('/api/action/package_search?facet.field=%5B%22maintainer%22%5D')).statusCode).toBe(409);
  });

  it('clamps rows to 1000 and answers facets only for the fields asked, up to facet.limit', async () => {
    const big = await search({ rows: 5000, sort: 'id asc' });
    expect(big.results).toHaveLength(1000);
    expect(big.count).toBe(listed);
    const faceted = await search({ 'facet.field': '["tags","res_format"]', 'facet.limit': 3, rows: 0 });
    expect(Object.keys(faceted.search_facets).sort()).toEqual(['res_format', 'tags']);
    expect(faceted.search_facets.tags!.items).toHaveLength(3);
    expect(Object.keys((await search({ rows: 0 })).search_facets)).toEqual([]);
    // include_private is a sysadmin's option: a visitor's search is the same with it.
    expect((await search({ include_private: 'true', rows: 0 })).count).toBe(listed);
  });

  it('walks the whole catalog once, as the CKAN harvester pages it with sort=id asc', async () => {
    expect(listed).toBeGreaterThan(3000); // the demo catalog
    const seen: string[] = [];
    // The harvester's own request: urlencode({'rows': '100', 'start': N, 'sort': 'id asc'}).
    for (let start = 0; ; start += 100) {
      const res = await get(`/api/3/action/package_search?rows=100&start=${start}&sort=id+asc`);
      const page = res.json().result.results as Pkg[];
      if (page.length === 0) break;
      seen.push(...page.map((p) => p.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(listed);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(await result('/api/action/package_list'));
    expect(seen).not.toContain(prohibited.entryId);
  });
});

describe('ckanapi dump datasets --all', () => {
  it('gets every listed dataset through the calls ckanapi makes', async () => {
    // ckanapi's own calls: package_list, then package_show for each name, by POST with a JSON body.
    const names = (await t.app.inject({ method: 'POST', url: '/api/action/package_list', payload: { include_private: false, include_drafts: false, include_deleted: false } })).json().result as string[];
    expect(names).toHaveLength(listed);
    const dumped: string[] = [];
    for (let i = 0; i < names.length; i += 50) {
      const shown = await Promise.all(names.slice(i, i + 50).map((id) => t.app.inject({
        method: 'POST', url: '/api/action/package_show', payload: { id, include_datasets: false, include_password_hash: true, include_users: false },
      })));
      for (const res of shown) {
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        dumped.push(res.json().result.id);
      }
    }
    expect(dumped).toEqual(names);
  });
});

describe('CKAN lists', () => {
  it('package_list gives every listed entry by name without a cap, and pages by limit and offset', async () => {
    const all = await result('/api/action/package_list') as string[];
    expect(all).toHaveLength(listed);
    expect(all).toEqual([...all].sort());
    expect(await result('/api/action/package_list?limit=10&offset=20')).toEqual(all.slice(20, 30));
    expect(await result('/api/action/package_list?limit=999999999')).toEqual(all);
    expect(await result(`/api/action/package_list?offset=${listed - 2}&limit=5`)).toEqual(all.slice(-2));
    const posted = await t.app.inject({ method: 'POST', url: '/api/action/package_list', payload: { include_private: false, include_drafts: false, include_deleted: false } });
    expect(posted.json().result).toEqual(all);
  });

  it('current_package_list_with_resources pages the newest first, ten by default', async () => {
    const first = await result('/api/action/current_package_list_with_resources') as Pkg[];
    expect(first).toHaveLength(10);
    const next = await result('/api/action/current_package_list_with_resources?limit=10&offset=10') as Pkg[];
    expect(next[0]!.metadata_modified <= first[9]!.metadata_modified).toBe(true);
    expect(first[0]).toHaveProperty('resources');
    expect(await result('/api/action/current_package_list_with_resources?limit=5000')).toHaveLength(1000);
  });

  it('organization_list and organization_show count each department\'s listed entries', async () => {
    const names = await result('/api/action/organization_list') as string[];
    expect(names).toHaveLength((await t.ctx.departments.list()).length);
    const full = await result('/api/action/organization_list?all_fields=true&sort=package_count%20desc') as { name: string; package_count: number }[];
    expect(full).toHaveLength(25); // CKAN's cap for all_fields
    expect(full.every((o, i) => i === 0 || full[i - 1]!.package_count >= o.package_count)).toBe(true);
    const page = await result('/api/action/organization_list?sort=name%20asc&limit=5&offset=5') as string[];
    expect(page).toEqual([...names].sort().slice(5, 10));
    const shown = await result(`/api/action/organization_show?id=${transport}&include_datasets=true`);
    expect(shown.package_count).toBe(await count(`organization:${transport}`));
    expect(shown.packages.length).toBe(Math.min(shown.package_count, 1000));
    expect(shown.packages.every((p: Pkg) => p.owner_org === transport)).toBe(true);
  });

  it('group_list and group_show serve the 数据领域 as groups', async () => {
    const groups = await result('/api/action/group_list?all_fields=true&sort=package_count') as { name: string; package_count: number; is_organization: boolean }[];
    expect(groups.length).toBeGreaterThan(1);
    expect(groups[0]!.is_organization).toBe(false);
    expect(groups.map((g) => g.name)).not.toContain('兼容接口专测领域');
    const group = await result(`/api/action/group_show?id=${encodeURIComponent(groups[0]!.name)}&include_datasets=1`);
    expect(group.package_count).toBe(groups[0]!.package_count);
    expect(group.package_count).toBe(await count(`groups:"${groups[0]!.name}"`));
    expect(group.packages[0].groups).toEqual([expect.objectContaining({ name: groups[0]!.name })]);
    expect((await get(`/api/action/group_show?id=${encodeURIComponent('兼容接口专测领域')}`)).statusCode).toBe(404);
  });

  it('tag_list, license_list and help_show', async () => {
    const tags = await result(`/api/action/tag_list?query=${encodeURIComponent('专测')}`) as string[];
    expect(tags).toEqual([TAG]);
    expect((await result('/api/action/tag_list') as string[]).length).toBeGreaterThan(10);
    const licences = await result('/api/action/license_list') as { id: string; title: string }[];
    const pkg = (await search({ rows: 1 })).results[0]!;
    expect(licences.map((l) => l.id)).toContain(pkg.license_id);
    expect(await result('/api/action/help_show?name=package_search')).toMatch(/检索公开目录/);
    expect((await get('/api/action/help_show?name=package_create')).statusCode).toBe(404);
  });

  it('leaves a 禁止开放 entry out of every list, count and facet, and its data unreachable', async () => {
    const { entryId, resourceId } = prohibited;
    expect(await count(`id:${entryId}`)).toBe(0);
    expect(await count(`tags:${TAG}`)).toBe(1);
    expect(await result(`/api/action/tag_list?query=${encodeURIComponent(TAG)}`)).toEqual([TAG]);
    const newest = await result(`/api/action/current_package_list_with_resources?limit=1000`) as Pkg[];
    expect(newest.map((p) => p.id)).not.toContain(entryId);
    const shown = await result(`/api/action/organization_show?id=${transport}&include_datasets=true`);
    expect(shown.packages.map((p: Pkg) => p.id)).not.toContain(entryId);
    for (const url of [
      `/api/action/package_show?id=${entryId}`, `/api/action/resource_show?id=${resourceId}`,
      `/api/action/datastore_search?resource_id=${resourceId}&limit=0`, `/api/action/datastore_info?id=${resourceId}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.__type).toBe('Not Found Error');
    }
  });
});
