import { sql, type Kysely } from 'kysely';
import { createSearchState, parseKeys, type CatalogSearchAdapter, type QueryGroup } from './catalog-search.js';

const CHUNK = 400;

/**
 * SQLite FTS5 over the segmented tokens (unicode61 splits them at the spaces). FTS5 keys rows
 * by integer rowid, so catalog_search_ids maps each entry id to one: its search key.
 */
export const sqliteCatalogSearch: CatalogSearchAdapter = {
  async createIndex(db) {
    await db.schema.createTable('catalog_search_ids')
      .addColumn('rid', 'integer', (c) => c.primaryKey())
      .addColumn('entry_id', 'text', (c) => c.notNull().unique())
      .execute();
    await sql`create virtual table catalog_search using fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    await createSearchState(db);
  },

  async addSearchKeys() {
    // The rowid has been the key from the start.
  },

  // FTS5 reads a word's rowids from its index: a common word costs no more per match than a rare one.
  async addCommonWords() {},
  async refreshCommonWords() {},

  async upsert(db, docs) {
    for (let i = 0; i < docs.length; i += CHUNK) {
      const chunk = docs.slice(i, i + CHUNK);
      const ids = chunk.map((d) => d.entryId);
      await sql`insert into catalog_search_ids (entry_id) values ${sql.join(ids.map((id) => sql`(${id})`))} on conflict (entry_id) do nothing`.execute(db);
      const rows = await rowIds(db, ids);
      await sql`delete from catalog_search where rowid in (${sql.join([...rows.values()])})`.execute(db);
      const values = chunk.map((d) => sql`(${rows.get(d.entryId)!}, ${d.title}, ${d.body})`);
      await sql`insert into catalog_search (rowid, title, body) values ${sql.join(values)}`.execute(db);
    }
  },

  async remove(db, entryIds) {
    for (let i = 0; i < entryIds.length; i += CHUNK) {
      const rows = await rowIds(db, entryIds.slice(i, i + CHUNK));
      if (rows.size === 0) continue;
      await sql`delete from catalog_search where rowid in (${sql.join([...rows.values()])})`.execute(db);
      await sql`delete from catalog_search_ids where rid in (${sql.join([...rows.values()])})`.execute(db);
    }
  },

  async clear(db) {
    await sql`delete from catalog_search`.execute(db);
    await sql`delete from catalog_search_ids`.execute(db);
  },

  async keys(db) {
    const { rows } = await sql<{ rid: number; entry_id: string }>`select rid, entry_id from catalog_search_ids`.execute(db);
    return rows.map((r) => ({ entryId: r.entry_id, key: r.rid }));
  },

  async match(db, groups) {
    const { rows } = await sql<{ keys: string | null }>`
      select group_concat(rowid) as keys from catalog_search where catalog_search match ${ftsQuery(groups)}`.execute(db);
    return parseKeys(rows[0]?.keys);
  },
};

async function rowIds(db: Kysely<unknown>, entryIds: string[]): Promise<Map<string, number>> {
  if (entryIds.length === 0) return new Map();
  const { rows } = await sql<{ rid: number; entry_id: string }>`
    select rid, entry_id from catalog_search_ids where entry_id in (${sql.join(entryIds)})`.execute(db);
  return new Map(rows.map((r) => [r.entry_id, r.rid]));
}

/**
 * The FTS5 expression, bound as one parameter. Every token is a double-quoted string (quotes
 * inside doubled), so NEAR, OR, *, : and the like are only ever words.
 */
export function ftsQuery(groups: QueryGroup[]): string {
  const phrase = (t: string) => `"${t.replaceAll('"', '""')}"`;
  const all = (tokens: string[]) => (tokens.length === 1 ? phrase(tokens[0]!) : `(${tokens.map(phrase).join(' AND ')})`);
  return groups.map((g) => (g.length === 1 ? all(g[0]!) : `(${g.map(all).join(' OR ')})`)).join(' AND ');
}
