/**
 * Rows of a data table picked by row id: the ones a provider chose, or a random sample that is
 * the same every time for the same seed. A version's table never changes once complete, so a
 * sample seeded by the version is stable for as long as that version is live.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/adapter.js';
import { assertSafeTable, ROW_ID } from './naming.js';
import { fromDb } from './tables.js';
import type { DataTable } from './types.js';
import type { DbValue } from './values.js';

/** The most rows one statement asks for by id. */
const IDS_PER_QUERY = 1000;

/** A small seeded generator (sfc32) of numbers in [0, 1), its state taken from SHA-256 of the seed. */
function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed).digest();
  let a = h.readUInt32LE(0), b = h.readUInt32LE(4), c = h.readUInt32LE(8), d = h.readUInt32LE(12);
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 2 ** 32;
  };
}

/**
 * 1..n in a seeded random order, one at a time: a Fisher–Yates shuffle that only remembers the
 * positions it swapped, so taking k of a million costs k steps, not a million.
 */
export function* seededOrder(seed: string, n: number): Generator<number> {
  const random = seededRandom(seed);
  const moved = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (n - i));
    const picked = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    moved.delete(i);
    yield picked + 1;
  }
}

/** Rows with the given ids, in row-id order, as [id, ...values]; ids the table lacks are skipped. */
async function rowsById(db: Database, table: DataTable, ids: number[]): Promise<{ id: number; values: DbValue[] }[]> {
  const out: { id: number; values: DbValue[] }[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const columns = [sql.ref(ROW_ID), ...table.fields.map((f) => sql.ref(f.column))];
    const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns)} from ${sql.table(table.tableName)}
      where ${sql.ref(ROW_ID)} in (${sql.join(chunk)})`.execute(db);
    for (const r of rows) out.push({ id: Number(r[ROW_ID]), values: table.fields.map((f) => fromDb(f.type, r[f.column])) });
  }
  return out.sort((x, y) => x.id - y.id);
}

async function largestId(db: Database, table: DataTable): Promise<number> {
  const { rows } = await sql<{ m: number | string | null }>`select max(${sql.ref(ROW_ID)}) as m from ${sql.table(table.tableName)}`.execute(db);
  return Number(rows[0]?.m ?? 0);
}

export type SampleChoice = { rowIds: readonly number[] } | { size: number; seed: string };

/**
 * The sample's rows in stored order: the chosen row ids that exist, or `size` rows picked at
 * random by the seed. Row ids are mostly consecutive from 1 (an upsert leaves gaps where it
 * updated rows), so candidates are drawn from 1..largest id until enough of them exist.
 */
export async function sampleRows(db: Database, table: DataTable, choice: SampleChoice): Promise<{ id: number; values: DbValue[] }[]> {
  assertSafeTable(table);
  if ('rowIds' in choice) return rowsById(db, table, [...new Set(choice.rowIds)].filter((id) => Number.isSafeInteger(id) && id > 0));
  const max = await largestId(db, table);
  const wanted = Math.min(choice.size, table.rowCount);
  const order = seededOrder(choice.seed, max);
  const found: { id: number; values: DbValue[] }[] = [];
  let tried = 0;
  while (found.length < wanted && tried < max) {
    // Ask for as many candidates as the density seen so far says are needed, and a few more.
    const density = tried ? Math.max(found.length / tried, 0.01) : 1;
    const batch: number[] = [];
    const ask = Math.min(IDS_PER_QUERY, Math.ceil((wanted - found.length) / density) + 8);
    while (batch.length < ask) {
      const next = order.next();
      if (next.done) break;
      batch.push(next.value);
    }
    if (batch.length === 0) break;
    tried += batch.length;
    found.push(...await rowsById(db, table, batch));
  }
  return found.slice(0, wanted).sort((x, y) => x.id - y.id);
}
