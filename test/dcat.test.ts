/**
 * DCAT-AP as harvesters read it: the catalog and one dataset in Turtle, RDF/XML and JSON-LD,
 * each read back by a real RDF parser and found to be the same graph with every mandatory
 * property; hydra paging followed to the end; content negotiation on GET /api/v1/catalog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';
import { createEntry, drainJobs, submitForReview } from './support/catalog.js';
import { Graph, line, NS, parseJsonLd, parseRdfXml, parseTurtle, type Triple } from './support/rdf.js';
import { upload } from './support/upload.js';

let t: TestApp;
let publisher: Client;
let reviewer: Client;
let entryId: string;
let resourceId: string;
let draftId: string;
let prohibitedId: string;
// Characters XML and Turtle must escape, in a title and a tag.
const TITLE = 'DCAT 测试：公交站点 <甲&乙> "引号" \'撇号\'';
const { rdf, dcat, dct, foaf, vcard, hydra } = NS;

async function publish(id: string): Promise<void> {
  await submitForReview(t, publisher, id);
  const res = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
  if (res.statusCode !== 200) throw new Error(`publish: ${res.statusCode} ${res.body}`);
}

beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  reviewer = await login(t.app, DEMO.authorityReviewer);
  entryId = await createEntry(t, publisher, { title: TITLE, tags: ['公交', 'a&b<c>', 'bell\u0007'] });
  resourceId = (await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('站点 & 线路')}`, 'stations.csv', '站点名称,线路数\n武林广场,12\n')).json().resourceId;
  await drainJobs(t);
  await publish(entryId);
  draftId = await createEntry(t, publisher, { title: 'DCAT 测试草稿' });
  prohibitedId = await createEntry(t, publisher, { title: 'DCAT 测试禁止开放' });
  await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${prohibitedId}`, payload: { openType: 'prohibited' } });
  await publish(prohibitedId);
});
afterAll(async () => { await t.close(); });

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

const PARSERS = {
  ttl: async (body: string) => parseTurtle(body),
  rdf: parseRdfXml,
  jsonld: parseJsonLd,
} as const;
const TYPES = { ttl: 'text/turtle', rdf: 'application/rdf+xml', jsonld: 'application/ld+json' } as const;
type Format = keyof typeof PARSERS;
const FORMATS = Object.keys(PARSERS) as Format[];

async function fetchGraph(url: string, format: Format, headers: Record<string, string> = {}): Promise<Triple[]> {
  const res = await get(url, headers);
  expect(res.statusCode, `${url} ${res.body.slice(0, 300)}`).toBe(200);
  expect(res.headers['content-type']).toBe(`${TYPES[format]}; charset=utf-8`);
  return PARSERS[format](res.body);
}

/** The graph as a set of lines, with each serialization's own page links written alike. */
const canonical = (triples: Triple[]) => [...new Set(triples.map(line).map((l) => l.replace(/catalog\.(ttl|rdf|jsonld)\?page=/g, 'catalog.X?page=')))].sort();

/** Every DCAT-AP mandatory property of the catalog, of `dataset`, and of its distributions. */
function expectMandatory(g: Graph, dataset: string, title: string): void {
  const [catalog] = g.ofType(`${dcat}Catalog`);
  expect(catalog).toMatch(/\/api\/v1\/catalog$/);
  expect(g.objects(catalog!, `${dct}title`)[0]).toMatchObject({ termType: 'Literal', language: 'zh' });
  expect(g.objects(catalog!, `${dct}description`)[0]).toMatchObject({ termType: 'Literal', language: 'zh' });
  const [authority] = g.values(catalog!, `${dct}publisher`);
  expect(g.objects(authority!, `${foaf}name`)).toEqual([{ termType: 'Literal', value: '杭州市数据资源管理局', language: 'zh' }]);
  expect(g.values(catalog!, `${dcat}dataset`)).toContain(dataset);

  expect(g.values(dataset, `${rdf}type`)).toEqual([`${dcat}Dataset`]);
  expect(g.objects(dataset, `${dct}title`)).toEqual([{ termType: 'Literal', value: title, language: 'zh' }]);
  expect(g.objects(dataset, `${dct}description`)[0]).toMatchObject({ termType: 'Literal', language: 'zh' });
  const [publisherIri] = g.values(dataset, `${dct}publisher`);
  expect(g.values(publisherIri!, `${rdf}type`)).toContain(`${foaf}Agent`);
  expect(g.objects(publisherIri!, `${foaf}name`)).toEqual([{ termType: 'Literal', value: '杭州市交通运输局', language: 'zh' }]);
  // The transport bureau's 专人专岗 contact (src/seed/departments.ts).
  const [contact] = g.values(dataset, `${dcat}contactPoint`);
  expect(g.objects(contact!, `${vcard}fn`)).toEqual([{ termType: 'Literal', value: '李明哲', language: 'zh' }]);
  expect(g.values(contact!, `${vcard}hasTelephone`)).toEqual(['tel:+8657185250102']);
  expect(g.values(contact!, `${vcard}hasEmail`)).toEqual(['mailto:jtj@hangzhou.example.cn']);

  const distributions = g.values(dataset, `${dcat}distribution`);
  expect(distributions.length).toBeGreaterThan(0);
  for (const d of distributions) {
    expect(g.values(d, `${rdf}type`)).toEqual([`${dcat}Distribution`]);
    expect(g.values(d, `${dcat}accessURL`)).toEqual([dataset]);
    expect(g.values(d, `${dct}format`)[0]).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/[A-Z]+$/);
    expect(g.values(d, `${dcat}mediaType`)[0]).toMatch(/^https:\/\/www\.iana\.org\/assignments\/media-types\//);
    const [licence] = g.values(d, `${dct}license`);
    expect(licence).toMatch(/\/api\/v1\/licence$/);
    expect(g.values(licence!, `${rdf}type`)).toEqual([`${dct}LicenseDocument`]);
  }
}

