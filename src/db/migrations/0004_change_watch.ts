import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** What lets each process know when facts it cached have changed elsewhere (db/change-watch.ts). */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await adapter.installChangeWatch(db);
}
