/**
 * A DCAT document read into an RDF store, whichever serialization the source serves: Turtle
 * (n3), RDF/XML (rdfxml-streaming-parser) or JSON-LD (jsonld, to N-Quads, then n3). The format
 * is the one the answer's Content-Type names, else the URL's extension says, else the first
 * character suggests — as ckanext-dcat guesses it.
 */
import type jsonld from 'jsonld';
import { Parser, Store, type Quad } from 'n3';
import { AppError } from '../../domain/errors.js';

export type RdfFormat = 'turtle' | 'rdfxml' | 'jsonld';

const BY_MEDIA_TYPE: Record<string, RdfFormat> = {
  'text/turtle': 'turtle', 'application/x-turtle': 'turtle', 'text/n3': 'turtle', 'application/n-triples': 'turtle',
  'application/rdf+xml': 'rdfxml', 'application/xml': 'rdfxml', 'text/xml': 'rdfxml',
  'application/ld+json': 'jsonld', 'application/json': 'jsonld',
};

const BY_EXTENSION: Record<string, RdfFormat> = { ttl: 'turtle', n3: 'turtle', nt: 'turtle', rdf: 'rdfxml', xml: 'rdfxml', owl: 'rdfxml', jsonld: 'jsonld', json: 'jsonld' };

export function formatOf(mediaType: string, url: string, body: string): RdfFormat {
  const byType = BY_MEDIA_TYPE[mediaType];
  if (byType) return byType;
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  if (extension && BY_EXTENSION[extension]) return BY_EXTENSION[extension];
  const first = body.trimStart()[0];
  return first === '<' && !body.trimStart().startsWith('<http') ? 'rdfxml' : first === '{' || first === '[' ? 'jsonld' : 'turtle';
}

/** The document's statements; a document that does not parse is refused with the parser's reason. */
export async function parseRdf(body: string, format: RdfFormat, baseIRI: string): Promise<Store> {
  try {
    return new Store(await quadsOf(body, format, baseIRI));
  } catch (err) {
    if (err instanceof AppError) throw err;
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 200);
    throw new AppError('HARVEST_NOT_CATALOG', undefined, `来源内容无法按 ${FORMAT_NAMES[format]} 解析：${reason}`);
  }
}

const FORMAT_NAMES: Record<RdfFormat, string> = { turtle: 'Turtle', rdfxml: 'RDF/XML', jsonld: 'JSON-LD' };

async function quadsOf(body: string, format: RdfFormat, baseIRI: string): Promise<Quad[]> {
  if (format === 'turtle') return new Parser({ baseIRI }).parse(body);
  if (format === 'rdfxml') return rdfXmlQuads(body, baseIRI);
  const processor = (await import('jsonld')).default;
  const nquads = await processor.toRDF(JSON.parse(body) as jsonld.JsonLdDocument, {
    base: baseIRI, format: 'application/n-quads',
    // A remote @context would be a request to a host the allowlist never saw: refused.
    documentLoader: async (url: string) => {
      throw new AppError('HARVEST_NOT_CATALOG', undefined, `JSON-LD 引用了远程 @context（${url.slice(0, 200)}），不予加载；请在文档内写明 @context`);
    },
  });
  return new Parser({ format: 'N-Quads' }).parse(nquads as unknown as string);
}

// The JSON-LD and RDF/XML parsers (~30 MB resident) load on a harvest's first such document, not at every start.
async function rdfXmlQuads(body: string, baseIRI: string): Promise<Quad[]> {
  const { RdfXmlParser } = await import('rdfxml-streaming-parser');
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI });
    parser.on('data', (quad: Quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(body);
    parser.end();
  });
}
