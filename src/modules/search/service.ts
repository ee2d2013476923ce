import type { Kysely } from 'kysely';
import type { Database, DialectAdapter } from '../../db/adapter.js';
import type { CatalogSearchAdapter, QueryGroup, SearchDocument } from '../../db/catalog-search.js';
import {
  isListed, LISTED_OPEN_TYPES, LISTED_STATUS, toDocument, toFacetRow, toItem, type EntryRow, type SearchItem,
} from './documents.js';
import { FacetIndex, type Condition, type Facet, type FacetValue, type Filters, type Order, type SortKey } from './facet-index.js';
import { queryGroups } from './segment.js';

export interface SearchParams {
  q?: string | undefined;
  department?: string | undefined;
  domain?: string | undefined;
  openType?: 'unconditional' | 'restricted' | undefined;
  format?: string | undefined;
  frequency?: string | undefined;
  tag?: string | undefined;
  /** Only entries with data behind them (a current table version or a file); false filters nothing. */
  hasData?: boolean | undefined;
  /** Conditions beyond the facet filters (the CKAN API's fq). */
  condition?: Condition | undefined;
  /** Default: relevance when there are search words, otherwise updated. */
  sort?: SortKey | undefined;
  /** An order of several terms (the CKAN API's sort); takes the place of `sort`. */
  order?: Order | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  /** A window by position instead of a page (the CKAN API's start / rows): up to 1000 entries. */
  window?: { offset: number; limit: number } | undefined;
}

export interface SearchResult {
  total: number;
  items: SearchItem[];
  facets: Record<Facet, FacetValue[]>;
}

// A type alias, not an interface: withTables needs the implicit index signature.
type SearchTables = {
  catalog_search_state: { id: number; generation: number };
};

interface Loaded { index: FacetIndex; generation: number; loadedAt: number }

const CHUNK = 500;
/**
 * A word in this many listed entries is a common word (CatalogSearchAdapter.refreshCommonWords):
 * on PostgreSQL a word's keys cost ~1.5 µs per match through GIN, so below this a word's keys
 * take at most 3 ms there, and above it its list of keys is read instead.
 */
const COMMON_WORD_DOCUMENTS = 2_000;

/**
 * 目录检索: the public catalog search. The engine's full-text index (FTS5 / tsvector) finds the
 * entries matching the words; an in-memory table of the publicly listed entries does filters,
 * facet counts and ordering. Every index write bumps a generation number in the database, and
 * each search checks it, so every API process sees a change at its next search; the table is
 * also reloaded in the background every `refreshMs` so the download ranking follows the counters.
 */
export class SearchService {
  private readonly fts: CatalogSearchAdapter;
  private readonly refreshMs: number;
  private loaded: Loaded | undefined;
  private loading: Promise<Loaded> | undefined;
  private readonly recent = new Map<string, { generation: number; matches: Int32Array }>();
  private readonly recentSize: number;
  private readonly commonWordDocuments: number;

  /**
   * `refreshMs`: how often the in-memory table is reloaded to pick up download counts (5 min);
   * `recentSearches`: how many recent engine answers are kept (500; 0 turns that off);
   * `commonWordDocuments`: in how many listed entries a word is common (2,000).
   */
  constructor(private readonly db: Database, adapter: DialectAdapter, opts: { refreshMs?: number; recentSearches?: number; commonWordDocuments?: number } = {}) {
    this.fts = adapter.catalogSearch;
    this.refreshMs = opts.refreshMs ?? 300_000;
    this.recentSize = opts.recentSearches ?? 500;
    this.commonWordDocuments = opts.commonWordDocuments ?? COMMON_WORD_DOCUMENTS;
  }

  /**
   * (Re)writes one entry's search document, or drops it when the entry is not publicly
   * listed (any more). Idempotent; pass the transaction to make it part of a change.
   */
  async indexEntry(entryId: string, executor?: Database): Promise<void> {
    await this.indexEntries([entryId], executor);
  }

