/**
 * Downloads of a data table as CSV, XLSX, JSON or XML, streamed in row-id order in batches
 * with backpressure: memory stays flat whatever the table size. Text cells that a
 * spreadsheet would run as formulas are neutralised in CSV and XLSX.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { Database, DialectAdapter } from '../db/adapter.js';
import { csvCell, neutralizeFormula } from './csv-format.js';
import { assertSafeTable } from './naming.js';
import { scanTable } from './tables.js';
import type { DataTable, ExportFormat, TableField } from './types.js';
import type { DbValue } from './values.js';

export const EXPORT_BATCH = 10_000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

/** Text of a stored value for CSV / XML. */
function text(field: TableField, v: DbValue): string {
  if (v === null) return '';
  if (field.type === 'boolean') return v === 1 ? 'true' : 'false';
  return typeof v === 'number' ? String(v) : v;
}

async function* csvChunks(db: Database, adapter: DialectAdapter, table: DataTable, bom: boolean, header: string[]): AsyncGenerator<string | Buffer> {
  const { fields } = table;
  const textual = fields.map((f) => f.type === 'string');
  const { csvCopy, csvBatch } = adapter.datastore;
  const columns = fields.map((f) => ({ column: f.column, type: f.type, plain: f.plainText === true }));
  // Lines end in LF on every engine, as PostgreSQL's COPY writes them (Excel, WPS and every
  // CSV reader take LF), so a download is the same bytes whichever database serves it.
  yield `${bom ? '\uFEFF' : ''}${header.map((h) => csvCell(neutralizeFormula(h))).join(',')}\n`;
  if (csvCopy && fields.length > 0) {
    yield* csvCopy(db, table.tableName, columns, { rowsInOrder: table.rowsInOrder === true });
    return;
  }
  if (csvBatch && fields.length > 0) {
    // The engine writes the lines: one string per batch instead of one per cell.
    for (let after = 0; ;) {
      const batch = await csvBatch(db, table.tableName, columns, after, EXPORT_BATCH);
      if (!batch) return;
      after = batch.lastId;
      yield batch.lines;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  for await (const rows of scanTable(db, adapter, table, EXPORT_BATCH)) {
    let out = '';
    for (const row of rows) {
      for (let i = 0; i < fields.length; i++) {
        const v = row[i]!;
        const t = textual[i] ? (v === null ? '' : csvCell(neutralizeFormula(v as string))) : text(fields[i]!, v);
        out += i ? `,${t}` : t;
      }
      out += '\n';
    }
    yield out;
  }
}

function jsonValue(field: TableField, v: DbValue): string {
  if (v === null) return 'null';
  if (field.type === 'boolean') return v === 1 ? 'true' : 'false';
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

async function* jsonChunks(db: Database, adapter: DialectAdapter, table: DataTable): AsyncGenerator<string> {
  const keys = table.fields.map((f) => `${JSON.stringify(f.name)}:`);
  let first = true;
  yield '[';
  for await (const rows of scanTable(db, adapter, table, EXPORT_BATCH)) {
    let out = '';
    for (const row of rows) {
      out += first ? '\n{' : ',\n{';
      first = false;
      for (let i = 0; i < keys.length; i++) out += `${i ? ',' : ''}${keys[i]}${jsonValue(table.fields[i]!, row[i]!)}`;
      out += '}';
    }
    yield out;
  }
  yield '\n]\n';
}

// Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/FFFF).
// eslint-disable-next-line no-control-regex -- the control characters are what it removes
const XML_INVALID = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(s: string): string {
  return s.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

async function* xmlChunks(db: Database, adapter: DialectAdapter, table: DataTable): AsyncGenerator<string> {
  const open = table.fields.map((f) => `<field name="${xmlText(f.name)}"`);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<records>\n';
  for await (const rows of scanTable(db, adapter, table, EXPORT_BATCH)) {
    let out = '';
    for (const row of rows) {
      out += '<record>';
      for (let i = 0; i < open.length; i++) {
        const v = row[i]!;
        out += v === null ? `${open[i]}/>` : `${open[i]}>${xmlText(text(table.fields[i]!, v))}</field>`;
      }
      out += '</record>\n';
    }
    yield out;
  }
  yield '</records>\n';
}

function xlsxStream(db: Database, adapter: DialectAdapter, table: DataTable, header: string[]): NodeJS.ReadableStream {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const fields = table.fields;
  (async () => {
    const { default: ExcelJS } = await import('exceljs'); // ~20 MB: loaded when a workbook is asked for
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(header.map(neutralizeFormula)).commit();
    for await (const rows of scanTable(db, adapter, table, 2000)) {
      for (const row of rows) {
        sheet.addRow(fields.map((f, i) => {
          const v = row[i]!;
          if (v === null) return null;
          if (f.type === 'boolean') return v === 1;
          return typeof v === 'number' ? v : neutralizeFormula(v);
        })).commit();
      }
      // Wait for the reader before producing more: the zip writer does not push back by itself.
      while (out.readableLength > out.readableHighWaterMark || out.writableNeedDrain) {
        if (out.destroyed) return;
        await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

/**
 * `titles`: the header row of a CSV or a workbook, one per field, for people reading the file
 * (the 数据项's Chinese names); the field names otherwise, as the API and JSON / XML use them.
 */
export function exportTable(
  db: Database, adapter: DialectAdapter, table: DataTable, format: ExportFormat, opts: { bom?: boolean; titles?: string[] } = {},
): { stream: NodeJS.ReadableStream; contentType: string; extension: string } {
  assertSafeTable(table);
  const header = opts.titles ?? table.fields.map((f) => f.name);
  let stream: NodeJS.ReadableStream;
  switch (format) {
    case 'csv': stream = Readable.from(csvChunks(db, adapter, table, opts.bom ?? false, header), { objectMode: false }); break;
    case 'json': stream = Readable.from(jsonChunks(db, adapter, table), { objectMode: false }); break;
    case 'xml': stream = Readable.from(xmlChunks(db, adapter, table), { objectMode: false }); break;
    case 'xlsx': stream = xlsxStream(db, adapter, table, header); break;
  }
  return { stream, contentType: CONTENT_TYPES[format], extension: format };
}
