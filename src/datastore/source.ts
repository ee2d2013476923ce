/**
 * Rows of an upload, whatever its format, as batches of SourceRow. Each call reads the file
 * from the start, so the ingest can make one pass to infer types and another to load.
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { AppError } from '../domain/errors.js';
import { CsvParser, CELL_CAP, MAX_CELLS, type SourceRow } from './csv-parser.js';
import { JsonArraySplitter, objectRow, parseElement } from './json-reader.js';
import { DECODE_CHUNK, READ_CHUNK, type ScanResult } from './scan.js';

export type { SourceRow };

export interface ReadOptions {
  onBytes(n: number): void;
  signal?: AbortSignal;
  /** JSON: the keys (columns). With `collectKeys`, keys met for the first time are appended. */
  jsonKeys?: string[];
  collectKeys?: boolean;
}

const MAX_JSON_KEYS = 1000;

/** UTF-8 chunks to text (TextDecoder carries a sequence split across chunks; faster than Buffer#toString). */
class Utf8Decoder {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  write(chunk: Buffer): string { return this.decoder.decode(chunk, { stream: true }); }
  end(): string { return this.decoder.decode(); }
}

async function* textChunks(path: string, encoding: ScanResult['encoding'], opts: ReadOptions): AsyncGenerator<string> {
  const decoder = encoding === 'gb18030' ? iconv.getDecoder('gb18030') : new Utf8Decoder();
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) {
    opts.signal?.throwIfAborted();
    const bytes = chunk as Buffer;
    opts.onBytes(bytes.length);
    for (let at = 0; at < bytes.length; at += DECODE_CHUNK) {
      let text = decoder.write(bytes.subarray(at, at + DECODE_CHUNK));
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      yield text;
    }
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

async function* csvRows(path: string, scan: ScanResult, opts: ReadOptions): AsyncGenerator<SourceRow[]> {
  const parser = new CsvParser(scan.format === 'tsv' ? '\t' : ',');
  for await (const text of textChunks(path, scan.encoding, opts)) {
    const rows = parser.push(text);
    if (rows.length) yield rows;
  }
  const rows = parser.end();
  if (rows.length) yield rows;
}

async function* jsonRows(path: string, scan: ScanResult, opts: ReadOptions): AsyncGenerator<SourceRow[]> {
  const splitter = new JsonArraySplitter();
  const keys = opts.jsonKeys ?? [];
  const known = new Set(keys);
  const toRows = (elements: { index: number; text: string | null }[]): SourceRow[] => elements.map(({ index, text }) => {
    const obj = parseElement(text);
    if (obj === 'syntax') throw new AppError('MALFORMED_FILE', 'file', `JSON 第 ${index} 条记录不是有效的 JSON`);
    if (typeof obj === 'string') return { row: index, cells: [], cellCount: keys.length, tooLong: false, invalid: obj };
    if (opts.collectKeys) {
      for (const k of Object.keys(obj)) {
        if (known.has(k)) continue;
        if (keys.length >= MAX_JSON_KEYS) throw new AppError('MALFORMED_FILE', 'file', `JSON 记录的字段超过 ${MAX_JSON_KEYS} 个`);
        known.add(k);
        keys.push(k);
      }
    }
    return objectRow(index, obj, keys);
  });
  for await (const text of textChunks(path, scan.encoding, opts)) {
    const rows = toRows(splitter.push(text));
    if (rows.length) yield rows;
  }
  const rows = toRows(splitter.end());
  if (rows.length) yield rows;
}

function pad2(n: number): string { return n < 10 ? `0${n}` : String(n); }

/** The text of an XLSX cell value: dates as ISO, formulas by their result, rich text joined. */
export function xlsxCellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const day = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
    if (v.getUTCHours() === 0 && v.getUTCMinutes() === 0 && v.getUTCSeconds() === 0) return day;
    return `${day}T${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}:${pad2(v.getUTCSeconds())}`;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return xlsxCellText(o.result);
    if ('text' in o) return xlsxCellText(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

async function* xlsxRows(path: string, opts: ReadOptions): AsyncGenerator<SourceRow[]> {
  const { default: ExcelJS } = await import('exceljs'); // ~20 MB: loaded when a workbook arrives
  const input = createReadStream(path, { highWaterMark: READ_CHUNK });
  input.on('data', (c) => opts.onBytes((c as Buffer).length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  // The reader takes sheet names and the date system from xl/workbook.xml, which exceljs's own
  // writer stores last: a sheet met before it crashed the reader (exceljs issue 3064). Rows need
  // no sheet name, and the 1900 date system is the default until workbook.xml says otherwise.
  Object.assign(reader, { model: { sheets: [] }, properties: { model: { date1904: false } } });
  try {
    for await (const sheet of reader) {
      let batch: SourceRow[] = [];
      for await (const row of sheet) {
        opts.signal?.throwIfAborted();
        const values = row.values as unknown[];
        const cells: string[] = [];
        let tooLong = false;
        let last = 0;
        for (let i = 1; i < values.length && i <= MAX_CELLS; i++) {
          let t = xlsxCellText(values[i]);
          if (t.length > CELL_CAP) { tooLong = true; t = ''; }
          if (t !== '') last = i;
          cells.push(t);
        }
        cells.length = last;
        if (last === 0) continue;
        batch.push({ row: row.number, cells, cellCount: Math.max(last, values.length > MAX_CELLS ? values.length - 1 : 0), tooLong });
        if (batch.length >= 4096) { yield batch; batch = []; }
      }
      if (batch.length) yield batch;
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof AppError || opts.signal?.aborted) throw err;
    // A text past what a JS string can hold says "Invalid string length": say it in Chinese.
    if (err instanceof RangeError) throw new AppError('MALFORMED_FILE', 'file', 'XLSX 工作簿无法读取：其中的单元格内容过长');
    throw new AppError('MALFORMED_FILE', 'file', `XLSX 工作簿无法读取：${(err as Error).message}`);
  } finally {
    input.destroy();
  }
}

/** Batches of rows of the whole file; CSV/TSV/XLSX start with the header row. */
export function readRows(path: string, scan: ScanResult, opts: ReadOptions): AsyncGenerator<SourceRow[]> {
  switch (scan.format) {
    case 'csv':
    case 'tsv': return csvRows(path, scan, opts);
    case 'json': return jsonRows(path, scan, opts);
    case 'xlsx': return xlsxRows(path, opts);
  }
}
