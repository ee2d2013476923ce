/**
 * Which stored fields a new version has and where each comes from: the file's header, the
 * declared 数据项 or the inferred types, and for append / upsert the previous version.
 */
import { AppError } from '../domain/errors.js';
import { CELL_CAP } from './csv-parser.js';
import type { DataTable, FieldSpec, FieldType, TableField } from './types.js';
import { columnName } from './naming.js';
import { widen } from './values.js';

export interface LoadPlan {
  fields: TableField[];
  /** For each field, the index of its source column, or -1 when the file lacks it. */
  sourceIndex: number[];
  /** For each field, the column of the previous table it is copied from (append / upsert). */
  previousColumn: (TableField | null)[];
  /** Index in `fields` of the upsert key, or -1. */
  keyIndex: number;
}

/**
 * The most columns a data table takes: well below both engines' own limits (SQLite 2,000,
 * PostgreSQL 1,600) and above any real published table.
 */
export const MAX_COLUMNS = 1000;

/**
 * Header names trimmed; an empty or repeated name, or more than MAX_COLUMNS of them, is a
 * malformed file. `found` is how many the file has (the parser keeps only so many).
 */
export function checkHeader(raw: string[], found = raw.length, tooLong = false): string[] {
  if (found > MAX_COLUMNS) throw new AppError('MALFORMED_FILE', 'file', `表头有 ${found} 列，超过上限 ${MAX_COLUMNS} 列`);
  // The parser drops a cell over its cap, which would otherwise read as an empty name.
  if (tooLong) throw new AppError('MALFORMED_FILE', 'file', `表头中有列名过长（超过 ${CELL_CAP / 1024} KiB）`);
  const names = raw.map((h) => h.trim());
  const empty = names.map((n, i) => (n === '' ? i + 1 : 0)).filter(Boolean);
  if (empty.length) throw new AppError('MALFORMED_FILE', 'file', `表头第 ${empty.join('、')} 列的列名为空`);
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  if (dup.size) throw new AppError('MALFORMED_FILE', 'file', `表头列名重复：${[...dup].join('、')}`);
  return names;
}

export function buildPlan(opts: {
  header: string[];
  declared?: FieldSpec[];
  inferred?: FieldType[];
  previous?: DataTable;
  key?: string;
}): LoadPlan {
  const { header, declared, previous } = opts;
  let specs: { name: string; type: FieldType; filterable: boolean }[];
  if (declared?.length) {
    specs = declared.map((d) => ({ name: d.name.trim(), type: d.type, filterable: d.filterable ?? false }));
    for (const s of specs) {
      const before = previous?.fields.find((f) => f.name === s.name);
      if (before && before.type !== s.type && widen(before.type, s.type) !== s.type) {
        throw new AppError('SCHEMA_MISMATCH', s.name, `数据项“${s.name}”上一版本为${before.type}，现声明为${s.type}`);
      }
    }
  } else {
    const inferred = header.map((name, i) => ({ name, type: opts.inferred?.[i] ?? 'string' as FieldType, filterable: false }));
    if (previous) {
      specs = previous.fields.map((f) => {
        const now = inferred.find((s) => s.name === f.name);
        return { name: f.name, type: now ? widen(f.type, now.type) : f.type, filterable: f.filterable };
      });
      for (const s of inferred) if (!specs.some((p) => p.name === s.name)) specs.push(s);
    } else specs = inferred;
  }
  const fields = specs.map((s, i): TableField => ({ name: s.name, column: columnName(i), type: s.type, filterable: s.filterable }));
  let keyIndex = -1;
  if (opts.key !== undefined) {
    keyIndex = fields.findIndex((f) => f.name === opts.key);
    if (keyIndex < 0) throw new AppError('UNKNOWN_FIELD', 'key', `主键“${opts.key}”不是数据项`);
    if (!header.includes(opts.key)) throw new AppError('MALFORMED_FILE', 'key', `文件中没有主键列“${opts.key}”`);
  }
  return {
    fields,
    sourceIndex: fields.map((f) => header.indexOf(f.name)),
    previousColumn: fields.map((f) => previous?.fields.find((p) => p.name === f.name) ?? null),
    keyIndex,
  };
}
