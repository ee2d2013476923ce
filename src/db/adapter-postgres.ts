import { sql } from 'kysely';
import type pg from 'pg';
import type { DialectAdapter } from './adapter.js';
import { postgresJobClaim } from './job-claim-postgres.js';
import { postgresCatalogSearch } from './search-postgres.js';
import { postgresDatastore } from './datastore-postgres.js';
import { installChangeTriggers, postgresChangeWatch } from './change-watch-postgres.js';

const AUDIT_CHAIN_LOCK = 0x5348_4b41; // "SHKA"
/** The first half of every lockKey lock's two-part id (the other is the key's hash): apart from the audit chain's one-part id. */
const KEY_LOCKS = 0x5348_4b4b; // "SHKK"

export function createPostgresAdapter(pool: pg.Pool, connectionString: string): DialectAdapter {
  return {
    engine: 'postgres',
    async lockAuditChain(trx) {
      await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
    },
    async lockAccount(db, userId, mode) {
      await (mode === 'shared'
        ? sql`select 1 from users where id = ${userId} for key share`
        : sql`select 1 from users where id = ${userId} for update`).execute(db);
    },
    async lockKey(db, key) {
      await sql`select pg_advisory_xact_lock(${KEY_LOCKS}, hashtext(${key}))`.execute(db);
    },
    datastore: postgresDatastore(pool),
    catalogSearch: postgresCatalogSearch,
    jobClaim: postgresJobClaim,
    changes: postgresChangeWatch(connectionString),
    installChangeWatch: installChangeTriggers,
  };
}
