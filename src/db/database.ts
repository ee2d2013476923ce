import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DB } from './schema.js';
import type { DialectAdapter } from './adapter.js';
import { createPostgresAdapter } from './adapter-postgres.js';
import { createSqliteAdapter } from './adapter-sqlite.js';
import { UnitOfWork } from './unit-of-work.js';

export interface DatabaseHandle {
  /** Scoped to the running command's transaction when one is open (db/unit-of-work.ts). */
  db: Kysely<DB>;
  unitOfWork: UnitOfWork;
  adapter: DialectAdapter;
  close(): Promise<void>;
}

/** Opens PostgreSQL when a postgres:// URL is given, otherwise the SQLite file in dataDir. */
export function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): DatabaseHandle {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openSqlite(join(opts.dataDir, 'shukai.db'));
}

function openSqlite(file: string): DatabaseHandle {
  const conn = new SQLite(file);
  // WAL lets readers go on while an ingest writes; NORMAL sync is durable at each checkpoint
  // and survives a killed process (only power loss can drop the last transactions).
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  // Sorts big enough to spill (building a data table's indexes) may use a second core.
  conn.pragma('threads = 2');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: conn }) });
  const unitOfWork = new UnitOfWork(db);
  return { db: unitOfWork.scoped, unitOfWork, adapter: createSqliteAdapter(conn, file), close: () => db.destroy() };
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
  // The server closed an idle connection (restart, failover, an administrator): the pool has
  // already dropped it and the next query opens a new one. Unheard, the event would end the process.
  pool.on('error', (err) => console.warn(`PostgreSQL closed an idle connection: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const adapter = createPostgresAdapter(pool, url);
  const unitOfWork = new UnitOfWork(db);
  return { db: unitOfWork.scoped, unitOfWork, adapter, close: async () => { await adapter.changes.close(); await db.destroy(); } };
}
