/**
 * The query baseline: a bare node:http server that runs the same SQL as the records API
 * (one statement: the page with its capped count as a subquery) with the same driver, and
 * answers with JSON.stringify. No framework, no authentication, no validation: the floor our
 * API is measured against.
 * Env: BASELINE_TABLE, BASELINE_FIELDS (JSON [{name, column}]), DATA_DIR or DATABASE_URL, PORT.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { QUERY_VARIANTS, type Range } from './query-variants.js';

const table = process.env.BASELINE_TABLE!;
const fields = JSON.parse(process.env.BASELINE_FIELDS!) as { name: string; column: string }[];
const col = (name: string) => `"${fields.find((f) => f.name === name)!.column}"`;
const list = ['"_id"', ...fields.map((f) => `"${f.column}"`)].join(', ');

/** Each variant's SQL, written out as the records API compiles it (the count's parameters come first). */
const statements = QUERY_VARIANTS.map((v) => ({
  sql: `select ${list}, (select count(*) as n from (select 1 as one from "${table}" where ${v.where(col)} limit 10001) capped) as capped_total `
    + `from "${table}" where ${v.where(col)} order by ${v.order(col)} limit ${v.limit + 1} offset 0`,
  params: (r: Range) => [...v.params(r), ...v.params(r)],
  range: v.range,
  limit: v.limit,
}));

const toRecord = (row: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f.name, row[f.column]]));
const answer = (rows: Record<string, unknown>[], limit: number) => ({ total: Number(rows[0]?.capped_total ?? 0), records: rows.slice(0, limit).map(toRecord) });

type Run = (i: number, r: Range) => Promise<{ total: number; records: unknown[] }>;
let run: Run;
if (process.env.DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const pgText = (s: string) => { let n = 0; return s.replace(/\?/g, () => `$${++n}`); };
  const compiled = statements.map((s) => ({ ...s, sql: pgText(s.sql) }));
  run = async (i, r) => {
    const s = compiled[i]!;
    return answer((await pool.query(s.sql, s.params(r))).rows, s.limit);
  };
} else {
  const db = new SQLite(join(process.env.DATA_DIR!, 'shukai.db'), { readonly: true });
  const prepared = statements.map((s) => ({ ...s, statement: db.prepare(s.sql) }));
  run = async (i, r) => {
    const s = prepared[i]!;
    return answer(s.statement.all(...s.params(r)) as Record<string, unknown>[], s.limit);
  };
}

createServer(async (req, res) => {
  if (req.url === '/health') return res.end('ok');
  const query = new URL(req.url!, 'http://x').searchParams;
  const i = Number(query.get('variant') ?? 0);
  const range = { from: query.get('from') ?? statements[i]!.range.from, to: query.get('to') ?? statements[i]!.range.to };
  const body = JSON.stringify(await run(i, range));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
