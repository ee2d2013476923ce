/**
 * The publicly listed catalog as compact columns in memory, for filtering, facet counting and
 * ordering in one pass. The database finds which entries match the words; this table answers
 * the rest: a pass over the matching entries, or without words over the entries a filter keeps
 * (each value's entry positions are listed), so a national catalog's browse stays cheap. Pure: no I/O.
 */
import type { QueryGroup } from '../../db/catalog-search.js';
import { OPEN_TYPES, UPDATE_FREQUENCIES, type UpdateFrequency } from '../../domain/catalog.js';
import { compileCondition, type Condition } from './condition.js';
import { compareIds, compareUpdated, orderSignature, rankOf, type Order, type OrderKey } from './order.js';
import { Relevance, titleWeight } from './relevance.js';

export type { Condition } from './condition.js';
export type { Order, OrderKey, OrderTerm } from './order.js';

/** One publicly listed entry as loaded from the database. */
export interface FacetRow {
  id: string;
  title: string;
  departmentId: string;
  departmentName: string;
  domain: string;
  openType: 'unconditional' | 'restricted';
  frequency: string;
  formats: string[];
  tags: string[];
  updatedAt: string;
  createdAt: string;
  downloads: number;
  views: number;
  /** Resources with a current table version or a file: the data behind the entry. */
  dataResources: number;
  /** The entry's key in the engine's full-text index; -1 when it is not (yet) indexed. */
  searchKey: number;
}

export const FACETS = ['department', 'domain', 'openType', 'format', 'frequency', 'tag'] as const;
export type Facet = (typeof FACETS)[number];
export type Filters = Partial<Record<Facet, string>>;
/** The orders the portal offers; each is an {@link Order} of one term. */
export type SortKey = 'relevance' | 'updated' | 'downloads';

export interface FacetValue { value: string; label: string; count: number }

export interface FacetQuery {
  /** Search keys of the entries matching the words, or null when there are no words. */
  matches: Int32Array | null;
  /** The search words, which rank the matches by their titles. */
  groups?: QueryGroup[] | undefined;
  /** The search text as typed: a title holding it whole outranks one that only shares its words. */
  phrase?: string | undefined;
  filters: Filters;
  condition?: Condition | undefined;
  order: Order;
  offset: number;
  limit: number;
}

export interface FacetResult {
  total: number;
  ids: string[];
  facets: Record<Facet, FacetValue[]>;
}

/** Values are sorted by count; long lists (tags) are cut to the most frequent. */
const FACET_LIMIT: Record<Facet, number> = { department: 500, domain: 100, openType: 10, format: 20, frequency: 20, tag: 50 };
const COLLATOR = new Intl.Collator('zh-Hans-CN');
/** Orders other than the default are kept once computed, up to this many per loaded index. */
const ORDERS_KEPT = 32;
const NO_POSITIONS = new Int32Array(0);

/**
 * One facet's values per entry, as small integer codes: `start[i]` to `start[i + 1]` index the
 * codes of entry i (one for most facets, several for format and tag).
 */
class Column {
  readonly values: string[] = [];
  readonly labels: string[] = [];
  /** Position of each value when sorted by label: the tie-break of equal counts. */
  readonly labelRank: Int32Array;
  readonly start: Int32Array;
  readonly codes: Int32Array;
  /** Every entry holds exactly one value (code i is entry i's): counting needs no inner loop. */
  private readonly onePerEntry: boolean;
  private readonly lookup = new Map<string, number>();
  private totalsByCode: Int32Array | undefined;
  private postings: Int32Array[] | undefined;

  constructor(rows: FacetRow[], valuesOf: (row: FacetRow, emit: (value: string, label?: string) => void) => void) {
    this.start = new Int32Array(rows.length + 1);
    const codes: number[] = [];
    const emit = (value: string, label = value) => { codes.push(this.code(value, label)); };
    rows.forEach((row, i) => {
      this.start[i] = codes.length;
      valuesOf(row, emit);
    });
    this.start[rows.length] = codes.length;
    this.codes = Int32Array.from(codes);
    this.onePerEntry = codes.length === rows.length && this.start.every((s, i) => s === i);
    const byLabel = this.values.map((_, c) => c).sort((a, b) => COLLATOR.compare(this.labels[a]!, this.labels[b]!));
    this.labelRank = new Int32Array(this.values.length);
    byLabel.forEach((c, r) => { this.labelRank[c] = r; });
  }

