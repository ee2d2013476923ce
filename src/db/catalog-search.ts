import { sql, type Kysely } from 'kysely';

/** One entry's searchable text, already segmented: lower-case tokens separated by spaces. */
export interface SearchDocument {
  entryId: string;
  /** Tokens of the title: matches here rank first. */
  title: string;
  /** Tokens of the summary, tags, department, domain and field titles. */
  body: string;
}

/**
 * One query word: a list of alternatives, each a list of tokens that must all be present.
 * The tokens contain only letters and digits (the search module guarantees it), and every
 * implementation still passes them as data, never as query syntax.
 */
export type QueryGroup = string[][];

/**
 * Full-text search over catalog entries, one implementation per engine (SQLite FTS5,
 * PostgreSQL tsvector + GIN). Text arrives already segmented into words by the search module
 * (jieba), so both engines only index and match whitespace-separated tokens. The index holds
 * publicly listed entries only; the search module decides which those are.
 */
export interface CatalogSearchAdapter {
  /** Creates the index structures (run by migration 0003). */
  createIndex(db: Kysely<unknown>): Promise<void>;
  /** Inserts or replaces the documents of the given entries (ids must be distinct). */
  upsert(db: Kysely<unknown>, docs: SearchDocument[]): Promise<void>;
  remove(db: Kysely<unknown>, entryIds: string[]): Promise<void>;
  /** Empties the index (before a full rebuild). */
  clear(db: Kysely<unknown>): Promise<void>;
  /**
   * Every entry matching all groups, with a score (higher is better) in which title matches
   * weigh ten times body matches. Unordered: the caller ranks and pages.
   */
  match(db: Kysely<unknown>, groups: QueryGroup[]): Promise<{ entryId: string; score: number }[]>;
}

/**
 * The index generation: bumped by every index write so each API process knows when its
 * in-memory facet table is out of date. Engine-neutral, created by both implementations.
 */
export async function createSearchState(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('catalog_search_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into catalog_search_state (id, generation) values (1, 1)`.execute(db);
}
