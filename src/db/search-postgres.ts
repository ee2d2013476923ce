import { sql } from 'kysely';
import { createSearchState, type CatalogSearchAdapter, type QueryGroup } from './catalog-search.js';

const CHUNK = 1000;

/**
 * PostgreSQL tsvector with the 'simple' configuration over the segmented tokens (no stemming,
 * no stop words), title weighted A and body B, under a GIN index.
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

  async upsert(db, docs) {
    for (let i = 0; i < docs.length; i += CHUNK) {
      const chunk = docs.slice(i, i + CHUNK);
      await sql`
        insert into catalog_search (entry_id, document)
        select d.entry_id, setweight(to_tsvector('simple', d.title), 'A') || setweight(to_tsvector('simple', d.body), 'B')
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

  async match(db, groups) {
    // ts_rank weights are {D, C, B, A}: a title (A) match weighs ten times a body (B) match.
    const { rows } = await sql<{ entry_id: string; score: number }>`
      select entry_id, ts_rank('{0, 0, 0.1, 1}'::float4[], document, q) as score
      from catalog_search, to_tsquery('simple', ${tsQuery(groups)}) q
      where document @@ q`.execute(db);
    return rows.map((r) => ({ entryId: r.entry_id, score: Number(r.score) }));
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
