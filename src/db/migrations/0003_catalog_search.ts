import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** The engine's full-text index over catalog entries. */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await adapter.catalogSearch.createIndex(db);
}
