import type { Kysely } from 'kysely';

/**
 * Full-text search over catalog entries, one implementation per engine (SQLite FTS5,
 * PostgreSQL tsvector). Text arrives already segmented into words by the search module
 * (jieba), so both engines only index and match whitespace-separated tokens.
 */
export interface CatalogSearchAdapter {
  /** Creates the index structures (run by migration 0003). */
  createIndex(db: Kysely<unknown>): Promise<void>;
  /** Inserts or replaces the document of one entry. */
  upsert(db: Kysely<unknown>, doc: { entryId: string; titleTokens: string; bodyTokens: string }): Promise<void>;
  remove(db: Kysely<unknown>, entryId: string): Promise<void>;
  /**
   * Entry ids matching every query token (title or body), best first: title matches rank
   * above body-only matches. `candidates` limits the match to ids in that subquery.
   */
  match(db: Kysely<unknown>, queryTokens: string[], limit: number): Promise<{ entryId: string; score: number }[]>;
}