  find(value: string): number {
    return this.lookup.get(value) ?? -1;
  }

  /** How many entries hold each value, over the whole index (a count per code). */
  get totals(): Int32Array {
    if (!this.totalsByCode) {
      this.totalsByCode = new Int32Array(this.values.length);
      for (const c of this.codes) this.totalsByCode[c]!++;
    }
    return this.totalsByCode;
  }

  /** The positions of the entries holding a value, ascending: what a filter on it keeps. */
  positions(code: number): Int32Array {
    this.postings ??= this.buildPostings();
    return this.postings[code] ?? NO_POSITIONS;
  }

  private buildPostings(): Int32Array[] {
    const lists = Array.from(this.totals, (n) => new Int32Array(n));
    const filled = new Int32Array(lists.length);
    for (let i = 0; i + 1 < this.start.length; i++) {
      for (let j = this.start[i]!; j < this.start[i + 1]!; j++) {
        const c = this.codes[j]!;
        lists[c]![filled[c]!++] = i;
      }
    }
    return lists;
  }

  /** Adds the values of the first `length` of these entries to a count per code. */
  countInto(count: Int32Array, entries: Int32Array, length = entries.length): void {
    const { start, codes } = this;
    if (this.onePerEntry) {
      for (let n = 0; n < length; n++) count[codes[entries[n]!]!]!++;
      return;
    }
    for (let n = 0; n < length; n++) {
      const i = entries[n]!;
      for (let j = start[i]!; j < start[i + 1]!; j++) count[codes[j]!]!++;
    }
  }

  has(i: number, code: number): boolean {
    for (let j = this.start[i]!; j < this.start[i + 1]!; j++) if (this.codes[j] === code) return true;
    return false;
  }

  private code(value: string, label: string): number {
    let c = this.lookup.get(value);
    if (c === undefined) {
      c = this.values.push(value) - 1;
      this.labels.push(label);
      this.lookup.set(value, c);
    }
    return c;
  }
}

export class FacetIndex {
  private readonly rows: FacetRow[];
  private readonly ids: string[];
  private readonly titles: string[];
  private readonly lowerTitles: string[];
  /** What a search word found in each entry's title weighs (relevance.ts). */
  private readonly titleWeights: Float64Array;
  private readonly position = new Map<string, number>();
  /** The position of the entry holding each search key, -1 for keys of no listed entry. */
  private readonly byKey: Int32Array;
  private readonly columns: Column[];
  /** 1 for an entry with data behind it: ahead of catalog-only entries wherever an order ties. */
  private readonly hasData: Uint8Array;
  /** Entry positions, most recently updated first (data first among equal times). */
  private readonly byUpdated: Int32Array;
  /** Position of each entry in byUpdated: the last tie-break of every order. */
  private readonly updatedRank: Int32Array;
  /** Per key, each entry's rank in ascending order (equal values share one), made when first needed. */
  private readonly ranks = new Map<Exclude<OrderKey, 'relevance'>, Int32Array>();
  /** Whole-index permutations per order, made when first asked (paging walks one order many times). */
  private readonly orders = new Map<string, Int32Array>();

