/**
 * Column statistics in bounded memory, fed one value at a time during the load: null and
 * distinct counts (exact up to a bound, then HyperLogLog), min/max/mean, the most frequent
 * values (Misra–Gries once the bound is passed) and a histogram of numbers and dates.
 */
import type { FieldProfile, FieldType } from './types.js';
import type { DbValue } from './values.js';

export const EXACT_DISTINCT = 10_000;
const HEAVY_HITTERS = 256;
const SAMPLE_EVERY = 16;
const SAMPLE_RATE = 1 / SAMPLE_EVERY;
const HLL_P = 14;
const HLL_M = 1 << HLL_P;
const FINE_BINS = 1024;
const HIST_BINS = 10;

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h >>> 0;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
function hashNumber(n: number): number {
  f64[0] = n;
  let h = Math.imul(u32[0]! ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(u32[1]! ^ 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15; h = Math.imul(h, 0x2c1b3c6d); h ^= h >>> 12; h = Math.imul(h, 0x297a2d39); h ^= h >>> 15;
  return h >>> 0;
}

class HyperLogLog {
  private readonly reg = new Uint8Array(HLL_M);
  add(key: string | number): void {
    const h = typeof key === 'number' ? hashNumber(key) : hashString(key);
    const idx = h >>> (32 - HLL_P);
    const rest = (h << HLL_P) | (1 << (HLL_P - 1));
    const rank = Math.clz32(rest) + 1;
    if (rank > this.reg[idx]!) this.reg[idx] = rank;
  }
  estimate(): number {
    let sum = 0, zeros = 0;
    for (let i = 0; i < HLL_M; i++) { sum += 2 ** -this.reg[i]!; if (this.reg[i] === 0) zeros++; }
    const raw = (0.7213 / (1 + 1.079 / HLL_M)) * HLL_M * HLL_M / sum;
    return Math.round(raw <= 2.5 * HLL_M && zeros > 0 ? HLL_M * Math.log(HLL_M / zeros) : raw);
  }
}

/** Equal-width bins that double their width whenever a value falls outside: exact counts, adaptive edges. */
class AdaptiveHistogram {
  private exact: Map<number, number> | null = new Map();
  private bins = new Float64Array(FINE_BINS);
  private lo = 0;
  private width = 1;

  add(x: number): void {
    if (this.exact) {
      this.exact.set(x, (this.exact.get(x) ?? 0) + 1);
      if (this.exact.size > 2 * FINE_BINS) this.toBins();
      return;
    }
    while (x >= this.lo + FINE_BINS * this.width) this.grow(false);
    while (x < this.lo) this.grow(true);
    this.bins[Math.min(FINE_BINS - 1, Math.floor((x - this.lo) / this.width))]! += 1;
  }

  private toBins(): void {
    const values = [...this.exact!.keys()];
    const min = Math.min(...values), max = Math.max(...values);
    this.lo = min;
    this.width = (max - min) / (FINE_BINS - 1) || 1;
    const exact = this.exact!;
    this.exact = null;
    for (const [v, c] of exact) this.bins[Math.min(FINE_BINS - 1, Math.floor((v - this.lo) / this.width))]! += c;
  }

  /** Doubles the bin width; `left` keeps the old range in the upper half (extends below lo). */
  private grow(left: boolean): void {
    const merged = new Float64Array(FINE_BINS);
    const half = FINE_BINS / 2;
    for (let i = 0; i < half; i++) merged[(left ? half : 0) + i] = this.bins[2 * i]! + this.bins[2 * i + 1]!;
    if (left) this.lo -= FINE_BINS * this.width;
    this.width *= 2;
    this.bins = merged;
  }

  /** Counts in HIST_BINS equal bins over [min, max]. */
  result(min: number, max: number): number[] {
    const out = new Array<number>(HIST_BINS).fill(0);
    const span = max - min;
    const slot = (v: number) => (span === 0 ? 0 : Math.min(HIST_BINS - 1, Math.max(0, Math.floor(((v - min) / span) * HIST_BINS))));
    if (this.exact) {
      for (const [v, c] of this.exact) out[slot(v)]! += c;
    } else {
      for (let i = 0; i < FINE_BINS; i++) if (this.bins[i]) out[slot(this.lo + (i + 0.5) * this.width)]! += this.bins[i]!;
    }
    return out;
  }
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date or datetime (its date part), without Date parsing. */
function dateNumber(v: string): number {
  let y = (v.charCodeAt(0) - 48) * 1000 + (v.charCodeAt(1) - 48) * 100 + (v.charCodeAt(2) - 48) * 10 + (v.charCodeAt(3) - 48);
  const m = (v.charCodeAt(5) - 48) * 10 + (v.charCodeAt(6) - 48);
  const d = (v.charCodeAt(8) - 48) * 10 + (v.charCodeAt(9) - 48);
  // Howard Hinnant's days_from_civil
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function fromDateNumber(n: number): string {
  return new Date(Math.round(n) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A value the profile keeps, as a string of its own: a cell sliced from the parser's text would
 * otherwise hold that whole chunk of the file in memory for as long as the count is kept.
 */
function own(v: string | number): string | number {
  return typeof v === 'string' ? (` ${v}`).slice(1) : v;
}

export class FieldProfiler {
  private nulls = 0;
  private count = 0;
  private counts = new Map<string | number, number>();
  private hll: HyperLogLog | null = null;
  private capacity = EXACT_DISTINCT;
  private atOverflow = new Map<string | number, number>();
  private min: string | number | undefined;
  private max: string | number | undefined;
  private sum = 0;
  private seed = 0x9e3779b9;
  private readonly hist: AdaptiveHistogram | null;

  /** `withheld`: a sensitive field, of which only the null count is kept. */
  constructor(private readonly name: string, private readonly type: FieldType, private readonly withheld = false) {
    this.hist = type === 'integer' || type === 'number' || type === 'date' || type === 'datetime' ? new AdaptiveHistogram() : null;
  }

  add(v: DbValue): void {
    if (v === null) { this.nulls++; return; }
    this.count++;
    if (this.withheld) return;
    if (this.hll) {
      this.hll.add(v);
      // Heavy hitters from a random sample of the values: a fraction of the cost, same leaders.
      if (this.sampled()) this.count1(v);
    } else this.count1(v);
    if (this.type === 'string' || this.type === 'boolean') return;
    if (this.min === undefined || v < this.min) this.min = v;
    if (this.max === undefined || v > this.max) this.max = v;
    if (typeof v === 'number') { this.sum += v; this.hist!.add(v); } else this.hist!.add(dateNumber(v));
  }

  /**
   * One value in 16, picked by a fixed-seed xorshift generator rather than Math.random: the
   * same upload always gets the same statistics.
   */
  private sampled(): boolean {
    let x = this.seed;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.seed = x;
    return (x & (SAMPLE_EVERY - 1)) === 0;
  }

  private count1(v: string | number): void {
    const counts = this.counts;
    const c = counts.get(v);
    if (c !== undefined) counts.set(v, c + 1);
    else if (counts.size < this.capacity) counts.set(own(v), 1);
    else { this.overflow(); this.counts.set(own(v), 1); }
  }

  /** Past the exact bound: start the estimate, and thin the counts (Misra–Gries, batched). */
  private overflow(): void {
    if (!this.hll) {
      this.hll = new HyperLogLog();
      for (const k of this.counts.keys()) this.hll.add(k);
      // From here on only heavy hitters are tracked, in a small map.
      this.capacity = HEAVY_HITTERS;
      this.counts = new Map([...this.counts].sort((a, b) => b[1] - a[1]).slice(0, HEAVY_HITTERS / 2));
      this.atOverflow = new Map(this.counts);
      return;
    }
    // Subtract the median count: at least half the entries go (Misra–Gries, batched).
    const sorted = Float64Array.from(this.counts.values()).sort();
    const d = sorted[sorted.length >> 1]!;
    for (const [k, n] of this.counts) {
      if (n <= d) this.counts.delete(k); else this.counts.set(k, n - d);
    }
  }

  /** Counts kept before the overflow are exact; later ones were sampled and are scaled up. */
  private scaled(value: string | number, count: number): number {
    const exact = this.atOverflow.get(value) ?? 0;
    return this.hll ? Math.round(exact + Math.max(0, count - exact) / SAMPLE_RATE) : count;
  }

  result(): FieldProfile {
    const total = this.nulls + this.count;
    if (this.withheld) {
      return { name: this.name, type: this.type, nullCount: this.nulls, nullRatio: total ? this.nulls / total : 0, distinctCount: 0, distinctEstimated: false, topValues: [], withheld: true };
    }
    const estimated = this.hll !== null;
    const top = [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, 10)
      .map(([value, count]) => ({ value: this.type === 'boolean' ? (value === 1 ? 'true' : 'false') : String(value), count: this.scaled(value, count) }));
    const p: FieldProfile = {
      name: this.name,
      type: this.type,
      nullCount: this.nulls,
      nullRatio: total ? this.nulls / total : 0,
      distinctCount: estimated ? Math.max(this.hll!.estimate(), this.counts.size) : this.counts.size,
      distinctEstimated: estimated,
      topValues: top,
    };
    if (estimated) p.topValuesEstimated = true;
    if (this.min !== undefined && this.max !== undefined) {
      p.min = this.min;
      p.max = this.max;
      if (typeof this.min === 'number' && typeof this.max === 'number') {
        p.mean = this.sum / this.count;
        const counts = this.hist!.result(this.min, this.max);
        const step = (this.max - this.min) / HIST_BINS;
        p.histogram = counts.map((count, i) => ({ from: this.min as number + i * step, to: i === HIST_BINS - 1 ? this.max as number : this.min as number + (i + 1) * step, count }));
      } else {
        const lo = dateNumber(this.min as string), hi = dateNumber(this.max as string);
        const counts = this.hist!.result(lo, hi);
        const step = (hi - lo) / HIST_BINS;
        p.histogram = counts.map((count, i) => ({
          from: i === 0 ? this.min as string : fromDateNumber(lo + i * step),
          to: i === HIST_BINS - 1 ? this.max as string : fromDateNumber(lo + (i + 1) * step),
          count,
        }));
      }
    }
    return p;
  }
}
