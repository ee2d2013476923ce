/**
 * What the datastore needs from the engine: column types, a fast bulk load, batched reads
 * in row-id order, the list of data tables and a cheap row-count estimate. Owned by the
 * datastore (src/datastore); the SQL it builds from identifiers that module checked.
 */
import type { CompiledQuery } from 'kysely';
import type { Database } from './adapter.js';

export type DataColumnType = 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean';
/** A value as stored: booleans are 0/1, dates ISO text. */
export type DataCell = string | number | null;

export interface BulkLoadSpec {
  table: string;
  /** Columns in row order; the first is the row id. */
  columns: string[];
  /**
   * Upsert: the key column (a unique index on it exists). A row whose key is present
   * replaces that row's other columns (keeping its row id); within a load, later rows win.
   */
  upsertKey?: string;
}

export interface BulkLoader {
  /** Loads rows; resolves when the engine is ready for more (backpressure). */
  write(rows: DataCell[][]): Promise<void>;
  /** Completes the load. */
  finish(): Promise<void>;
  /** Abandons the load; the caller drops the table. */
  abort(): Promise<void>;
}

export interface DatastoreDialect {
  /** SQL column type for a field type. */
  columnType(type: DataColumnType): string;
  /** Column type of the internal row id (on SQLite the rowid alias, `integer`). */
  rowIdType: string;
  bulkLoad(db: Database, spec: BulkLoadSpec): Promise<BulkLoader>;
  /**
   * Up to `limit` rows with row id above `afterId`, in row-id order, as arrays: the row id,
   * then `columns`. Integers may come back as strings (PostgreSQL bigint).
   */
  readBatch(db: Database, table: string, columns: string[], afterId: number, limit: number): Promise<unknown[][]>;
  /** Names of the tables whose names start with `prefix`. */
  listTables(db: Database, prefix: string): Promise<string[]>;
  /** The planner's estimate of the rows a query returns; null where the engine has none. */
  estimateRows(db: Database, query: CompiledQuery): Promise<number | null>;
  /**
   * Collation of text data columns: byte order, the order SQLite's BINARY gives, so a sort
   * answers the same on both engines (and ISO dates as text sort by date). On PostgreSQL it is
   * also what makes building and walking their indexes cheap.
   */
  textCollation: string;
  /**
   * What an index column needs so NULLs come first, as the query API orders them (SQLite
   * already does; PostgreSQL's b-tree puts them last unless told).
   */
  indexNullsFirst: string;
  /** Refreshes planner statistics after a load. */
  analyze(db: Database, table: string): Promise<void>;
  /**
   * After an upsert: stores the rows in row-id order again, as every load leaves them
   * (DataTable.rowsInOrder). Nothing to do where rows are kept in row-id order anyway.
   */
  restoreRowOrder(db: Database, table: string): Promise<void>;
  /**
   * Optional: a batch of CSV lines (LF-terminated, UTF-8) built by the engine itself, for engines
   * where handing every cell to JS is the bottleneck. Same quoting and formula rules as the
   * datastore's own CSV writer; null when no rows are left.
   */
  csvBatch?(db: Database, table: string, columns: CsvColumn[], afterId: number, limit: number): Promise<{ lines: Buffer; lastId: number } | null>;
  /**
   * Optional, preferred over csvBatch: the whole table as CSV lines (LF-terminated, the
   * engine's own quoting; formulas neutralised) in row-id order, streamed by the engine.
   * `rowsInOrder`: the table stores its rows in that order, so it can be read straight through.
   */
  csvCopy?(db: Database, table: string, columns: CsvColumn[], opts: { rowsInOrder: boolean }): AsyncIterable<Buffer>;
}

/** A column as a CSV download writes it; `plain`: no cell needs quoting or a formula guard. */
export interface CsvColumn { column: string; type: DataColumnType; plain: boolean }

/** "name" — only ever called with identifiers the datastore generated and checked. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier ${name}`);
  return `"${name}"`;
}