  constructor(rows: FacetRow[]) {
    this.rows = rows;
    this.ids = rows.map((r) => r.id);
    this.titles = rows.map((r) => r.title);
    this.lowerTitles = this.titles.map((t) => {
      const lower = t.toLowerCase();
      return lower === t ? t : lower; // most titles are Chinese: one string, not two
    });
    const averageTitleLength = Math.max(1, this.titles.reduce((n, t) => n + t.length, 0) / Math.max(1, rows.length));
    this.titleWeights = Float64Array.from(this.titles, (t) => titleWeight(t.length, averageTitleLength));
    this.byKey = new Int32Array(rows.reduce((max, r) => Math.max(max, r.searchKey), -1) + 1).fill(-1);
    rows.forEach((r, i) => { if (r.searchKey >= 0) this.byKey[r.searchKey] = i; });
    this.hasData = Uint8Array.from(rows, (r) => (r.dataResources > 0 ? 1 : 0));
    rows.forEach((r, i) => this.position.set(r.id, i));
    type Emit = (value: string, label?: string) => void;
    const valuesOf: Record<Facet, (r: FacetRow, emit: Emit) => void> = {
      department: (r, emit) => emit(r.departmentId, r.departmentName),
      domain: (r, emit) => emit(r.domain || '其他'),
      openType: (r, emit) => emit(r.openType, OPEN_TYPES[r.openType].zh),
      format: (r, emit) => { for (const f of r.formats) emit(f); },
      frequency: (r, emit) => emit(r.frequency, UPDATE_FREQUENCIES[r.frequency as UpdateFrequency]?.zh ?? r.frequency),
      tag: (r, emit) => { for (const t of r.tags) emit(t); },
    };
    this.columns = FACETS.map((f) => new Column(rows, valuesOf[f]));
    const positions = rows.map((_, i) => i);
    this.byUpdated = Int32Array.from(positions.sort((a, b) => compareUpdated(rows[a]!, rows[b]!) || this.hasData[b]! - this.hasData[a]! || compareIds(rows[a]!, rows[b]!)));
    this.updatedRank = new Int32Array(rows.length);
    this.byUpdated.forEach((i, r) => { this.updatedRank[i] = r; });
    this.orders.set(orderSignature([{ key: 'updated', desc: true }]), this.byUpdated);
  }

  get size(): number {
    return this.ids.length;
  }

  /**
   * Filters, counts and pages. Facet semantics: the counts of each facet apply the search
   * words and every filter except that facet's own, so a user sees the alternatives to the
   * value they picked; a selected value is listed even when its count is 0.
   */
  query(q: FacetQuery): FacetResult {
    const cols = this.columns;
    const active: number[] = [];
    const wanted = new Int32Array(FACETS.length);
    FACETS.forEach((f, fi) => {
      const value = q.filters[f];
      if (value === undefined) return;
      active.push(fi);
      wanted[fi] = cols[fi]!.find(value);
    });
    const counts = cols.map((c) => new Int32Array(c.values.length));
    const inResult = new Uint8Array(this.ids.length);

    if (!q.matches && !q.condition && active.length <= 1) {
      // No words or conditions, one filter at most: the result is every entry or the entries
      // holding the value, and the filtered facet itself counts every entry.
      const own = active[0] ?? -1;
      const result = own >= 0 ? cols[own]!.positions(wanted[own]!) : null;
      cols.forEach((col, fi) => {
        if (!result || fi === own) counts[fi]!.set(col.totals);
        else col.countInto(counts[fi]!, result);
      });
      if (result) for (const i of result) inResult[i] = 1;
      else inResult.fill(1);
      return { total: result?.length ?? this.ids.length, ids: this.inOrder(q, inResult), facets: this.facetLists(counts, active, wanted) };
    }

    const meets = q.condition ? compileCondition(q.condition, this.conditionSource()) : () => true;
    // The entries in the result, and per active filter those failing that filter alone: they
    // count in its facet (the alternatives to the value picked) and nowhere else.
    const result = new Int32Array(q.matches ? q.matches.length : this.ids.length);
    let total = 0;
    const failedOnly: number[][] = active.map(() => []);
    const visit = (i: number): void => {
      if (!meets(i)) return;
      let failed = -1;
      for (let a = 0; a < active.length; a++) {
        const fi = active[a]!;
        if (cols[fi]!.has(i, wanted[fi]!)) continue;
        if (failed !== -1) return; // fails two filters: counts nowhere
        failed = a;
      }
      if (failed !== -1) {
        failedOnly[failed]!.push(i);
        return;
      }
      inResult[i] = 1;
      result[total++] = i;
    };
    if (q.matches) {
      const byKey = this.byKey;
      // Not (or no longer) publicly listed: neither shown nor counted.
      const position = (key: number) => (key < byKey.length ? byKey[key]! : -1);
      if (q.matches.length > this.ids.length / 32) {
        // Many matches are visited in position order rather than the engine's: the columns and
        // titles are then read in sequence (counting 统计's 29,000 took three times as long).
        const matched = new Uint8Array(this.ids.length);
        for (const key of q.matches) {
          const i = position(key);
          if (i >= 0) matched[i] = 1;
        }
        for (let i = 0; i < matched.length; i++) if (matched[i]) visit(i);
      } else {
        // Keys are distinct: each entry is visited once.
        for (const key of q.matches) {
          const i = position(key);
          if (i >= 0) visit(i);
        }
      }
    } else if (q.condition) {
      for (let i = 0; i < this.ids.length; i++) visit(i);
    } else {
      this.visitFiltered(active, wanted, visit);
    }
    // Counted a column at a time: a tight loop per facet rather than six per entry.
    cols.forEach((col, fi) => {
      col.countInto(counts[fi]!, result, total);
      const a = active.indexOf(fi);
      if (a >= 0) col.countInto(counts[fi]!, Int32Array.from(failedOnly[a]!));
    });
    const hits = result.subarray(0, total);
    const ids = q.matches && q.order.some((t) => t.key === 'relevance')
      ? this.topByScore(hits, this.scores(hits, q), q.order, q.offset, q.limit)
      : this.inOrder(q, inResult);
    return { total, ids, facets: this.facetLists(counts, active, wanted) };
  }

