/**
 * The public shapes of the datastore: what the catalog/resources service hands in and gets back.
 */
import type { FieldType } from '../domain/catalog.js';

export type { FieldType };

/** A declared 数据项 as the ingest needs it. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  filterable?: boolean;
  /** Personal or otherwise sensitive: its statistics show how complete it is, never its values. */
  sensitive?: boolean;
}

/** A stored field; `column` is a generated SQL identifier (c1, c2, …), never the user's header. */
export interface TableField {
  name: string;
  column: string;
  type: FieldType;
  filterable: boolean;
  /**
   * A text field none of whose cells needs quoting or a formula guard in CSV (csv-format.ts):
   * a download writes its cells as stored. Unknown (absent) for fields loaded before it was kept.
   */
  plainText?: boolean;
}

export interface DataTable {
  tableName: string;
  fields: TableField[];
  rowCount: number;
  /** The rows are stored in row-id order, so reading the table straight through keeps it. */
  rowsInOrder?: boolean;
  /**
   * Names of the table's fields left out of `fields` for this reader (outside their grant): a
   * query naming one is refused as forbidden, not as an unknown field.
   */
  withheldFields?: readonly string[];
}

export interface FieldProfile {
  name: string;
  type: FieldType;
  nullCount: number;
  nullRatio: number;
  distinctCount: number;
  /** True once the column had more distinct values than are counted exactly (HyperLogLog estimate). */
  distinctEstimated: boolean;
  min?: string | number;
  max?: string | number;
  mean?: number;
  /** The 10 most frequent values (strings, booleans and low-cardinality columns). */
  topValues: { value: string; count: number }[];
  /** True when topValues counts are lower bounds (a high-cardinality column). */
  topValuesEstimated?: boolean;
  /** Numbers and dates: about 10 equal-width bins from min to max. */
  histogram?: { from: number | string; to: number | string; count: number }[];
  /** A sensitive 数据项: values, their spread and frequencies are withheld (distinctCount 0). */
  withheld?: boolean;
}

export type SourceFormat = 'csv' | 'tsv' | 'xlsx' | 'json';
export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'n/a';

export interface IngestProgress { bytesRead: number; totalBytes: number; rows: number }

export interface IngestRequest {
  resourceId: string;
  version: number;
  filePath: string;
  /** Used for the format only when the content does not decide it. */
  fileName: string;
  /** The catalog's 数据项; without them the types are inferred from the whole file. */
  declaredFields?: FieldSpec[];
  mode: 'replace' | 'append' | 'upsert';
  /** Field name of the upsert key (mode 'upsert'). */
  key?: string;
  /** The committed table that append / upsert start from. */
  previous?: DataTable;
  /** Strict: any rejected row fails the whole ingest (ROWS_REJECTED) and nothing is kept. */
  strict: boolean;
  /** Where the CSV of rejected rows is written (UTF-8 with BOM). */
  rejectsPath: string;
  onProgress?: (p: IngestProgress) => void;
  signal?: AbortSignal;
  /** Parse in a worker thread; by default files of 8 MiB and more are. */
  inWorker?: boolean;
}

export interface IngestResult extends DataTable {
  rejectedCount: number;
  /** SHA-256 (hex) of the source file. */
  checksum: string;
  format: SourceFormat;
  encoding: SourceEncoding;
  /** Header names exactly as found in the file. */
  sourceColumns: string[];
  profile: FieldProfile[];
}

export interface RecordQuery {
  /** JSON object: field → value | [values] | { gte, lte, gt, lt } | { like } | null. */
  filters?: string;
  /** Text searched (contains) in every string field. */
  q?: string;
  /** "field desc,field2" (ascending by default). */
  sort?: string;
  /** "a,b": the fields returned. */
  fields?: string;
  /** Default 100, at most 1000. */
  limit?: number;
  offset?: number;
  /** Opaque keyset cursor from a previous page's nextCursor (same sort). */
  cursor?: string;
  /**
   * The row number `_id` (stored order, stable for the version) as a field: first in the
   * fields and records when `fields` is not given, and usable in fields, sort and filters.
   */
  rowIds?: boolean;
  /** Distinct rows of the projected fields only (no cursor). */
  distinct?: boolean;
}

export interface RecordPage {
  total: number;
  totalEstimated?: boolean;
  fields: { name: string; type: FieldType }[];
  records: Record<string, unknown>[];
  nextCursor?: string;
}

export type ExportFormat = 'csv' | 'xlsx' | 'json' | 'xml';
