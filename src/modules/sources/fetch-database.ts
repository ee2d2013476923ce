/**
 * A database source's query into the blob store as CSV, in constant memory: connected to the
 * address the allowlist checked, inside a read-only transaction, under a statement timeout,
 * read in batches (a cursor on PostgreSQL, a row stream on MySQL/MariaDB) and cut off at a row
 * and a size limit. An incremental source reads only rows past its cursor's high-water mark.
 */
import { Readable } from 'node:stream';
import pg from 'pg';
import { AppError } from '../../domain/errors.js';
import { csvCell } from '../../datastore/csv-format.js';
import type { BlobStore } from '../blobs/store.js';
import type { FetchedFile, SourceLimits } from './fetch-url.js';
import { greater } from './cursor.js';
import type { SourceReach } from './reach.js';
import { parseConnection, portOf } from './settings.js';

export interface DatabaseQuery {
  kind: 'postgres' | 'mysql';
  connection: string;
  query: string;
  /** Incremental: the column, and the greatest value a good run already took (null: all rows). */
  cursor?: { field: string; after: string | null } | undefined;
}

export interface FetchedRows extends FetchedFile {
  rows: number;
  /** The greatest cursor value read, for the next run to start after. */
  highWater: string | null;
}

const BATCH = 1000;

/** One database session as the fetch needs it, whichever engine. */
interface Session {
  batches(sql: string): AsyncGenerator<{ fields: string[]; rows: unknown[][] }>;
  /** Quotes a value or a column name for this engine. */
  literal(value: string): string;
  name(column: string): string;
  close(): Promise<void>;
}

export async function fetchDatabaseSource(reach: SourceReach, blobs: BlobStore, limits: SourceLimits, source: DatabaseQuery): Promise<FetchedRows> {
  const url = parseConnection(source.kind, source.connection);
  const checked = await reach.address(url.hostname);
  let session: Session | undefined;
  try {
    session = await OPEN[source.kind](url, checked.address, portOf(source.kind, url), limits.timeoutMs);
    const cursor = source.cursor;
    // Wrapped as a subquery: a second statement cannot hide in it, and the cursor filter applies to any query.
    let sql = `select * from (${source.query}) as shukai_source`;
    if (cursor?.after != null) sql += ` where ${session.name(cursor.field)} > ${session.literal(cursor.after)}`;
    const state = { rows: 0, highWater: cursor?.after ?? null };
    // One deadline for the whole read, not only each statement: a cursor's every FETCH is a statement of its own.
    const deadline = { at: Date.now() + limits.timeoutMs, seconds: Math.ceil(limits.timeoutMs / 1000) };
    const lines = csvLines(session.batches(sql), limits.maxRows, cursor?.field, state, deadline);
    const { key } = await blobs.put(Readable.from(lines), limits.maxBytes, '.csv');
    return { blobKey: key, fileName: 'source.csv', rows: state.rows, highWater: state.highWater };
  } catch (err) {
    throw databaseError(err);
  } finally {
    await session?.close().catch(() => undefined);
  }
}

async function* csvLines(
  batches: AsyncGenerator<{ fields: string[]; rows: unknown[][] }>, maxRows: number, cursorField: string | undefined,
  state: { rows: number; highWater: string | null }, deadline: { at: number; seconds: number },
): AsyncGenerator<string> {
  let header = false;
  for await (const { fields, rows } of batches) {
    if (Date.now() > deadline.at) throw new AppError('SOURCE_QUERY_FAILED', 'query', `查询超时：${deadline.seconds} 秒内未读完结果`);
    if (!header) {
      header = true;
      yield line(fields);
      if (cursorField && !fields.includes(cursorField)) throw new AppError('SOURCE_QUERY_FAILED', 'cursorField', `查询结果中没有游标字段“${cursorField}”`);
    }
    const at = cursorField ? fields.indexOf(cursorField) : -1;
    state.rows += rows.length;
    if (state.rows > maxRows) throw new AppError('SOURCE_TOO_MANY_ROWS', undefined, `查询结果超过 ${maxRows} 行`);
    let text = '';
    for (const row of rows) {
      const cells = row.map(cellText);
      if (at >= 0 && cells[at] !== '' && (state.highWater === null || greater(cells[at]!, state.highWater))) state.highWater = cells[at]!;
      text += line(cells);
    }
    yield text;
  }
}

