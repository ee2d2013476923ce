/**
 * The public catalog as a DCAT-AP graph: a dcat:Catalog published by the authority, whose
 * datasets are the publicly listed entries, each with its department as publisher and that
 * department's 专人专岗 contact as a vCard, its resources as distributions under the portal's
 * licence. One graph, serialized as Turtle, RDF/XML or JSON-LD (rdf-serialize.ts); a page of it
 * carries hydra paging as CKAN's DCAT harvester follows it.
 */
import { DataFactory, type NamedNode, type Quad, type Quad_Object, type Quad_Subject } from 'n3';
import type { UpdateFrequency } from '../../domain/catalog.js';
import type { Package } from './ckan-packages.js';
import {
  dcat, dct, euAccessRight, euFileType, euFrequency, euLanguage, FREQUENCIES, foaf, hydra, ianaMediaType, rdf, vcard, xsd,
} from './rdf-terms.js';

const { namedNode, literal, quad } = DataFactory;

/** A department as an agent: a publisher, with its 专人专岗 contact. */
export interface Agent {
  id: string;
  name: string;
  contact: { person: string; phone: string; email: string };
}

export interface DcatDataset {
  pkg: Package;
  publishedAt: string | null;
  department: Agent;
}

export interface CatalogFacts {
  /** The site's origin: every IRI is built on it. */
  base: string;
  title: string;
  description: string;
  /** The authority that runs the portal (公共数据主管部门). */
  publisher: Agent;
  licence: { title: string };
}

/** Where one page of the catalog sits among the others; `pageUrl(n)` is page n of the same serialization. */
export interface PageView {
  page: number;
  pageSize: number;
  total: number;
  pageUrl: (page: number) => string;
}

/**
 * Text as XML 1.0 can carry it: control characters and lone surrogates have no form in RDF/XML,
 * not even escaped, so they leave the graph itself and the three serializations stay alike.
 */
const XML_UNSAFE = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const text = (value: string) => value.replace(XML_UNSAFE, '');
const zh = (value: string) => literal(text(value), 'zh');
/** Addresses we can vouch for as mailto: IRIs; anything else is left out of the vCard. */
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;
const dateTime = (value: string) => literal(value, xsd('dateTime'));
const integer = (value: number) => literal(String(value), xsd('integer'));

/** The IRIs the graph gives the catalog's things, from the site's origin. */
export const iris = (base: string) => ({
  catalog: `${base}/api/v1/catalog`,
  dataset: (id: string) => `${base}/catalog/${id}`,
  distribution: (id: string) => `${base}/api/v1/resources/${id}`,
  agent: (id: string) => `${base}/departments/${id}`,
  licence: `${base}/api/v1/licence`,
});

/** A phone number as a tel: IRI (RFC 3966, global form); null for what is no phone number. */
export function telIri(phone: string): string | null {
  const digits = phone.replace(/[\s()-]/g, '');
  if (/^\+\d{6,15}$/.test(digits)) return `tel:${digits}`;
  // Mainland numbers: an area code after the trunk 0 (0571…), or a mobile number (1[3-9]…).
  if (/^0\d{9,11}$/.test(digits)) return `tel:+86${digits.slice(1)}`;
  if (/^1[3-9]\d{9}$/.test(digits)) return `tel:+86${digits}`;
  return null;
}

class GraphBuilder {
  readonly quads: Quad[] = [];
  /** Agents, contact cards and the licence are described once however many datasets name them. */
  private readonly described = new Set<string>();

  constructor(private readonly facts: CatalogFacts, private readonly at = iris(facts.base)) {}

  add(subject: Quad_Subject, predicate: NamedNode, object: Quad_Object): void {
    this.quads.push(quad(subject, predicate, object));
  }

  once(iri: string, describe: (node: NamedNode) => void): NamedNode {
    const node = namedNode(iri);
    if (!this.described.has(iri)) {
      this.described.add(iri);
      describe(node);
    }
    return node;
  }

  agent(agent: Agent): NamedNode {
    return this.once(this.at.agent(agent.id), (node) => {
      this.add(node, rdf('type'), foaf('Agent'));
      this.add(node, foaf('name'), zh(agent.name));
    });
  }

  contact(agent: Agent): NamedNode {
    return this.once(`${this.at.agent(agent.id)}#contact`, (node) => {
      this.add(node, rdf('type'), vcard('Organization'));
      this.add(node, vcard('fn'), zh(agent.contact.person || agent.name));
      this.add(node, vcard('organization-name'), zh(agent.name));
      const tel = telIri(agent.contact.phone);
      if (tel) this.add(node, vcard('hasTelephone'), namedNode(tel));
      if (EMAIL.test(agent.contact.email)) this.add(node, vcard('hasEmail'), namedNode(`mailto:${agent.contact.email}`));
    });
  }

  licence(): NamedNode {
    return this.once(this.at.licence, (node) => {
      this.add(node, rdf('type'), dct('LicenseDocument'));
      this.add(node, dct('title'), zh(this.facts.licence.title));
    });
  }

