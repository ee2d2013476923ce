import type SQLite from 'better-sqlite3';
import type { DialectAdapter } from './adapter.js';
import { sqliteJobClaim } from './job-claim-sqlite.js';
import { sqliteCatalogSearch } from './search-sqlite.js';
import { sqliteDatastore } from './datastore-sqlite.js';
import { sqliteChangeWatch } from './change-watch-sqlite.js';

export function createSqliteAdapter(conn: SQLite.Database, file: string): DialectAdapter {
  return {
    engine: 'sqlite',
    // One connection, one writer at a time: the chain is already serialised.
    async lockAuditChain() {},
    async lockKey() {},
    async lockAccount() {},
    datastore: sqliteDatastore(conn, file),
    catalogSearch: sqliteCatalogSearch,
    jobClaim: sqliteJobClaim,
    changes: sqliteChangeWatch(conn),
    // Nothing to install: the watch reads SQLite's own change counters.
    async installChangeWatch() {},
  };
}