describe('DCAT-AP in three serializations', () => {
  it('reads one dataset alike from Turtle, RDF/XML and JSON-LD, with every mandatory property and hostile text intact', async () => {
    const graphs = await Promise.all(FORMATS.map((f) => fetchGraph(`/api/v1/catalog/${entryId}.${f}`, f)));
    expect(canonical(graphs[1]!)).toEqual(canonical(graphs[0]!));
    expect(canonical(graphs[2]!)).toEqual(canonical(graphs[0]!));
    for (const triples of graphs) {
      const g = new Graph(triples);
      const [dataset] = g.ofType(`${dcat}Dataset`);
      expect(dataset).toMatch(new RegExp(`/catalog/${entryId}$`));
      expectMandatory(g, dataset!, TITLE);
      expect(g.objects(dataset!, `${dcat}keyword`)).toContainEqual({ termType: 'Literal', value: 'a&b<c>', language: 'zh' });
      // A control character has no form in RDF/XML: it leaves every serialization alike.
      expect(g.objects(dataset!, `${dcat}keyword`)).toContainEqual({ termType: 'Literal', value: 'bell', language: 'zh' });
      const [distribution] = g.values(dataset!, `${dcat}distribution`);
      expect(distribution).toMatch(new RegExp(`/api/v1/resources/${resourceId}$`));
      expect(g.objects(distribution!, `${dct}title`)).toEqual([{ termType: 'Literal', value: '站点 & 线路', language: 'zh' }]);
      expect(g.values(distribution!, `${dcat}downloadURL`)[0]).toMatch(new RegExp(`/api/v1/resources/${resourceId}/download\\?format=csv$`));
      expect(g.values(distribution!, `${dct}format`)).toEqual(['http://publications.europa.eu/resource/authority/file-type/CSV']);
      expect(g.values(dataset!, `${dct}accrualPeriodicity`)).toEqual(['http://publications.europa.eu/resource/authority/frequency/MONTHLY']);
      expect(g.values(dataset!, `${dct}accessRights`)).toEqual(['http://publications.europa.eu/resource/authority/access-right/PUBLIC']);
      // Every literal in Chinese is tagged so.
      for (const tr of triples) if (/[\u4e00-\u9fa5]/.test(tr.object.value) && tr.object.termType === 'Literal') expect(tr.object.language, tr.object.value).toBe('zh');
    }
  });

  it('hides a draft, a 禁止开放 entry and unknown ids from visitors, not from the entry\'s keepers', async () => {
    for (const format of FORMATS) {
      for (const id of [draftId, prohibitedId, '00000000-0000-0000-0000-000000000000']) {
        const res = await get(`/api/v1/catalog/${id}.${format}`);
        expect(res.statusCode, `${id}.${format}`).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect((await publisher.request({ method: 'GET', url: `/api/v1/catalog/${draftId}.${format}` })).statusCode).toBe(200);
    }
  });

  it('pages the catalog as hydra views that, followed to the end, cover every listed entry once', async () => {
    const listed = await t.ctx.database.db.selectFrom('catalog_entries').select('id')
      .where('status', '=', 'published').where('open_type', 'in', ['unconditional', 'restricted']).execute();
    // The demo catalog: thousands of entries, dozens of pages.
    expect(listed.length).toBeGreaterThan(1000);
    const seen: string[] = [];
    const access = new Set<string>();
    let url: string | undefined = '/api/v1/catalog.ttl';
    let pages = 0;
    while (url) {
      const g: Graph = new Graph(await fetchGraph(url, 'ttl'));
      seen.push(...g.ofType(`${dcat}Dataset`));
      for (const d of g.ofType(`${dcat}Dataset`)) access.add(g.values(d, `${dct}accessRights`).join());
      // Both designs CKAN's harvester reads: PartialCollectionView with next, PagedCollection with nextPage.
      const [view] = g.ofType(`${hydra}PartialCollectionView`);
      expect(g.ofType(`${hydra}PagedCollection`)).toEqual([view]);
      expect(g.values(view!, `${hydra}totalItems`)).toEqual([String(listed.length)]);
      expect(g.values(view!, `${hydra}itemsPerPage`)).toEqual(['100']);
      expect(g.values(view!, `${hydra}first`)[0]).toMatch(/\/api\/v1\/catalog\.ttl\?page=1$/);
      const next: string | undefined = g.values(view!, `${hydra}next`)[0];
      expect(g.values(view!, `${hydra}nextPage`)[0]).toBe(next);
      if (!next) expect(g.values(view!, `${hydra}last`)[0]).toBe(view);
      url = next && new URL(next).pathname + new URL(next).search;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(listed.length / 100));
    expect(seen).toHaveLength(listed.length);
    expect(new Set(seen.map((iri) => iri.split('/').at(-1))).size).toBe(listed.length);
    expect(new Set(seen.map((iri) => iri.split('/').at(-1)))).toEqual(new Set(listed.map((r) => r.id)));
    expect(seen.some((iri) => iri.endsWith(draftId) || iri.endsWith(prohibitedId))).toBe(false);
    // 受限开放 entries are listed too, as restricted.
    expect([...access].sort()).toEqual(['PUBLIC', 'RESTRICTED'].map((a) => `http://publications.europa.eu/resource/authority/access-right/${a}`));
  });

  it('gives the same page of the catalog in all three serializations, with its mandatory properties', async () => {
    const last = Math.ceil(Number((await t.ctx.database.db.selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published').where('open_type', 'in', ['unconditional', 'restricted']).executeTakeFirstOrThrow()).n) / 100);
    const graphs = await Promise.all(FORMATS.map((f) => fetchGraph(`/api/v1/catalog.${f}?page=${last}`, f)));
    expect(canonical(graphs[1]!)).toEqual(canonical(graphs[0]!));
    expect(canonical(graphs[2]!)).toEqual(canonical(graphs[0]!));
    // Published last, the test entry is on the last page.
    const g = new Graph(graphs[0]!);
    expectMandatory(g, g.ofType(`${dcat}Dataset`).find((d) => d.endsWith(entryId))!, TITLE);
    for (const d of g.ofType(`${dcat}Dataset`)) {
      expect(g.values(d, `${dct}publisher`)).toHaveLength(1);
      expect(g.values(d, `${dcat}contactPoint`)).toHaveLength(1);
      expect(g.objects(d, `${dct}description`)[0]?.language).toBe('zh');
    }
  });

  it('negotiates the serialization on GET /api/v1/catalog, keeping the JSON search for browsers and plain clients', async () => {
    for (const format of FORMATS) {
      const g = new Graph(await fetchGraph('/api/v1/catalog?page=2', format, { accept: `${TYPES[format]}, application/json;q=0.5` }));
      const [view] = g.ofType(`${hydra}PartialCollectionView`);
      expect(view).toMatch(new RegExp(`/api/v1/catalog\\.${format}\\?page=2$`));
      expect(g.ofType(`${dcat}Dataset`)).toHaveLength(100);
    }
    // CKAN's DCAT harvester asks with HEAD before it GETs.
    for (const url of ['/api/v1/catalog', '/api/v1/catalog.ttl']) {
      const head = await t.app.inject({ method: 'HEAD', url, headers: { accept: 'text/turtle' } });
      expect(head.statusCode, url).toBe(200);
      expect(head.headers['content-type'], url).toBe('text/turtle; charset=utf-8');
    }
    for (const accept of [undefined, 'application/json', '*/*', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/json, text/turtle;q=0.5']) {
      const res = await get('/api/v1/catalog?page=2', accept ? { accept } : {});
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-type'], accept).toMatch(/^application\/json/);
      expect(res.json().items, accept).toHaveLength(20);
      expect(res.headers.vary).toMatch(/Accept/);
    }
  });

  it('builds IRIs from the configured public origin, never from a Host header a client chose', async () => {
    t.ctx.config.publicUrl = 'https://data.example.gov.cn';
    try {
      for (const format of FORMATS) {
        const res = await get(`/api/v1/catalog/${entryId}.${format}`, { host: 'evil.example' });
        expect(res.body).not.toContain('evil.example');
        expect(new Graph(await PARSERS[format](res.body)).ofType(`${dcat}Dataset`)).toEqual([`https://data.example.gov.cn/catalog/${entryId}`]);
      }
    } finally {
      t.ctx.config.publicUrl = undefined;
    }
  });

  it('refuses a page number out of bounds', async () => {
    for (const page of ['0', '-1', 'x', '100001']) expect((await get(`/api/v1/catalog.ttl?page=${page}`)).statusCode, page).toBe(400);
  });
});
