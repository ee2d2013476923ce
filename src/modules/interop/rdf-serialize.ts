/**
 * One RDF graph in the three serializations harvesters read: Turtle (n3's writer), RDF/XML
 * (graphy's scribe, which escapes literals and IRIs for XML) and JSON-LD (the JSON-LD
 * processor's fromRDF, compacted with our prefixes so the document reads as dcat:/dct: terms).
 */
import scribe from '@graphy/content.xml.scribe';
import type jsonldModule from 'jsonld';
import { Writer, type Quad } from 'n3';
import { PREFIXES } from './rdf-terms.js';

export const RDF_FORMATS = {
  ttl: 'text/turtle',
  rdf: 'application/rdf+xml',
  jsonld: 'application/ld+json',
} as const;
export type RdfFormat = keyof typeof RDF_FORMATS;

function turtle(quads: Quad[]): Promise<string> {
  const writer = new Writer({ prefixes: PREFIXES, format: 'text/turtle' });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

function rdfXml(quads: Quad[]): Promise<string> {
  const writer = scribe({ prefixes: PREFIXES });
  let xml = '';
  return new Promise((resolve, reject) => {
    writer.on('data', (chunk: string) => { xml += chunk; });
    writer.on('end', () => resolve(xml));
    writer.on('error', reject);
    for (const value of quads) writer.write({ type: 'quad', value });
    writer.end();
  });
}

/** Our documents name no remote context: the processor is never to fetch one. */
const noRemoteDocuments = (url: string) => Promise.reject(new Error(`JSON-LD 文档不加载远程上下文：${url}`));

/** jsonld is ~19 MB resident: loaded on the first JSON-LD document, not at every start. */
let jsonldLoaded: Promise<typeof jsonldModule> | undefined;
const loadJsonld = () => (jsonldLoaded ??= import('jsonld').then((m) => m.default));

async function jsonLd(quads: Quad[]): Promise<string> {
  const jsonld = await loadJsonld();
  const expanded = await jsonld.fromRDF(quads as unknown as object);
  return JSON.stringify(await jsonld.compact(expanded, { ...PREFIXES }, { documentLoader: noRemoteDocuments }));
}

/** The quads of each subject together, subjects in order of first mention: one block per thing in Turtle and RDF/XML. */
function bySubject(quads: Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const group = groups.get(q.subject.value);
    if (group) group.push(q);
    else groups.set(q.subject.value, [q]);
  }
  return [...groups.values()].flat();
}

export function serialize(quads: Quad[], format: RdfFormat): Promise<string> {
  return { ttl: turtle, rdf: rdfXml, jsonld: jsonLd }[format](bySubject(quads));
}

/**
 * The RDF serialization an Accept header asks for, or none when it prefers JSON, HTML or
 * anything else (browsers, plain HTTP clients): only a type named outright counts, with its
 * quality at least that of every other named type.
 */
export function negotiatedFormat(accept: string | undefined): RdfFormat | undefined {
  if (!accept) return undefined;
  const ranges = accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return { type, q: q ? Number(q.slice(2)) || 0 : 1 };
  });
  const best = Math.max(...ranges.filter((r) => !r.type.includes('*')).map((r) => r.q));
  const chosen = ranges.find((r) => r.q > 0 && r.q === best && Object.values(RDF_FORMATS).includes(r.type as never));
  return chosen && (Object.keys(RDF_FORMATS) as RdfFormat[]).find((f) => RDF_FORMATS[f] === chosen.type);
}
