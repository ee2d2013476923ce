import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Where an engine keeps its common words' search keys apart (db/catalog-search.ts); the words
 * are chosen by the next rebuild or the hourly refresh; until then every query goes to the index.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await adapter.catalogSearch.addCommonWords(db);
}
