import { sql } from 'kysely';
import { createSearchState, parseKeys, type CatalogSearchAdapter, type QueryGroup } from './catalog-search.js';

const CHUNK = 1000;

/**
 * PostgreSQL tsvector with the 'simple' configuration over the segmented tokens (no stemming,
 * no stop words) under a GIN index; `rid` is the search key.
 */
export const postgresCatalogSearch: CatalogSearchAdapter = {
  async createIndex(db) {
    await db.schema.createTable('catalog_search')
      .addColumn('entry_id', 'text', (c) => c.primaryKey())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index catalog_search_document on catalog_search using gin (document)`.execute(db);
    await createSearchState(db);
  },

  async addSearchKeys(db) {
    // Positions and weights served only the engine's own ranking: without them a document is
    // about half the size, so a common word's matches span half as many heap pages.
    await sql`alter table catalog_search add column rid integer generated always as identity`.execute(db);
    await sql`update catalog_search set document = strip(document)`.execute(db);
  },

  async upsert(db, docs) {
    for (let i = 0; i < docs.length; i += CHUNK) {
      const chunk = docs.slice(i, i + CHUNK);
      await sql`
        insert into catalog_search (entry_id, document)
        select d.entry_id, strip(to_tsvector('simple', d.title || ' ' || d.body))
        from unnest(${chunk.map((d) => d.entryId)}::text[], ${chunk.map((d) => d.title)}::text[], ${chunk.map((d) => d.body)}::text[])
          as d(entry_id, title, body)
        on conflict (entry_id) do update set document = excluded.document`.execute(db);
    }
  },

  async remove(db, entryIds) {
    if (entryIds.length === 0) return;
    await sql`delete from catalog_search where entry_id = any(${entryIds}::text[])`.execute(db);
  },

  async clear(db) {
    await sql`delete from catalog_search`.execute(db);
  },

  async keys(db) {
    const { rows } = await sql<{ rid: number; entry_id: string }>`select rid, entry_id from catalog_search`.execute(db);
    return rows.map((r) => ({ entryId: r.entry_id, key: r.rid }));
  },

  async match(db, groups) {
    const { rows } = await sql<{ keys: string | null }>`
      select string_agg(rid::text, ',') as keys from catalog_search where document @@ to_tsquery('simple', ${tsQuery(groups)})`.execute(db);
    return parseKeys(rows[0]?.keys);
  },
};

/**
 * The tsquery text, bound as one parameter: every token single-quoted (quotes and backslashes
 * escaped), so & | ! : * and parentheses in user input are only ever characters of a word.
 */
export function tsQuery(groups: QueryGroup[]): string {
  const lexeme = (t: string) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  const all = (tokens: string[]) => (tokens.length === 1 ? lexeme(tokens[0]!) : `(${tokens.map(lexeme).join(' & ')})`);
  return groups.map((g) => (g.length === 1 ? all(g[0]!) : `(${g.map(all).join(' | ')})`)).join(' & ');
}
