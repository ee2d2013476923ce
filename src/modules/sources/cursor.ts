/**
 * Incremental runs: which rows are new since the last good run, by a cursor field's value
 * (a timestamp, a date, or a growing number), and the high-water mark the next run starts after.
 */
import { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import { csvCell } from '../../datastore/csv-format.js';
import { readRows } from '../../datastore/source.js';
import { scanFile } from '../../datastore/scan.js';
import type { BlobStore } from '../blobs/store.js';
import type { FetchedFile } from './fetch-url.js';

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Whether cursor value `a` comes after `b`: numerically for numbers, by instant for timestamps
 * (2024-01-02 10:00 and 2024-01-02T10:00:00Z in one column compare as times), as text otherwise.
 */
export function greater(a: string, b: string): boolean {
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) > Number(b);
  const ta = Date.parse(a), tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta > tb;
  return a > b;
}

/**
 * Keeps the rows of a fetched file whose cursor is past `after`, as a new CSV blob (the fetched
 * one is removed), and answers how many and the new high-water mark.
 */
export async function rowsSince(blobs: BlobStore, fetched: FetchedFile, field: string, after: string | null, maxBytes: number):
  Promise<FetchedFile & { rows: number; highWater: string | null }> {
  const kept = await blobs.withLocalFile(fetched.blobKey, (path) => keepRowsSince(blobs, path, fetched.fileName, field, after, maxBytes));
  await blobs.remove(fetched.blobKey);
  return kept;
}

async function keepRowsSince(blobs: BlobStore, path: string, fileName: string, field: string, after: string | null, maxBytes: number):
  Promise<FetchedFile & { rows: number; highWater: string | null }> {
  const scan = await scanFile(path, fileName, () => undefined);
  // JSON records name their keys: a first pass gathers them, as the ingest does.
  const keys: string[] = [];
  if (scan.format === 'json') for await (const batch of readRows(path, scan, { onBytes: () => undefined, jsonKeys: keys, collectKeys: true })) void batch;
  const state = { rows: 0, highWater: after };
  async function* lines(): AsyncGenerator<string> {
    let at = -1;
    let header = scan.format === 'json';
    if (header) {
      at = keys.indexOf(field);
      yield csvLine(keys);
    }
    for await (const batch of readRows(path, scan, { onBytes: () => undefined, jsonKeys: [...keys] })) {
      let text = '';
      for (const row of batch) {
        if (!header) {
          header = true;
          at = row.cells.indexOf(field);
          text += csvLine(row.cells);
          continue;
        }
        if (at < 0) break;
        const value = row.cells[at] ?? '';
        if (value === '' || (after !== null && !greater(value, after))) continue;
        if (state.highWater === null || greater(value, state.highWater)) state.highWater = value;
        state.rows++;
        text += csvLine(row.cells);
      }
      if (at < 0) throw new AppError('VALIDATION_FAILED', 'cursorField', `数据中没有游标字段“${field}”`);
      if (text) yield text;
    }
  }
  const { key } = await blobs.put(Readable.from(lines()), maxBytes, '.csv');
  return { blobKey: key, fileName: 'source.csv', rows: state.rows, highWater: state.highWater };
}

const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;
