/**
 * 抽样数据集 (rule 二.2): a restricted resource's sample, with every sensitive 数据项 masked
 * (domain/masking.ts). The rows are the ones its keepers chose, or a random sample seeded by the
 * resource and its data version, so everyone asking of one version gets the same rows.
 */
import type { Database } from '../../db/adapter.js';
import { csvCell, neutralizeFormula, sampleRows, type DataTable, type TableField } from '../../datastore/index.js';
import type { DataItem, FieldType } from '../../domain/catalog.js';
import { maskValue } from '../../domain/masking.js';

export const DEFAULT_SAMPLE_SIZE = 100;
export const MAX_SAMPLE_SIZE = 1000;

/** How a resource's sample is drawn: `rowIds` chosen by its keepers, or `size` rows at random. */
export interface SampleSettings {
  size: number;
  rowIds: number[] | null;
}

export interface SampleColumn {
  name: string;
  /** The 数据项's 中文名称, or the name where none is declared. */
  title: string;
  type: FieldType;
  masked: boolean;
}

export type SampleValue = string | number | boolean | null;

export interface Sample {
  version: number;
  /** Rows of the whole version, for scale. */
  rowCount: number;
  selection: 'random' | 'chosen';
  columns: SampleColumn[];
  rows: SampleValue[][];
}

/**
 * Each stored field as the sample shows it: masked when its 数据项 is sensitive, and when the
 * catalog does not declare it at all (nobody has said it is safe to show).
 */
function columnsOf(fields: TableField[], declared: readonly DataItem[]): SampleColumn[] {
  const byName = new Map(declared.map((d) => [d.name, d]));
  return fields.map((f) => {
    const item = byName.get(f.name);
    return { name: f.name, title: item?.title.trim() || f.name, type: f.type, masked: !item || item.sensitive };
  });
}

export async function readSample(
  db: Database, table: DataTable & { version: number }, declared: readonly DataItem[], settings: SampleSettings, resourceId: string,
): Promise<Sample> {
  const choice = settings.rowIds ? { rowIds: settings.rowIds } : { size: settings.size, seed: `${resourceId}:${table.version}` };
  const rows = await sampleRows(db, table, choice);
  const columns = columnsOf(table.fields, declared);
  return {
    version: table.version,
    rowCount: table.rowCount,
    selection: settings.rowIds ? 'chosen' : 'random',
    columns,
    rows: rows.map(({ values }) => values.map((v, i) => {
      const column = columns[i]!;
      const value: SampleValue = column.type === 'boolean' && v !== null ? v === 1 : v;
      return column.masked ? maskValue(value, column) : value;
    })),
  };
}

/** UTF-8 with a BOM, so Excel and WPS open it as the Chinese text it is; headed with names or 中文名称. */
export function sampleCsv(sample: Sample, header: 'name' | 'title'): string {
  const cell = (v: SampleValue) => (v === null ? '' : typeof v === 'string' ? csvCell(neutralizeFormula(v)) : String(v));
  const lines = [sample.columns.map((c) => csvCell(neutralizeFormula(header === 'title' ? c.title : c.name))).join(',')];
  for (const row of sample.rows) lines.push(row.map(cell).join(','));
  return `\uFEFF${lines.join('\n')}\n`;
}

/** The sample as the API answers it: the columns (which are masked) and the records by field name. */
export function sampleJson(sample: Sample, resourceId: string) {
  return {
    resourceId,
    version: sample.version,
    rowCount: sample.rowCount,
    size: sample.rows.length,
    selection: sample.selection,
    fields: sample.columns,
    // fromEntries: a field named "__proto__" stays a plain property.
    records: sample.rows.map((row) => Object.fromEntries(sample.columns.map((c, i) => [c.name, row[i]]))),
  };
}
