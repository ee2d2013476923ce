import type SQLite from 'better-sqlite3';
import type { BulkLoader, CsvColumn, DataCell, DatastoreDialect } from './datastore-dialect.js';
import { quoteIdent } from './datastore-dialect.js';

/** The text of one CSV cell before quoting; text formulas neutralised with a leading '. */
function csvText(c: string, { type, plain }: CsvColumn): string {
  switch (type) {
    case 'string':
      return plain ? c : `(case when unicode(${c}) in (61, 43, 45, 64, 9, 13) then '''' || ${c} else ${c} end)`;
    case 'number':
      return `(case when ${c} = cast(${c} as integer) and abs(${c}) < 1e15 then cast(cast(${c} as integer) as text) else cast(${c} as text) end)`;
    case 'boolean':
      return `(case ${c} when 1 then 'true' when 0 then 'false' end)`;
    default:
      return `cast(${c} as text)`;
  }
}

/** RFC 4180 quoting of a text cell (NULL → empty). */
function csvQuoted(v: string, { type, plain }: CsvColumn): string {
  if (type !== 'string' || plain) return `coalesce(${v}, '')`;
  return `(case when ${v} is null then '' when ${v} glob '*[",' || char(10) || char(13) || ']*' then '"' || replace(${v}, '"', '""') || '"' else ${v} end)`;
}

/** Rows per INSERT statement: many rows per statement, within SQLite's 32766 parameters. */
function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(200, Math.floor(32_000 / columns)));
}

/**
 * SQLite: bulk load through the raw better-sqlite3 connection, a prepared multi-row INSERT,
 * one transaction per batch. Each batch holds Kysely's connection lock, so the app's own
 * queries and transactions interleave between batches instead of waiting for the whole load.
 */
export function sqliteDatastore(conn: SQLite.Database, _file: string): DatastoreDialect {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (text: string): SQLite.Statement => {
    let stmt = statements.get(text);
    if (!stmt) {
      if (statements.size > 64) statements.clear();
      stmt = conn.prepare(text);
      statements.set(text, stmt);
    }
    return stmt;
  };

  return {
    columnType: (type) => ({ string: 'text', integer: 'integer', number: 'real', date: 'text', datetime: 'text', boolean: 'integer' })[type],
    rowIdType: 'integer',

    async bulkLoad(db, spec): Promise<BulkLoader> {
      const cols = spec.columns.map(quoteIdent);
      const perStmt = rowsPerStatement(cols.length);
      const tuple = `(${cols.map(() => '?').join(',')})`;
      let conflict = '';
      if (spec.upsertKey) {
        const key = quoteIdent(spec.upsertKey);
        const set = cols.slice(1).filter((c) => c !== key).map((c) => `${c}=excluded.${c}`);
        conflict = ` on conflict(${key}) do ${set.length ? `update set ${set.join(',')}` : 'nothing'}`;
      }
      const sqlFor = (n: number) => `insert into ${quoteIdent(spec.table)} (${cols.join(',')}) values ${Array(n).fill(tuple).join(',')}${conflict}`;
      const many = conn.prepare(sqlFor(perStmt));
      const one = conn.prepare(sqlFor(1));
      const params: DataCell[] = new Array(perStmt * cols.length);
      const insert = conn.transaction((rows: DataCell[][]) => {
        let i = 0;
        for (; i + perStmt <= rows.length; i += perStmt) {
          let p = 0;
          for (let r = i; r < i + perStmt; r++) {
            const row = rows[r]!;
            for (let c = 0; c < row.length; c++) params[p++] = row[c]!;
          }
          many.run(params);
        }
        for (; i < rows.length; i++) one.run(rows[i]!);
      });
      return {
        async write(rows) {
          await db.connection().execute(async () => { insert(rows); });
          // Let the server answer other requests between batches.
          await new Promise((resolve) => setImmediate(resolve));
        },
        async finish() {},
        async abort() {},
      };
    },

    async readBatch(db, table, columns, afterId, limit) {
      const id = quoteIdent('_id');
      const text = `select ${[id, ...columns.map(quoteIdent)].join(',')} from ${quoteIdent(table)} where ${id} > ? order by ${id} limit ?`;
      return db.connection().execute(async () => prepare(text).raw(true).all(afterId, limit) as unknown[][]);
    },

    async listTables(db, prefix) {
      return db.connection().execute(async () => {
        const rows = prepare("select name from sqlite_master where type = 'table' and substr(name, 1, ?) = ? order by name").pluck().all(prefix.length, prefix);
        return rows as string[];
      });
    },

    async csvBatch(db, table, columns, afterId, limit) {
      const id = quoteIdent('_id');
      const texts = columns.map((c, i) => `${csvText(quoteIdent(c.column), c)} as v${i}`);
      const line = columns.map((c, i) => csvQuoted(`v${i}`, c)).join(" || ',' || ");
      // The rows arrive in row-id order from the inner query; group_concat keeps that order.
      // As a blob the UTF-8 comes back as a Buffer, never decoded into a JS string and re-encoded.
      const text = `select cast(group_concat(line || char(10), '') as blob) as lines, max(${id}) as last
        from (select ${id}, ${line} as line from (select ${id}, ${texts.join(', ')} from ${quoteIdent(table)} where ${id} > ? order by ${id} limit ?))`;
      const row = await db.connection().execute(async () => prepare(text).get(afterId, limit) as { lines: Buffer | null; last: number | null });
      return row.lines === null || row.last === null ? null : { lines: row.lines, lastId: row.last };
    },

    async estimateRows() {
      return null;
    },

    textCollation: '',
    indexNullsFirst: '',

    // Without statistics SQLite prefers an equality index and sorts half the table for a page;
    // a full ANALYZE of the new table (a sampled one misjudges low-cardinality fields) lets it
    // walk the sort index instead.
    async analyze(_db, table) {
      conn.exec(`PRAGMA analysis_limit = 0; ANALYZE ${quoteIdent(table)}`);
    },

    // The row id is the rowid: SQLite stores every table in its order.
    async restoreRowOrder() {},
  };
}
