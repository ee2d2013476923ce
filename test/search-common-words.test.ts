/**
 * The engine's search keys stay exact whichever way it answers a query: on PostgreSQL a query
 * made only of common words combines their lists as of the last refresh with the documents
 * changed since; any other goes through GIN; on SQLite everything goes through FTS5. Random writes, removals and new choices of common words,
 * compared with the documents themselves, then index writes racing each other.
 * Runs on SQLite (`npm test`) and PostgreSQL (`npm run test:pg`).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/seeded-random.js';
import type { QueryGroup, SearchDocument } from '../src/db/catalog-search.js';
import { SearchService } from '../src/modules/search/service.js';
import { stableUuid } from '../src/seed/catalog-demo.js';
import { TEST_ENGINE } from './support/database.js';
import { startTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

/** Words no demo entry holds, so every match is one of this test's documents. */
const COMMON = ['zqa', 'zqb', 'zqc', 'zqd', 'zqe'];
const RARE = ['zqr', 'zqs'];

const raw = () => t.ctx.database.db as unknown as Kysely<unknown>;
const fts = () => t.ctx.database.adapter.catalogSearch;

/** The entry ids a query matches, as the engine answers it. */
async function engineMatches(groups: QueryGroup[]): Promise<string[]> {
  const byKey = new Map((await fts().keys(raw())).map((k) => [k.key, k.entryId]));
  return [...await fts().match(raw(), groups)].map((key) => byKey.get(key)!).sort();
}

