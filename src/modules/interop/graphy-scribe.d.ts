/** The part of graphy's RDF/XML writer (which ships no types) that rdf-serialize.ts uses. */
declare module '@graphy/content.xml.scribe' {
  import type { Transform } from 'node:stream';
  import type { Quad } from '@rdfjs/types';

  export default function scribe(config?: { prefixes?: Record<string, string> }): Transform & {
    write(event: { type: 'quad'; value: Quad }): boolean;
  };
}
