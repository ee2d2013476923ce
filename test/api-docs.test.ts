/**
 * The API documentation as a reader meets it: grouped by audience in a fixed order with the
 * web app's own routes last, introduced in Chinese, and a worked example on each data route
 * whose request, run against the demo data, gets the answer the documentation shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCES, audienceOf } from '../src/http/api-docs-audiences.js';
import { exampleUrl, WORKED_EXAMPLES } from '../src/http/api-docs-examples.js';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';

type Operation = { tags: string[]; description?: string; parameters?: { name: string; example?: unknown }[]; responses: Record<string, { content?: Record<string, { example?: unknown }> }> };
let t: TestApp;
let spec: { info: { description: string }; tags: { name: string; description: string }[]; paths: Record<string, Record<string, Operation>> };
let reader: Client;
beforeAll(async () => {
  t = await startTestApp();
  spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  reader = await login(t.app, DEMO.verifiedUser);
  const { version } = (await reader.request({ method: 'GET', url: '/api/v1/licence' })).json();
  await reader.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } });
});
afterAll(async () => { await t.close(); });

const operation = (method: string, path: string) => spec.paths[path]![method.toLowerCase()]!;

describe('the API documentation', () => {
  it('lists the audiences in order, described in Chinese, internal routes last', () => {
    expect(spec.tags.map((tag) => tag.name)).toEqual(['公开目录', '数据接口', 'CKAN 兼容', '账户', '管理', '内部接口']);
    for (const tag of spec.tags) expect(tag.description).toMatch(/[\u4e00-\u9fff]/);
    expect(spec.info.description).toMatch(/按使用者分组/);
  });

  it('files every operation under exactly one audience', () => {
    const names = new Set(AUDIENCES.map((a) => a.name));
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        expect(op.tags, `${method} ${path}`).toHaveLength(1);
        expect(names.has(op.tags[0] as never), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('files routes by who calls them', () => {
    const expected: [string, string, string][] = [
      ['GET', '/api/v1/catalog', '公开目录'], ['GET', '/api/v1/catalog/{id}', '公开目录'], ['GET', '/api/v1/departments', '公开目录'],
      ['GET', '/api/v1/catalog.jsonld', '公开目录'],
      ['GET', '/api/v1/resources/{id}/records', '数据接口'], ['GET', '/api/v1/resources/{id}/download', '数据接口'],
      ['GET', '/api/3/action/package_search', 'CKAN 兼容'], ['POST', '/api/3/action/datastore_search', 'CKAN 兼容'],
      ['POST', '/api/v1/auth/login', '账户'], ['GET', '/api/v1/me', '账户'], ['POST', '/api/v1/applications', '账户'],
      ['GET', '/api/v1/applications', '管理'], ['POST', '/api/v1/applications/{id}/decision', '管理'], ['POST', '/api/v1/catalog', '管理'],
      ['GET', '/api/v1/users', '管理'], ['POST', '/api/v1/resources/{id}/versions', '管理'],
      ['GET', '/api/v1/auth/session', '内部接口'], ['GET', '/api/v1/catalog/options', '内部接口'],
    ];
    for (const [method, path, audience] of expected) {
      expect(operation(method, path).tags, `${method} ${path}`).toEqual([audience]);
      expect(audienceOf(method, path)).toBe(audience);
    }
    // Routes added later join a group by their address alone.
    expect(audienceOf('GET', '/api/action/package_search')).toBe('CKAN 兼容');
    expect(audienceOf('GET', '/api/v1/catalog.ttl')).toBe('公开目录');
    expect(audienceOf('GET', '/api/v1/catalog/changes')).toBe('数据接口');
    expect(audienceOf('POST', '/api/v1/resources/{id}/sources')).toBe('管理');
  });

  it('shows a worked example on each data route: parameters filled in, the curl command, the answer', () => {
    for (const path of ['/api/v1/catalog', '/api/v1/resources/{id}/records', '/api/v1/resources/{id}/stats', '/api/v1/resources/{id}/download',
      '/api/3/action/package_search', '/api/3/action/package_show', '/api/3/action/datastore_search']) {
      expect(WORKED_EXAMPLES.some((e) => e.path === path), path).toBe(true);
    }
    for (const example of WORKED_EXAMPLES) {
      const op = operation(example.method, example.path);
      const name = `${example.method} ${example.path}`;
      expect(op.description, name).toContain("curl -G");
      expect(op.description, name).toContain(`'http://localhost:3000${exampleUrl({ ...example, query: {} })}'`);
      for (const [param, value] of Object.entries({ ...example.params, ...example.query })) {
        expect(op.parameters?.find((p) => p.name === param)?.example, `${name} ${param}`).toBe(value);
      }
      expect(op.responses['200']!.content![example.contentType ?? 'application/json']!.example, name).toEqual(example.answer);
    }
  });

  it('shows CKAN\'s examples at /api/action/… as at /api/3/action/…, as ckanapi calls them', () => {
    for (const name of ['package_search', 'package_show', 'datastore_search']) {
      const v3 = operation('GET', `/api/3/action/${name}`);
      const bare = operation('GET', `/api/action/${name}`);
      expect(bare.description, name).toContain(`'http://localhost:3000/api/action/${name}'`);
      expect(bare.responses['200']!.content!['application/json']!.example, name).toEqual(v3.responses['200']!.content!['application/json']!.example);
    }
  });

  it.each(WORKED_EXAMPLES.map((e) => [`${e.method} ${e.path}`, e] as const))('%s: the example gets the answer shown', async (_, example) => {
    const request = { method: example.method, url: exampleUrl(example) };
    const res = example.key ? await reader.request(request) : await t.app.inject(request);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    if (typeof example.answer === 'string') expect(res.body.startsWith(example.answer), res.body.slice(0, 200)).toBe(true);
    else expect(res.json()).toMatchObject(example.answer as object);
  });
});
