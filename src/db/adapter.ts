import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';
import type { CatalogSearchAdapter } from './catalog-search.js';
import type { ChangeWatch } from './change-watch.js';
import type { DatastoreDialect } from './datastore-dialect.js';
import type { JobClaim } from './job-claim.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * The few places where SQLite and PostgreSQL differ. Feature code asks the adapter;
 * it never tests which engine it runs on. Each capability is an interface in its own file
 * with one implementation per engine beside it.
 */
export interface DialectAdapter {
  engine: Engine;
  /**
   * Serialises writers of the audit chain within a transaction. SQLite already runs one
   * writer at a time; PostgreSQL takes a transaction-scoped advisory lock, which also
   * holds across several API processes.
   */
  lockAuditChain(trx: Transaction<DB>): Promise<void>;
  lockKey: KeyLock;
  lockAccount: AccountLock;
  /** Versioned data tables: column types, bulk load, streaming reads. */
  datastore: DatastoreDialect;
  /** Full-text search over the catalog. */
  catalogSearch: CatalogSearchAdapter;
  /** When facts cached in memory may have changed elsewhere. */
  changes: ChangeWatch;
  /** Handing the next due job to exactly one of several workers. */
  jobClaim: JobClaim;
  /** What the change watch needs in the schema (run by migration 0004). */
  installChangeWatch(db: Kysely<unknown>): Promise<void>;
}

export type Database = Kysely<DB>;

/**
 * Makes the transactions that name the same key wait for each other until they end: for a
 * check that counts before it writes (an account's API keys against their limit), which two
 * commands would otherwise both pass. SQLite already runs one writing command at a time;
 * PostgreSQL takes a transaction-scoped advisory lock, which holds across processes too.
 * `db` is the command's scoped database: outside a transaction the lock ends at once.
 */
export type KeyLock = (db: Database, key: string) => Promise<void>;

/**
 * Locks an account's row until the transaction ends: `shared` by each command acting as the
 * account, so that the roles it was authorised with hold until it commits; `exclusive` by a
 * change of the account's roles, department or status, which waits for those commands and
 * makes the next ones wait for it (and then see the change). The shared lock leaves the row
 * free for the account's own updates (PostgreSQL FOR KEY SHARE against FOR UPDATE), so two
 * commands of one account never deadlock on it. SQLite runs one writer at a time: no lock.
 */
export type AccountLock = (db: Database, userId: string, mode: 'shared' | 'exclusive') => Promise<void>;