  async indexEntries(entryIds: string[], executor?: Database): Promise<void> {
    const ids = [...new Set(entryIds)];
    await this.write(executor, async (trx) => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const rows = await entryRows(trx).where('catalog_entries.id', 'in', chunk).execute();
        const listed = rows.filter(isListed);
        const listedIds = new Set(listed.map((r) => r.id));
        await this.fts.remove(raw(trx), chunk.filter((id) => !listedIds.has(id)));
        await this.fts.upsert(raw(trx), listed.map(toDocument));
      }
    });
  }

  async removeEntry(entryId: string, executor?: Database): Promise<void> {
    await this.write(executor, (trx) => this.fts.remove(raw(trx), [entryId]));
  }

  /** After a department is renamed: its name is part of its entries' documents and facets. */
  async reindexDepartment(departmentId: string, executor?: Database): Promise<void> {
    const rows = await (executor ?? this.db).selectFrom('catalog_entries').select('id').where('department_id', '=', departmentId).execute();
    await this.indexEntries(rows.map((r) => r.id), executor);
  }

  /** Rebuilds the whole index from the catalog, atomically, and chooses its common words again. */
  async reindexAll(): Promise<{ indexed: number }> {
    return this.write(undefined, async (trx) => {
      await this.fts.clear(raw(trx));
      const rows = await entryRows(trx)
        .where('catalog_entries.status', '=', LISTED_STATUS)
        .where('catalog_entries.open_type', 'in', LISTED_OPEN_TYPES)
        .execute();
      const docs: SearchDocument[] = rows.map(toDocument);
      await this.fts.upsert(raw(trx), docs);
      await this.fts.refreshCommonWords(raw(trx), this.commonWordDocuments);
      return { indexed: docs.length };
    });
  }

  /** Chooses the common words again and lists their keys afresh (hourly; see CatalogSearchAdapter). */
  async refreshCommonWords(): Promise<void> {
    await this.write(undefined, (trx) => this.fts.refreshCommonWords(raw(trx), this.commonWordDocuments));
  }

  async search(params: SearchParams): Promise<SearchResult> {
    const groups = params.q?.trim() ? queryGroups(params.q) : [];
    const loaded = await this.current();
    const matches = groups.length ? await this.match(groups, loaded.generation) : null;
    const pageSize = Math.min(Math.max(params.pageSize ?? 20, 1), 100);
    const page = Math.max(params.page ?? 1, 1);
    const { offset, limit } = params.window ?? { offset: (page - 1) * pageSize, limit: pageSize };
    const result = loaded.index.query({
      matches,
      groups,
      phrase: params.q?.trim(),
      filters: filtersOf(params),
      condition: conditionOf(params),
      order: params.order ?? [{ key: params.sort ?? (matches ? 'relevance' : 'updated'), desc: true }],
      offset: Math.max(offset, 0),
      limit: Math.min(Math.max(limit, 0), 1000),
    });
    return { total: result.total, items: await this.items(result.ids), facets: result.facets };
  }

  /**
   * Ids of the publicly listed entries in this order, read from the in-memory table alone:
   * the whole catalog at once if need be (CKAN's package_list), without reading the entries.
   */
  async listedIds(order: Order, window: { offset: number; limit: number }): Promise<string[]> {
    return (await this.current()).index.slice(order, window.offset, window.limit);
  }

  /** Every value of a facet across the publicly listed catalog, with its count. */
  async facetValues(facet: Facet): Promise<FacetValue[]> {
    return (await this.current()).index.values(facet);
  }

  /**
   * The search keys of the entries matching these words. Recent answers are kept per index
   * generation: the same few hundred searches make up most of a portal's traffic, and a very
   * common word (信息 is in nearly every title) costs the engine tens of milliseconds.
   */
  private async match(groups: QueryGroup[], generation: number): Promise<Int32Array> {
    const key = JSON.stringify(groups);
    const hit = this.recent.get(key);
    if (hit && hit.generation === generation) {
      this.recent.delete(key);
      this.recent.set(key, hit);
      return hit.matches;
    }
    const matches = await this.fts.match(raw(this.db), groups);
    this.recent.delete(key);
    this.recent.set(key, { generation, matches });
    if (this.recent.size > this.recentSize) this.recent.delete(this.recent.keys().next().value!);
    return matches;
  }

  /** The page's entries, read fresh; the listing condition is checked again here. */
  private async items(ids: string[]): Promise<SearchItem[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('catalog_entries')
      .innerJoin('departments', 'departments.id', 'catalog_entries.department_id')
      .select([
        'catalog_entries.id', 'catalog_entries.title', 'catalog_entries.summary', 'catalog_entries.department_id',
        'departments.name as department_name', 'catalog_entries.domain', 'catalog_entries.open_type',
        'catalog_entries.update_frequency', 'catalog_entries.data_format', 'catalog_entries.access_methods',
        'catalog_entries.tags', 'catalog_entries.updated_at', 'catalog_entries.published_at',
        'catalog_entries.views', 'catalog_entries.downloads', 'catalog_entries.status',
      ])
      .where('catalog_entries.id', 'in', ids)
      .execute();
    // Whether there is data behind the entry, or only its description (as many migrated entries).
    const withData = new Set((await this.db.selectFrom('resources').select('entry_id').distinct()
      .where('entry_id', 'in', ids).where((eb) => eb.or([eb('current_version', 'is not', null), eb('blob_key', 'is not', null)])).execute()).map((r) => r.entry_id));
    // Checked here rather than in SQL: with the status in the WHERE clause SQLite prefers the
    // status index over the primary key and scans every published entry.
    const byId = new Map(rows.filter(isListed).map((r) => [r.id, toItem(r, withData.has(r.id))]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  private async current(): Promise<Loaded> {
    const generation = await this.generation();
    const loaded = this.loaded;
    if (loaded && loaded.generation >= generation) {
      if (Date.now() - loaded.loadedAt > this.refreshMs && !this.loading) this.reload(generation).catch(() => undefined);
      return loaded;
    }
    return this.reload(generation);
  }

  /** One load at a time; a caller that needs a newer generation than the running load waits for the next. */
  private async reload(generation: number): Promise<Loaded> {
    for (;;) {
      this.loading ??= this.load(generation).finally(() => { this.loading = undefined; });
      const loaded = await this.loading;
      if (loaded.generation >= generation) return loaded;
    }
  }

  private async load(generation: number): Promise<Loaded> {
    // The generation was read before these rows, so they are at least that new. Nearly every
    // entry is listed, so one plain scan filtered here beats an index walk and a join.
    // A resource has data once it has a current version: a table's live version, or a file
    // (stored as version 1). Every change of that reaches the entry's index (recordDataUpdate).
    const [rows, departments, withData, keys] = await Promise.all([
      this.db.selectFrom('catalog_entries').select([
        'id', 'title', 'department_id', 'domain', 'status', 'open_type', 'update_frequency', 'data_format', 'access_methods', 'tags',
        'updated_at', 'created_at', 'downloads', 'views',
      ]).execute(),
      this.db.selectFrom('departments').select(['id', 'name']).execute(),
      this.db.selectFrom('resources').select((eb) => ['entry_id', eb.fn.countAll<number | string>().as('n')])
        .where('current_version', 'is not', null).groupBy('entry_id').execute(),
      this.fts.keys(raw(this.db)),
    ]);
    const names = new Map(departments.map((d) => [d.id, d.name]));
    const dataResources = new Map(withData.map((r) => [r.entry_id, Number(r.n)]));
    const searchKeys = new Map(keys.map((k) => [k.entryId, k.key]));
    const listed = rows.filter(isListed).map((r) => toFacetRow(r, names.get(r.department_id) ?? '', dataResources.get(r.id) ?? 0, searchKeys.get(r.id) ?? -1));
    const loaded = { index: new FacetIndex(listed), generation, loadedAt: Date.now() };
    if (!this.loaded || this.loaded.generation <= generation) this.loaded = loaded;
    return loaded;
  }

  private async generation(): Promise<number> {
    const row = await this.db.withTables<SearchTables>().selectFrom('catalog_search_state')
      .select('generation').where('id', '=', 1).executeTakeFirst();
    return Number(row?.generation ?? 0);
  }

  /**
   * One index write, in the given transaction or one of its own. The generation is bumped
   * first: that locks it until the write commits, so index writes follow one another and each
   * reads the index as the previous one left it.
   */
  private async write<T>(executor: Database | undefined, work: (trx: Database) => Promise<T>): Promise<T> {
    const run = async (trx: Database) => {
      await this.bump(trx);
      return work(trx);
    };
    return executor ? run(executor) : this.db.transaction().execute(run);
  }

  private async bump(executor: Database): Promise<void> {
    await executor.withTables<SearchTables>().updateTable('catalog_search_state')
      .set((eb) => ({ generation: eb('generation', '+', 1) })).where('id', '=', 1).execute();
  }
}

function entryRows(db: Database) {
  return db.selectFrom('catalog_entries')
    .innerJoin('departments', 'departments.id', 'catalog_entries.department_id')
    .selectAll('catalog_entries')
    .select('departments.name as department_name')
    .$castTo<EntryRow>();
}

/** The adapter works below the typed schema. */
function raw(db: Database): Kysely<unknown> {
  return db as unknown as Kysely<unknown>;
}

function filtersOf(p: SearchParams): Filters {
  const filters: Filters = {};
  const set = (facet: Facet, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '') filters[facet] = value.trim();
  };
  set('department', p.department);
  set('domain', p.domain);
  set('openType', p.openType);
  set('format', p.format?.toUpperCase());
  set('frequency', p.frequency);
  set('tag', p.tag);
  return filters;
}

function conditionOf(p: SearchParams): Condition | undefined {
  const withData: Condition | undefined = p.hasData ? { dataResources: { min: 1, max: Infinity } } : undefined;
  if (withData && p.condition) return { all: [withData, p.condition] };
  return withData ?? p.condition;
}
