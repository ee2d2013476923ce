import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * The few places where SQLite and PostgreSQL differ. Feature code asks the adapter;
 * it never tests which engine it runs on.
 */
export interface DialectAdapter {
  engine: Engine;
  /**
   * Serialises writers of the audit chain within a transaction. SQLite already runs one
   * writer at a time; PostgreSQL takes a transaction-scoped advisory lock, which also
   * holds across several API processes.
   */
  lockAuditChain(trx: Transaction<DB>): Promise<void>;
}

const AUDIT_CHAIN_LOCK = 0x5348_4b41; // "SHKA"

export const sqliteAdapter: DialectAdapter = {
  engine: 'sqlite',
  async lockAuditChain() {},
};

export const postgresAdapter: DialectAdapter = {
  engine: 'postgres',
  async lockAuditChain(trx) {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  },
};

export type Database = Kysely<DB>;
