/**
 * The vocabularies of the DCAT-AP catalog and the prefixes every serialization declares (RDF/XML
 * needs one for each predicate's namespace). Terms come from the EU authority tables where
 * DCAT-AP asks for them (frequency, access rights, file type, language).
 */
import { DataFactory, type NamedNode } from 'n3';
import type { UpdateFrequency } from '../../domain/catalog.js';

export const PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Namespace = (local: string) => NamedNode;
const namespace = (base: string): Namespace => (local) => DataFactory.namedNode(base + local);

export const rdf = namespace(PREFIXES.rdf);
export const dcat = namespace(PREFIXES.dcat);
export const dct = namespace(PREFIXES.dct);
export const foaf = namespace(PREFIXES.foaf);
export const vcard = namespace(PREFIXES.vcard);
export const hydra = namespace(PREFIXES.hydra);
export const xsd = namespace(PREFIXES.xsd);

const EU = 'http://publications.europa.eu/resource/authority';
export const euFrequency = namespace(`${EU}/frequency/`);
export const euAccessRight = namespace(`${EU}/access-right/`);
export const euFileType = namespace(`${EU}/file-type/`);
export const euLanguage = namespace(`${EU}/language/`);
export const ianaMediaType = namespace('https://www.iana.org/assignments/media-types/');

export const FREQUENCIES: Record<UpdateFrequency, string> = {
  realtime: 'UPDATE_CONT', daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', quarterly: 'QUARTERLY',
  semiannual: 'ANNUAL_2', yearly: 'ANNUAL', irregular: 'IRREG',
};