describe('search keys of common and rare words', () => {
  it('match the documents after every write, removal and new choice of common words', async () => {
    const rnd = seededRandom(2026);
    const docs = new Map<string, Set<string>>();
    const someWords = () => new Set([...COMMON, ...RARE].filter((w) => rnd.next() < (RARE.includes(w) ? 0.03 : 0.5)));
    const randomQuery = (): QueryGroup[] => Array.from({ length: 1 + Math.floor(rnd.next() * 2) }, () =>
      Array.from({ length: 1 + Math.floor(rnd.next() * 2) }, () => [...new Set([rnd.pick(rnd.next() < 0.85 ? COMMON : RARE), rnd.pick(COMMON)])]));
    const write = (work: (db: Kysely<unknown>) => Promise<void>) => t.ctx.database.db.transaction().execute((trx) => work(trx as unknown as Kysely<unknown>));

    for (let round = 0; round < 24; round++) {
      const changed: SearchDocument[] = [];
      for (let i = 0; i < 6; i++) {
        const entryId = stableUuid(`common-words:${Math.floor(rnd.next() * 40)}`);
        if (changed.some((d) => d.entryId === entryId)) continue;
        const words = someWords();
        docs.set(entryId, words);
        changed.push({ entryId, title: [...words].join(' '), body: '测试' });
      }
      const removed = [...docs.keys()].filter(() => rnd.next() < 0.05).filter((id) => !changed.some((d) => d.entryId === id));
      for (const id of removed) docs.delete(id);
      await write(async (db) => {
        await fts().upsert(db, changed);
        await fts().remove(db, removed);
        // Now and then the common words are chosen again: those in at least six documents.
        if (round % 6 === 5) await fts().refreshCommonWords(db, 6);
      });

      for (let q = 0; q < 8; q++) {
        const groups = randomQuery();
        const expected = [...docs].filter(([, words]) => groups.every((g) => g.some((alt) => alt.every((w) => words.has(w))))).map(([id]) => id).sort();
        expect(await engineMatches(groups), JSON.stringify(groups)).toEqual(expected);
      }
    }
    if (TEST_ENGINE === 'postgres') {
      // The common path was taken: the common words' keys are there, the rare words' are not.
      const { rows } = await sql<{ word: string }>`select distinct word from catalog_search_common where word like 'zq%'`.execute(raw());
      expect(rows.map((r) => r.word).sort()).toEqual(COMMON);
    }
  });

  it('stay exact when index writes race each other and a new choice of common words', async () => {
    const { db } = t.ctx.database;
    const search = new SearchService(db, t.ctx.database.adapter, { commonWordDocuments: 3 });
    const department = (await db.selectFrom('departments').select('id').limit(1).executeTakeFirstOrThrow()).id;
    const ids = Array.from({ length: 8 }, (_, i) => stableUuid(`common-words-race:${i}`));
    const now = new Date().toISOString();
    await db.insertInto('catalog_entries').values(ids.map((id) => ({
      id, title: 'zqa zqb', summary: '', department_id: department, open_type: 'unconditional' as const, open_conditions: '',
      data_format: 'CSV', update_frequency: 'monthly', domain: '其他', national_theme: '', district: '杭州市', tags: '[]', fields: '[]',
      access_methods: '[]', licence: '', contact_name: '', contact_phone: '', contact_email: '', source_url: null,
      status: 'published' as const, created_by: null, created_at: now, updated_at: now, published_at: now, last_data_update: null, next_update_due: null,
    }))).execute();
    await search.indexEntries(ids);
    await search.refreshCommonWords();

    // Each writer gives the entries its own words and indexes them in one transaction; others
    // index them as they stand, or choose the common words again, at the same time.
    const rnd = seededRandom(7);
    const writers = Array.from({ length: 10 }, (_, n) => {
      const title = COMMON.filter(() => rnd.next() < 0.5).join(' ') || 'zqc';
      return db.transaction().execute(async (trx) => {
        // PostgreSQL: rows locked in one order by every writer, since two multi-row UPDATEs may
        // lock them in different orders (a moved row is rechecked) and deadlock each other.
        // SQLite runs one writing transaction at a time.
        if (TEST_ENGINE === 'postgres') await trx.selectFrom('catalog_entries').select('id').where('id', 'in', ids.slice(n % 3)).orderBy('id').forUpdate().execute();
        await trx.updateTable('catalog_entries').set({ title }).where('id', 'in', ids.slice(n % 3)).execute();
        await search.indexEntries(ids, trx);
      });
    });
    await Promise.all([...writers, ...ids.map((id) => search.indexEntry(id)), search.refreshCommonWords(), search.indexEntries(ids)]);

    const titles = new Map((await db.selectFrom('catalog_entries').select(['id', 'title']).where('id', 'in', ids).execute()).map((r) => [r.id, new Set(r.title.split(' '))]));
    for (const word of COMMON) {
      const expected = ids.filter((id) => titles.get(id)!.has(word)).sort();
      expect((await engineMatches([[[word]]])).filter((id) => ids.includes(id)), word).toEqual(expected);
    }
  });

  it('are listed afresh by the hourly task, which leaves no document to check one by one', async () => {
    const job = await t.ctx.scheduler.fire('search-common-words', new Date());
    expect(await t.ctx.jobRunner.runOne(job!)).toBe(true);
    if (TEST_ENGINE === 'postgres') {
      const { rows: [changed] } = await sql<{ n: number }>`select count(*)::int as n from catalog_search_changed`.execute(raw());
      expect(changed!.n).toBe(0);
      // The demo catalog's most common word now has a list, and a search through the HTTP API
      // answered from it counts what GIN finds.
      const { rows: [common] } = await sql<{ word: string; n: number }>`
        select word, length(keys) / 4 as n from catalog_search_common order by length(keys) desc limit 1`.execute(raw());
      expect(common!.n).toBeGreaterThanOrEqual(2_000);
      const { rows: [gin] } = await sql<{ n: number }>`
        select count(*)::int as n from catalog_search where document @@ to_tsquery('simple', ${`'${common!.word}'`})`.execute(raw());
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog', query: { q: common!.word } });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(gin!.n);
    }
    expect((await t.ctx.search.search({ q: '公交' })).total).toBeGreaterThan(0);
  });
});
