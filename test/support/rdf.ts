/**
 * RDF documents read back by real parsers (n3 for Turtle, rdfxml-streaming-parser for RDF/XML,
 * the JSON-LD processor for JSON-LD) into one comparable form: triples as strings, and a small
 * graph to ask questions of.
 */
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
};

export interface Term { termType: string; value: string; language?: string; datatype?: string }
export interface Triple { subject: Term; predicate: Term; object: Term }

interface ParsedTerm { termType: string; value: string; language?: string; datatype?: { value: string } | string }
interface ParsedQuad { subject: ParsedTerm; predicate: ParsedTerm; object: ParsedTerm }

function term(t: ParsedTerm): Term {
  const datatype = typeof t.datatype === 'string' ? t.datatype : t.datatype?.value;
  // A language-tagged literal's datatype (rdf:langString) and a plain one's (xsd:string) go without saying.
  const typed = t.termType === 'Literal' && datatype && !/#(langString|string)$/.test(datatype);
  return { termType: t.termType, value: t.value, ...(t.language ? { language: t.language } : {}), ...(typed ? { datatype } : {}) };
}

const triples = (quads: ParsedQuad[]): Triple[] => quads.map((q) => ({ subject: term(q.subject), predicate: term(q.predicate), object: term(q.object) }));

export function parseTurtle(text: string): Triple[] {
  return triples(new Parser({ format: 'text/turtle' }).parse(text) as unknown as ParsedQuad[]);
}

export function parseRdfXml(text: string): Promise<Triple[]> {
  return new Promise((resolve, reject) => {
    const parser = new RdfXmlParser();
    const quads: ParsedQuad[] = [];
    parser.on('data', (q: ParsedQuad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(triples(quads)));
    parser.write(text);
    parser.end();
  });
}

export async function parseJsonLd(text: string): Promise<Triple[]> {
  return triples(await jsonld.toRDF(JSON.parse(text) as object) as unknown as ParsedQuad[]);
}

/** A triple as one line, for comparing graphs as sets. */
export function line(t: Triple): string {
  const o = t.object;
  const object = o.termType === 'Literal'
    ? `${JSON.stringify(o.value)}${o.language ? `@${o.language}` : o.datatype ? `^^${o.datatype}` : ''}`
    : `<${o.value}>`;
  return `<${t.subject.value}> <${t.predicate.value}> ${object}`;
}

/** A parsed graph to ask: the objects of a subject's predicate, the subjects of a type. */
export class Graph {
  constructor(readonly triples: Triple[]) {}

  objects(subject: string, predicate: string): Term[] {
    return this.triples.filter((t) => t.subject.value === subject && t.predicate.value === predicate).map((t) => t.object);
  }

  values(subject: string, predicate: string): string[] {
    return this.objects(subject, predicate).map((o) => o.value);
  }

  ofType(type: string): string[] {
    return this.triples.filter((t) => t.predicate.value === `${NS.rdf}type` && t.object.value === type).map((t) => t.subject.value);
  }
}