  /**
   * Several filters without words or conditions visit only the entries that can count
   * anywhere: those failing at most one filter, which hold the value of at least one of them.
   */
  private visitFiltered(active: number[], wanted: Int32Array, visit: (i: number) => void): void {
    const seen = new Uint8Array(this.ids.length);
    for (const fi of active) {
      for (const i of this.columns[fi]!.positions(wanted[fi]!)) {
        if (seen[i]) continue;
        seen[i] = 1;
        visit(i);
      }
    }
  }

  private scores(hits: Int32Array, q: FacetQuery): Float64Array {
    const relevance = new Relevance(q.groups ?? [], q.phrase);
    const scores = new Float64Array(hits.length);
    for (let n = 0; n < hits.length; n++) {
      const i = hits[n]!;
      scores[n] = relevance.score(this.titles[i]!, this.lowerTitles[i]!, this.titleWeights[i]!);
    }
    return scores;
  }

  /** Hits in an order that involves their scores, sorting only as far as the page needs. */
  private topByScore(hits: Int32Array, scores: Float64Array, order: Order, offset: number, limit: number): string[] {
    const compare = this.comparator(order, (a, b) => scores[a]! - scores[b]!, (n) => hits[n]!);
    const k = Math.min(offset + limit, hits.length);
    if (k < hits.length / 4) {
      // Keep the k best in a sorted window: linear for the usual first pages.
      const before = order.length === 1 && order[0]!.key === 'relevance' && order[0]!.desc
        ? this.byRelevance(hits, scores)
        : (a: number, b: number) => compare(a, b) < 0;
      const best: number[] = [];
      for (let n = 0; n < hits.length; n++) {
        if (best.length === k && !before(n, best[k - 1]!)) continue;
        let at = best.length;
        while (at > 0 && before(n, best[at - 1]!)) at--;
        best.splice(at, 0, n);
        if (best.length > k) best.pop();
      }
      return best.slice(offset).map((n) => this.ids[hits[n]!]!);
    }
    const candidates = hits.map((_, n) => n).sort(compare);
    return Array.from(candidates.subarray(offset, k), (n) => this.ids[hits[n]!]!);
  }

  /**
   * A search's default order (most relevant, then data first, then most recently updated) as
   * `comparator` gives it, written out: it runs once per match of a common word.
   */
  private byRelevance(hits: Int32Array, scores: Float64Array): (a: number, b: number) => boolean {
    const { hasData, updatedRank } = this;
    return (a, b) => {
      if (scores[a] !== scores[b]) return scores[a]! > scores[b]!;
      const i = hits[a]!, j = hits[b]!;
      return hasData[i] !== hasData[j] ? hasData[i]! > hasData[j]! : updatedRank[i]! < updatedRank[j]!;
    };
  }

