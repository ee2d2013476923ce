/**
 * The publicly listed catalog as compact columns in memory, for filtering, facet counting and
 * ordering in one pass. The database finds which entries match the words; this table answers
 * the rest in a millisecond or two for tens of thousands of entries. Pure: no I/O.
 */
import { OPEN_TYPES, UPDATE_FREQUENCIES, type UpdateFrequency } from '../../domain/catalog.js';

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
  downloads: number;
}

export const FACETS = ['department', 'domain', 'openType', 'format', 'frequency', 'tag'] as const;
export type Facet = (typeof FACETS)[number];
export type Filters = Partial<Record<Facet, string>>;
export type SortKey = 'relevance' | 'updated' | 'downloads';

export interface FacetValue { value: string; label: string; count: number }

export interface FacetQuery {
  /** Entries matching the search words with their text scores, or null when there are no words. */
  matches: { ids: string[]; scores: number[] } | null;
  /** The search text as typed: a title holding it whole outranks one that only shares its words. */
  phrase?: string | undefined;
  filters: Filters;
  sort: SortKey;
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
  private readonly lookup = new Map<string, number>();

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
    const byLabel = this.values.map((_, c) => c).sort((a, b) => COLLATOR.compare(this.labels[a]!, this.labels[b]!));
    this.labelRank = new Int32Array(this.values.length);
    byLabel.forEach((c, r) => { this.labelRank[c] = r; });
  }

  find(value: string): number {
    return this.lookup.get(value) ?? -1;
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
  private readonly ids: string[];
  private readonly titles: string[];
  private readonly position = new Map<string, number>();
  private readonly columns: Column[];
  /** Entry positions, most recently updated first / most downloaded first. */
  private readonly byUpdated: Int32Array;
  private readonly byDownloads: Int32Array;
  /** Position of each entry in byUpdated: the tie-break between equal scores. */
  private readonly updatedRank: Int32Array;

  constructor(rows: FacetRow[]) {
    this.ids = rows.map((r) => r.id);
    this.titles = rows.map((r) => r.title);
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
    this.byUpdated = Int32Array.from(positions.sort((a, b) => compareUpdated(rows[a]!, rows[b]!)));
    this.updatedRank = new Int32Array(rows.length);
    this.byUpdated.forEach((i, r) => { this.updatedRank[i] = r; });
    this.byDownloads = Int32Array.from(rows.map((_, i) => i).sort((a, b) => rows[b]!.downloads - rows[a]!.downloads || this.updatedRank[a]! - this.updatedRank[b]!));
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
    let total = 0;

    const visit = (i: number): boolean => {
      let failed = -1;
      for (const fi of active) {
        if (cols[fi]!.has(i, wanted[fi]!)) continue;
        if (failed !== -1) return false; // fails two filters: counts nowhere
        failed = fi;
      }
      for (let fi = 0; fi < cols.length; fi++) {
        if (failed !== -1 && failed !== fi) continue;
        const col = cols[fi]!;
        const count = counts[fi]!;
        for (let j = col.start[i]!; j < col.start[i + 1]!; j++) count[col.codes[j]!]!++;
      }
      if (failed !== -1) return false;
      inResult[i] = 1;
      total++;
      return true;
    };

    let ids: string[];
    if (q.matches) {
      const hits: number[] = [];
      const scores: number[] = [];
      q.matches.ids.forEach((id, k) => {
        const i = this.position.get(id);
        // Not (or no longer) publicly listed: neither shown nor counted.
        if (i !== undefined && !inResult[i] && visit(i)) {
          hits.push(i);
          scores.push(phraseBoost(q.matches!.scores[k]!, this.titles[i]!, q.phrase));
        }
      });
      ids = q.sort === 'relevance' ? this.topByScore(hits, scores, q.offset, q.limit) : this.inOrder(q, inResult);
    } else {
      for (let i = 0; i < this.ids.length; i++) visit(i);
      ids = this.inOrder(q, inResult);
    }
    return { total, ids, facets: this.facetLists(counts, active, wanted) };
  }

  /** Best scores first (newer first among equals), sorting only as far as the page needs. */
  private topByScore(hits: number[], scores: number[], offset: number, limit: number): string[] {
    const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && this.updatedRank[hits[a]!]! < this.updatedRank[hits[b]!]!);
    const k = Math.min(offset + limit, hits.length);
    const order = hits.map((_, n) => n);
    if (k < order.length / 4) {
      // Keep the k best in a sorted window: linear for the usual first pages.
      const best: number[] = [];
      for (const n of order) {
        if (best.length === k && !before(n, best[k - 1]!)) continue;
        let at = best.length;
        while (at > 0 && before(n, best[at - 1]!)) at--;
        best.splice(at, 0, n);
        if (best.length > k) best.pop();
      }
      return best.slice(offset).map((n) => this.ids[hits[n]!]!);
    }
    order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return order.slice(offset, k).map((n) => this.ids[hits[n]!]!);
  }

  private inOrder(q: FacetQuery, inResult: Uint8Array): string[] {
    const end = q.offset + q.limit;
    const ids: string[] = [];
    let seen = 0;
    for (const i of q.sort === 'downloads' ? this.byDownloads : this.byUpdated) {
      if (!inResult[i]) continue;
      if (seen >= end) break;
      if (seen++ >= q.offset) ids.push(this.ids[i]!);
    }
    return ids;
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

/** An exact title quadruples the text score, a title containing the typed phrase doubles it. */
function phraseBoost(score: number, title: string, phrase: string | undefined): number {
  if (!phrase) return score;
  if (title === phrase) return score * 4;
  return title.includes(phrase) ? score * 2 : score;
}

function compareUpdated(a: FacetRow, b: FacetRow): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
