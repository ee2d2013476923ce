import type { Kysely } from 'kysely';

/**
 * Whether a version's data table holds its rows in row-id order, as every load now writes
 * them: a download then reads the table straight through instead of walking the row-id index.
 * Versions written before are not known to be, and are read by the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('resource_versions')
    .addColumn('rows_in_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