  private inOrder(q: FacetQuery, inResult: Uint8Array): string[] {
    const end = q.offset + q.limit;
    const ids: string[] = [];
    let seen = 0;
    for (const i of this.ordering(q.order.filter((t) => t.key !== 'relevance'))) {
      if (!inResult[i]) continue;
      if (seen >= end) break;
      if (seen++ >= q.offset) ids.push(this.ids[i]!);
    }
    return ids;
  }

  /** Every value of a facet across the listed catalog, with its count, most frequent first. */
  values(facet: Facet): FacetValue[] {
    const col = this.columns[FACETS.indexOf(facet)]!;
    const counts = col.totals;
    return col.values.map((_, c) => c).sort((a, b) => counts[b]! - counts[a]! || col.labelRank[a]! - col.labelRank[b]!)
      .map((c) => ({ value: col.values[c]!, label: col.labels[c]!, count: counts[c]! }));
  }

  /** A window of every entry's id in this order. */
  slice(order: Order, offset: number, limit: number): string[] {
    return Array.from(this.ordering(order).subarray(offset, offset + limit), (i) => this.ids[i]!);
  }

  /** Every entry in this order; the last 32 orders asked for are kept. */
  private ordering(order: Order): Int32Array {
    const signature = orderSignature(order.length ? order : [{ key: 'updated', desc: true }]);
    const kept = this.orders.get(signature);
    if (kept) return kept;
    const compare = this.comparator(order, () => 0, (i) => i);
    const made = Int32Array.from(this.ids.keys()).sort(compare);
    if (this.orders.size >= ORDERS_KEPT) this.orders.delete([...this.orders.keys()][1]!); // the default stays
    this.orders.set(signature, made);
    return made;
  }

  /**
   * Compares two items (entry positions, or indexes into hits with `entry` mapping them) by the
   * order's terms, then data first, then the default order.
   */
  private comparator(order: Order, byScore: (a: number, b: number) => number, entry: (n: number) => number): (a: number, b: number) => number {
    const terms = order.map((t) => ({ desc: t.desc, rank: t.key === 'relevance' ? null : this.rank(t.key) }));
    return (a, b) => {
      const i = entry(a), j = entry(b);
      for (const t of terms) {
        const d = t.rank ? t.rank[i]! - t.rank[j]! : byScore(a, b);
        if (d !== 0) return t.desc ? -d : d;
      }
      return this.hasData[j]! - this.hasData[i]! || this.updatedRank[i]! - this.updatedRank[j]!;
    };
  }

  private rank(key: Exclude<OrderKey, 'relevance'>): Int32Array {
    let rank = this.ranks.get(key);
    if (!rank) this.ranks.set(key, rank = rankOf(this.rows, key));
    return rank;
  }

  private conditionSource() {
    return {
      rows: this.rows, position: this.position,
      hasValue: (facet: Facet, value: string) => {
        const col = this.columns[FACETS.indexOf(facet)]!;
        const code = col.find(value);
        return (i: number) => code >= 0 && col.has(i, code);
      },
    };
  }

  private facetLists(counts: Int32Array[], active: number[], wanted: Int32Array): Record<Facet, FacetValue[]> {
    const out = {} as Record<Facet, FacetValue[]>;
    FACETS.forEach((f, fi) => {
      const col = this.columns[fi]!;
      const selected = active.includes(fi) ? wanted[fi]! : -1;
      const codes: number[] = [];
      counts[fi]!.forEach((count, c) => { if (count > 0 || c === selected) codes.push(c); });
      codes.sort((a, b) => counts[fi]![b]! - counts[fi]![a]! || col.labelRank[a]! - col.labelRank[b]!);
      const kept = codes.slice(0, FACET_LIMIT[f]);
      if (selected >= 0 && !kept.includes(selected)) kept.push(selected);
      out[f] = kept.map((c) => ({ value: col.values[c]!, label: col.labels[c]!, count: counts[fi]![c]! }));
    });
    return out;
  }
}
