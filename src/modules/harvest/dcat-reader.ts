/**
 * Reads a DCAT catalog as ckanext-dcat's RDF harvester does: the document at the URL, then each
 * page its hydra paging names (hydra:next, or the older hydra:nextPage, on a
 * hydra:PartialCollectionView or hydra:PagedCollection), every dcat:Dataset in them identified
 * by its IRI, or by its dct:identifier when it is a blank node.
 */
import { DataFactory, type Store, type Term } from 'n3';
import { AppError } from '../../domain/errors.js';
import { frequencyOf } from './frequency.js';
import type { GatheredCatalog } from './gathered.js';
import { clean, httpUrl, type Gathered } from './remote-dataset.js';
import type { RemotePages } from './remote-pages.js';
import { formatOf, parseRdf } from './rdf.js';

const { namedNode } = DataFactory;
const ns = (base: string) => (name: string) => namedNode(base + name);
const rdf = ns('http://www.w3.org/1999/02/22-rdf-syntax-ns#');
const dcat = ns('http://www.w3.org/ns/dcat#');
const dct = ns('http://purl.org/dc/terms/');
const vcard = ns('http://www.w3.org/2006/vcard/ns#');
const hydra = ns('http://www.w3.org/ns/hydra/core#');
const skos = ns('http://www.w3.org/2004/02/skos/core#');
const foaf = ns('http://xmlns.com/foaf/0.1/');

const ACCEPT = 'text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, */*;q=0.1';

export async function readDcat(pages: RemotePages, url: string): Promise<GatheredCatalog> {
  const seen = new Map<string, Gathered>();
  const visited = new Set<string>();
  let catalogFound = false;
  for (let next: string | null = url; next && !visited.has(next);) {
    visited.add(next);
    const page = await pages.get(next, ACCEPT);
    if (page.status !== 200) throw new AppError('HARVEST_NOT_CATALOG', undefined, `${next} 返回 HTTP ${page.status}`);
    const store = await parseRdf(page.body, formatOf(page.mediaType, page.url, page.body), page.url);
    const datasets = store.getSubjects(rdf('type'), dcat('Dataset'), null);
    catalogFound ||= datasets.length > 0 || store.getSubjects(rdf('type'), dcat('Catalog'), null).length > 0;
    for (const node of datasets) {
      const dataset = datasetOf(store, node);
      if (!seen.has(dataset.remoteId)) seen.set(dataset.remoteId, dataset);
    }
    next = nextPage(store, page.url);
  }
  if (!catalogFound) throw new AppError('HARVEST_NOT_CATALOG', undefined, `${url} 中没有 dcat:Catalog 或 dcat:Dataset`);
  return { datasets: [...seen.values()], complete: true, notes: [] };
}

function nextPage(store: Store, pageUrl: string): string | null {
  for (const type of [hydra('PartialCollectionView'), hydra('PagedCollection')]) {
    for (const view of store.getSubjects(rdf('type'), type, null)) {
      const next = store.getObjects(view, hydra('next'), null)[0] ?? store.getObjects(view, hydra('nextPage'), null)[0];
      if (next) return httpUrl(next.value, pageUrl);
    }
  }
  return null;
}

/** A literal's text, Chinese first, then untagged, then any language. */
function literal(store: Store, subject: Term, predicate: Term): string {
  const literals = store.getObjects(subject, predicate, null).filter((o) => o.termType === 'Literal');
  const pick = literals.find((l) => 'language' in l && /^zh/i.test(l.language)) ?? literals.find((l) => 'language' in l && !l.language) ?? literals[0];
  return pick?.value ?? '';
}

/** An IRI's value, or a literal's, or the label of the node it points to. */
function valueOf(store: Store, subject: Term, predicate: Term): string {
  const term = store.getObjects(subject, predicate, null)[0];
  if (!term) return '';
  if (term.termType !== 'BlankNode') return term.value;
  return literal(store, term, skos('prefLabel')) || literal(store, term, dct('title')) || literal(store, term, rdf('value'));
}

function datasetOf(store: Store, node: Term): Gathered {
  const identifier = literal(store, node, dct('identifier'));
  const remoteId = clean(node.termType === 'NamedNode' ? node.value : identifier, 1000);
  const title = literal(store, node, dct('title'));
  if (!remoteId) return { remoteId: `(${clean(title, 100) || '无标识'})`, title, error: '数据集既没有 IRI 也没有 dct:identifier' };
  const contact = store.getObjects(node, dcat('contactPoint'), null)[0];
  const distributions = store.getObjects(node, dcat('distribution'), null);
  const themes = store.getObjects(node, dcat('theme'), null).map((t) => (t.termType === 'Literal' ? t.value : literal(store, t, skos('prefLabel'))));
  const access = valueOf(store, node, dct('accessRights'));
  return {
    remoteId,
    title,
    summary: literal(store, node, dct('description')),
    tags: store.getObjects(node, dcat('keyword'), null).filter((o) => o.termType === 'Literal').map((o) => o.value),
    domain: themes.find(Boolean) ?? '',
    nationalTheme: '',
    district: '',
    updateFrequency: frequencyOf(valueOf(store, node, dct('accrualPeriodicity'))),
    restricted: /RESTRICTED|NON_PUBLIC|受限|有条件/i.test(access),
    openConditions: '',
    licence: valueOf(store, node, dct('license')) || (distributions[0] ? valueOf(store, distributions[0], dct('license')) : ''),
    contactName: contact ? literal(store, contact, vcard('fn')) || literal(store, contact, foaf('name')) : '',
    contactPhone: contact ? valueOf(store, contact, vcard('hasTelephone')).replace(/^tel:/i, '') : '',
    contactEmail: contact ? valueOf(store, contact, vcard('hasEmail')).replace(/^mailto:/i, '') : '',
    landingPage: httpUrl(valueOf(store, node, dcat('landingPage'))) ?? httpUrl(node.termType === 'NamedNode' ? node.value : ''),
    links: distributions.flatMap((d) => {
      const url = httpUrl(valueOf(store, d, dcat('downloadURL'))) ?? httpUrl(valueOf(store, d, dcat('accessURL')));
      if (!url) return [];
      const format = (valueOf(store, d, dct('format')) || valueOf(store, d, dcat('mediaType'))).split(/[/#]/).pop() ?? '';
      return [{ name: literal(store, d, dct('title')) || format || '数据资源', url, format }];
    }),
  };
}
