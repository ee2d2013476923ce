import type { Kysely } from 'kysely';

/**
 * The next-update-due notices to providers: for each published entry, the due date whose
 * reminder and whose overdue notice were given, so a daily task gives each once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('catalog_entries').addColumn('update_reminded_for', 'text').execute();
  await db.schema.alterTable('catalog_entries').addColumn('update_overdue_noticed_for', 'text').execute();
}
