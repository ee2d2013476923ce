import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** An integer search key for every indexed catalog entry (db/catalog-search.ts). */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await adapter.catalogSearch.addSearchKeys(db);
}