const line = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Dates and times as the database writes them: compared as text across runs, and passed back unchanged. */
const AS_TEXT = new Set([1082, 1083, 1114, 1184, 1266]);

async function openPostgres(url: URL, address: string, port: number, timeoutMs: number): Promise<Session> {
  const client = new pg.Client({
    host: address, port, user: decodeURIComponent(url.username), password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)), connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs,
    ssl: url.searchParams.get('sslmode') === 'require' ? { servername: url.hostname } : false,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (AS_TEXT.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  client.on('error', () => undefined);
  await client.connect();
  return {
    async* batches(sql) {
      await client.query('begin transaction read only');
      await client.query(`set local statement_timeout = ${Math.ceil(timeoutMs)}`);
      // The extended protocol takes one statement only: a second one hidden in the query is an error, not run.
      await client.query({ text: `declare shukai_rows no scroll cursor for ${sql}`, queryMode: 'extended' } as pg.QueryConfig);
      for (;;) {
        const result = await client.query({ text: `fetch ${BATCH} from shukai_rows`, rowMode: 'array' });
        yield { fields: result.fields.map((f) => f.name), rows: result.rows as unknown[][] };
        if (result.rows.length < BATCH) break;
      }
      await client.query('rollback');
    },
    literal: (value) => client.escapeLiteral(value),
    name: (column) => client.escapeIdentifier(column),
    close: () => client.end(),
  };
}

async function openMysql(url: URL, address: string, port: number, timeoutMs: number): Promise<Session> {
  // mysql2 (~16 MB resident) loads on the first MySQL source, not at every start.
  const { default: mysql } = await import('mysql2');
  const connection = mysql.createConnection({
    host: address, port, user: decodeURIComponent(url.username), password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)), connectTimeout: timeoutMs, dateStrings: true,
    supportBigNumbers: true, bigNumberStrings: true, multipleStatements: false,
  });
  connection.on('error', () => undefined);
  const run = (sql: string) => new Promise<unknown>((resolve, reject) => connection.query(sql, (err, result) => (err ? reject(err) : resolve(result))));
  await new Promise<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
  const [{ version }] = (await run('select version() as version')) as [{ version: string }];
  // MariaDB counts its statement limit in seconds, MySQL in milliseconds (and for SELECT only).
  await run(/mariadb/i.test(version) ? `set session max_statement_time = ${Math.ceil(timeoutMs / 1000)}` : `set session max_execution_time = ${Math.ceil(timeoutMs)}`);
  await run('start transaction read only');
  return {
    async* batches(sql) {
      // The client's own deadline too: a statement that answers no rows (or a server that stalls) never ends the stream.
      const query = connection.query({ sql, rowsAsArray: true, timeout: timeoutMs });
      let fields: string[] = [];
      query.on('fields', (list: { name: string }[]) => { fields = list.map((f) => f.name); });
      let rows: unknown[][] = [];
      for await (const row of query.stream({ highWaterMark: BATCH })) {
        rows.push(row as unknown[]);
        if (rows.length >= BATCH) { yield { fields, rows }; rows = []; }
      }
      yield { fields, rows };
    },
    literal: (value) => connection.escape(value),
    name: (column) => connection.escapeId(column),
    close: () => new Promise<void>((resolve) => connection.end(() => resolve())),
  };
}

/** The source's own engine (not the platform's), by the kind the provider registered. */
const OPEN = { postgres: openPostgres, mysql: openMysql } as const;

/** A driver's failure as a stable code the provider can act on, with the database's own words. */
function databaseError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; errno?: number; message?: string };
  const message = e.message ?? String(err);
  if (e.code === '28P01' || e.code === '28000' || e.code === 'ER_ACCESS_DENIED_ERROR' || e.code === 'ER_DBACCESS_DENIED_ERROR') {
    return new AppError('SOURCE_LOGIN_FAILED', 'connection', message);
  }
  if (e.code === '57014' || e.code === 'ER_STATEMENT_TIMEOUT' || e.errno === 1969 || e.errno === 3024 || /timeout/i.test(message)) {
    return new AppError('SOURCE_QUERY_FAILED', 'query', `查询超时：${message}`);
  }
  if (e.code && /^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EPIPE)$/.test(e.code)) {
    return new AppError('SOURCE_UNREACHABLE', 'connection', message);
  }
  return new AppError('SOURCE_QUERY_FAILED', 'query', message);
}
