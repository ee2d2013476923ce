import { sql, type Kysely } from 'kysely';
import { createSearchState, parseKeys, type CatalogSearchAdapter, type QueryGroup } from './catalog-search.js';
import { difference, matchingKeys, union } from './key-sets.js';

const CHUNK = 1000;

/**
 * PostgreSQL tsvector with the 'simple' configuration over the segmented tokens (no stemming,
 * no stop words) under a GIN index; `rid` is the search key.
 *
 * GIN finds a word's rows in its index but must visit each row for its key: 车, in 9,000 of a
 * national catalog's 200,000 entries, took 8.6 ms that way, 统计 (29,000) 21 ms. The common
 * words' keys are therefore also kept as they stood at the last refresh, one sorted list per
 * word (`catalog_search_common`; 统计's is read in 2 ms), with the keys of the documents written since
 * (`catalog_search_changed`). A query made only of common words combines their lists, less the
 * changed keys, with the changed documents that match it, checked one by one.
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

  async addCommonWords(db) {
    // `keys`: the word's search keys in ascending order, four bytes each (int4send, big-endian).
    await sql`create table catalog_search_common (word text primary key, keys bytea not null)`.execute(db);
    await sql`create table catalog_search_changed (rid integer primary key)`.execute(db);
    await sql`create unique index catalog_search_rid on catalog_search (rid)`.execute(db);
  },

  async refreshCommonWords(db, minDocuments) {
    await sql`delete from catalog_search_common`.execute(db);
    await sql`delete from catalog_search_changed`.execute(db);
    await sql`
      insert into catalog_search_common (word, keys)
      select w.word, string_agg(int4send(s.rid), ''::bytea order by s.rid)
      from catalog_search s cross join unnest(tsvector_to_array(s.document)) as w(word)
      where w.word in (select word from ts_stat('select document from catalog_search') where ndoc >= ${minDocuments})
      group by w.word`.execute(db);
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
      await markChanged(db, chunk.map((d) => d.entryId));
    }
  },

  async remove(db, entryIds) {
    if (entryIds.length === 0) return;
    await markChanged(db, entryIds);
    await sql`delete from catalog_search where entry_id = any(${entryIds}::text[])`.execute(db);
  },

  async clear(db) {
    await sql`delete from catalog_search_common`.execute(db);
    await sql`delete from catalog_search_changed`.execute(db);
    await sql`delete from catalog_search`.execute(db);
  },

  async keys(db) {
    const { rows } = await sql<{ rid: number; entry_id: string }>`select rid, entry_id from catalog_search`.execute(db);
    return rows.map((r) => ({ entryId: r.entry_id, key: r.rid }));
  },

  async match(db, groups) {
    const words = [...new Set(groups.flat(2))];
    // The lists only when every word has one: GIN intersects inside its index, so a rarer word
    // beside common ones leaves it few rows to visit, fewer than a common word's list is long.
    const { rows: lists } = await sql<{ word: string; keys: Buffer }>`
      select word, keys from catalog_search_common
      where word = any(${words}::text[])
        and (select count(*) from catalog_search_common where word = any(${words}::text[])) = ${words.length}`.execute(db);
    if (lists.length > 0) return combineLists(db, groups, new Map(lists.map((r) => [r.word, bigEndianKeys(r.keys)])));
    const { rows } = await sql<{ keys: string | null }>`
      select string_agg(rid::text, ',') as keys from catalog_search where document @@ to_tsquery('simple', ${tsQuery(groups)})`.execute(db);
    return parseKeys(rows[0]?.keys);
  },
};

/**
 * A query made of common words: their lists less the documents changed since they were made,
 * and the changed documents that match the whole query.
 */
async function combineLists(db: Kysely<unknown>, groups: QueryGroup[], lists: Map<string, Int32Array>): Promise<Int32Array> {
  const { rows: [changes] } = await sql<{ changed: string | null; matching: string | null }>`
    select
      (select string_agg(rid::text, ',') from catalog_search_changed) as changed,
      (select string_agg(s.rid::text, ',') from catalog_search_changed c join catalog_search s on s.rid = c.rid
        where s.document @@ to_tsquery('simple', ${tsQuery(groups)})) as matching`.execute(db);
  const changed = parseKeys(changes!.changed).sort();
  const unchanged = matchingKeys(groups, (word) => lists.get(word)!);
  return union(difference(unchanged, changed), parseKeys(changes!.matching).sort());
}

/**
 * Notes these entries' keys as changed since the common words' lists were made; with no lists
 * (a full rebuild, a small catalog) there is nothing to note.
 */
async function markChanged(db: Kysely<unknown>, entryIds: string[]): Promise<void> {
  await sql`
    insert into catalog_search_changed (rid) select rid from catalog_search
    where entry_id = any(${entryIds}::text[]) and exists (select 1 from catalog_search_common)
    on conflict do nothing`.execute(db);
}

/** Keys stored by int4send, four big-endian bytes each. */
function bigEndianKeys(bytes: Buffer): Int32Array {
  // Copied into an ArrayBuffer of its own: the driver's Buffer may not start on a four-byte boundary.
  const own = new Uint8Array(bytes);
  Buffer.from(own.buffer).swap32();
  return new Int32Array(own.buffer);
}

/**
 * The tsquery text, bound as one parameter: every token single-quoted (quotes and backslashes
 * escaped), so & | ! : * and parentheses in user input are only ever characters of a word.
 */
export function tsQuery(groups: QueryGroup[]): string {
  const lexeme = (t: string) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  const all = (tokens: string[]) => (tokens.length === 1 ? lexeme(tokens[0]!) : `(${tokens.map(lexeme).join(' & ')})`);
  return groups.map((g) => (g.length === 1 ? all(g[0]!) : `(${g.map(all).join(' | ')})`)).join(' & ');
}