  catalog(): NamedNode {
    return this.once(this.at.catalog, (node) => {
      this.add(node, rdf('type'), dcat('Catalog'));
      this.add(node, dct('title'), zh(this.facts.title));
      this.add(node, dct('description'), zh(this.facts.description));
      this.add(node, dct('publisher'), this.agent(this.facts.publisher));
      this.add(node, dct('language'), euLanguage('ZHO'));
      this.add(node, dct('license'), this.licence());
      this.add(node, foaf('homepage'), namedNode(`${this.facts.base}/`));
    });
  }

  dataset({ pkg, publishedAt, department }: DcatDataset): NamedNode {
    const node = namedNode(this.at.dataset(pkg.id));
    const extra = (key: string) => pkg.extras.find((e) => e.key === key)?.value ?? '';
    this.add(node, rdf('type'), dcat('Dataset'));
    this.add(node, dct('identifier'), literal(text(pkg.id)));
    this.add(node, dct('title'), zh(pkg.title));
    // DCAT-AP requires a description; an entry without a summary is described by its title.
    this.add(node, dct('description'), zh(pkg.notes || pkg.title));
    this.add(node, dct('publisher'), this.agent(department));
    this.add(node, dcat('contactPoint'), this.contact(department));
    for (const keyword of [...pkg.tags.map((t) => t.name), extra('domain')].filter(Boolean)) this.add(node, dcat('keyword'), zh(keyword));
    const frequency = FREQUENCIES[extra('update_frequency') as UpdateFrequency];
    if (frequency) this.add(node, dct('accrualPeriodicity'), euFrequency(frequency));
    this.add(node, dct('accessRights'), euAccessRight(extra('open_type') === 'unconditional' ? 'PUBLIC' : 'RESTRICTED'));
    this.add(node, dct('language'), euLanguage('ZHO'));
    if (publishedAt) this.add(node, dct('issued'), dateTime(publishedAt));
    this.add(node, dct('modified'), dateTime(pkg.metadata_modified));
    this.add(node, dcat('landingPage'), node);
    for (const resource of pkg.resources) this.add(node, dcat('distribution'), this.distribution(resource, node));
    return node;
  }

  private distribution(r: Package['resources'][number], landing: NamedNode): NamedNode {
    const node = namedNode(this.at.distribution(r.id));
    this.add(node, rdf('type'), dcat('Distribution'));
    this.add(node, dct('title'), zh(r.name));
    this.add(node, dcat('accessURL'), landing);
    this.add(node, dcat('downloadURL'), namedNode(r.url));
    if (r.format) this.add(node, dct('format'), euFileType(r.format));
    if (r.mimetype) this.add(node, dcat('mediaType'), ianaMediaType(r.mimetype));
    if (r.size) this.add(node, dcat('byteSize'), literal(String(r.size), xsd('nonNegativeInteger')));
    this.add(node, dct('license'), this.licence());
    this.add(node, dct('modified'), dateTime(r.last_modified));
    return node;
  }

  /**
   * Hydra paging in both designs CKAN's DCAT harvester follows: a hydra:PartialCollectionView
   * with next/first/last, and the older hydra:PagedCollection with nextPage/firstPage/lastPage.
   */
  view({ page, pageSize, total, pageUrl }: PageView, catalog: NamedNode): void {
    const last = Math.max(1, Math.ceil(total / pageSize));
    const node = namedNode(pageUrl(page));
    this.add(catalog, hydra('view'), node);
    this.add(node, rdf('type'), hydra('PartialCollectionView'));
    this.add(node, rdf('type'), hydra('PagedCollection'));
    this.add(node, hydra('totalItems'), integer(total));
    this.add(node, hydra('itemsPerPage'), integer(pageSize));
    const link = (current: string, deprecated: string, target: number) => {
      this.add(node, hydra(current), namedNode(pageUrl(target)));
      this.add(node, hydra(deprecated), namedNode(pageUrl(target)));
    };
    link('first', 'firstPage', 1);
    link('last', 'lastPage', last);
    if (page > 1) link('previous', 'previousPage', Math.min(page - 1, last));
    if (page < last) link('next', 'nextPage', page + 1);
  }
}

/** One page of the catalog: the catalog, its datasets on this page, and the paging. */
export function catalogGraph(facts: CatalogFacts, datasets: DcatDataset[], view: PageView): Quad[] {
  const graph = new GraphBuilder(facts);
  const catalog = graph.catalog();
  for (const d of datasets) graph.add(catalog, dcat('dataset'), graph.dataset(d));
  graph.view(view, catalog);
  return graph.quads;
}

/** One dataset, with the catalog it belongs to. */
export function datasetGraph(facts: CatalogFacts, dataset: DcatDataset): Quad[] {
  const graph = new GraphBuilder(facts);
  graph.add(graph.catalog(), dcat('dataset'), graph.dataset(dataset));
  return graph.quads;
}
