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
 *
 * The engine only finds: each indexed entry has an integer search key, and a match answers the
 * keys alone. Naming and scoring every match cost the engines most of a common word's time
 * (统计 is in 29,000 of a national catalog's 200,000 entries); the in-memory catalog table maps
 * keys to entries and ranks them (modules/search/relevance.ts).
 */
export interface CatalogSearchAdapter {
  /** Creates the index structures (run by migration 0003). */
  createIndex(db: Kysely<unknown>): Promise<void>;
  /** Gives every indexed entry an integer search key, where the engine had none (migration 0020). */
  addSearchKeys(db: Kysely<unknown>): Promise<void>;
  /** Creates what keeps the common words' keys apart, where the engine needs it (migration 0022). */
  addCommonWords(db: Kysely<unknown>): Promise<void>;
  /**
   * Chooses the common words again, those found in at least `minDocuments` documents, and
   * lists their keys afresh. An engine that must visit a table row per match to answer a word's
   * keys (PostgreSQL's GIN) keeps these lists; one whose index holds the keys (FTS5) does nothing.
   */
  refreshCommonWords(db: Kysely<unknown>, minDocuments: number): Promise<void>;
  /**
   * Inserts or replaces the documents of the given entries (ids must be distinct). Index
   * writes are serialised by the caller (the search generation is bumped first, which locks it).
   */
  upsert(db: Kysely<unknown>, docs: SearchDocument[]): Promise<void>;
  remove(db: Kysely<unknown>, entryIds: string[]): Promise<void>;
  /** Empties the index (before a full rebuild). */
  clear(db: Kysely<unknown>): Promise<void>;
  /** The search key of every indexed entry. An entry keeps its key while it stays indexed. */
  keys(db: Kysely<unknown>): Promise<{ entryId: string; key: number }[]>;
  /** The search keys of every entry matching all groups, in no particular order. */
  match(db: Kysely<unknown>, groups: QueryGroup[]): Promise<Int32Array>;
}

/**
 * Keys as the engines hand them over: every match's key in one comma-separated text
 * (group_concat / string_agg), read here without making a string or an object per key — a row
 * per match cost more than the match itself.
 */
export function parseKeys(text: string | null | undefined): Int32Array {
  if (!text) return new Int32Array(0);
  const keys = new Int32Array((text.length >> 1) + 1);
  let n = 0, value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) { keys[n++] = value; value = 0; } else value = value * 10 + c - 48;
  }
  keys[n++] = value;
  return keys.slice(0, n);
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
