/**
 * The public catalog as DCAT-AP in JSON-LD: a dcat:Catalog whose datasets are the publicly
 * listed entries, one page at a time (hydra paging, as CKAN's DCAT extension pages), so data
 * portals and harvesters that speak DCAT (the EU's, CKAN's dcat harvester) can take it in.
 * Terms come from the EU authority tables where DCAT-AP asks for them (frequency, access
 * rights, file type, language).
 */
import type { UpdateFrequency } from '../../domain/catalog.js';
import type { Package } from './ckan-packages.js';

const EU = 'http://publications.europa.eu/resource/authority';

const FREQUENCIES: Record<UpdateFrequency, string> = {
  realtime: 'UPDATE_CONT', daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', quarterly: 'QUARTERLY',
  semiannual: 'ANNUAL_2', yearly: 'ANNUAL', irregular: 'IRREG',
};

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

const zh = (value: string) => ({ '@value': value, '@language': 'zh' });
const dateTime = (value: string) => ({ '@value': value, '@type': 'xsd:dateTime' });
const iri = (id: string) => ({ '@id': id });

function extra(pkg: Package, key: string): string {
  return pkg.extras.find((e) => e.key === key)?.value ?? '';
}

function datasetOf(pkg: Package, publishedAt: string | null, base: string) {
  const frequency = FREQUENCIES[extra(pkg, 'update_frequency') as UpdateFrequency];
  const domain = extra(pkg, 'domain');
  const landing = `${base}/catalog/${pkg.id}`;
  return {
    '@id': landing,
    '@type': 'dcat:Dataset',
    'dct:identifier': pkg.id,
    'dct:title': zh(pkg.title),
    'dct:description': zh(pkg.notes),
    'dct:publisher': { '@id': `${base}/api/3/action/organization_show?id=${pkg.owner_org}`, '@type': 'foaf:Agent', 'foaf:name': zh(pkg.organization.title) },
    'dcat:keyword': [...pkg.tags.map((t) => t.name), ...(domain ? [domain] : [])].map(zh),
    ...(frequency ? { 'dct:accrualPeriodicity': iri(`${EU}/frequency/${frequency}`) } : {}),
    'dct:accessRights': iri(`${EU}/access-right/${extra(pkg, 'open_type') === 'unconditional' ? 'PUBLIC' : 'RESTRICTED'}`),
    ...(publishedAt ? { 'dct:issued': dateTime(publishedAt) } : {}),
    'dct:modified': dateTime(pkg.metadata_modified),
    'dcat:landingPage': iri(landing),
    ...(pkg.maintainer || pkg.maintainer_email ? {
      'dcat:contactPoint': {
        '@type': 'vcard:Organization', 'vcard:fn': pkg.maintainer || pkg.organization.title,
        ...(pkg.maintainer_email ? { 'vcard:hasEmail': iri(`mailto:${pkg.maintainer_email}`) } : {}),
      },
    } : {}),
    'dcat:distribution': pkg.resources.map((r) => ({
      '@id': `${base}/api/v1/resources/${r.id}`,
      '@type': 'dcat:Distribution',
      'dct:title': zh(r.name),
      'dcat:accessURL': iri(landing),
      'dcat:downloadURL': iri(r.url),
      ...(r.format ? { 'dct:format': iri(`${EU}/file-type/${r.format}`) } : {}),
      ...(r.mimetype ? { 'dcat:mediaType': iri(`https://www.iana.org/assignments/media-types/${r.mimetype}`) } : {}),
      ...(r.size ? { 'dcat:byteSize': { '@value': String(r.size), '@type': 'xsd:nonNegativeInteger' } } : {}),
    })),
  };
}

export interface CatalogPage {
  packages: { pkg: Package; publishedAt: string | null }[];
  page: number;
  pageSize: number;
  total: number;
}

/** One page of the catalog; `self` is this document's URL without its page. */
export function dcatCatalog({ packages, page, pageSize, total }: CatalogPage, base: string, self: string) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const at = (n: number) => `${self}?page=${n}`;
  return {
    '@context': CONTEXT,
    '@id': self,
    '@type': 'dcat:Catalog',
    'dct:title': zh('数开 Shukai 公共数据开放平台'),
    'dct:description': zh('公共数据开放目录（DCAT-AP）'),
    'dct:language': iri(`${EU}/language/ZHO`),
    'foaf:homepage': iri(base),
    'dcat:dataset': packages.map(({ pkg, publishedAt }) => datasetOf(pkg, publishedAt, base)),
    'hydra:view': {
      '@id': at(page),
      '@type': 'hydra:PartialCollectionView',
      'hydra:totalItems': total,
      'hydra:itemsPerPage': pageSize,
      'hydra:first': iri(at(1)),
      'hydra:last': iri(at(last)),
      ...(page > 1 ? { 'hydra:previous': iri(at(Math.min(page - 1, last))) } : {}),
      ...(page < last ? { 'hydra:next': iri(at(page + 1)) } : {}),
    },
  };
}
