import type { Kysely } from 'kysely';

/**
 * 数据更新查询: what a visitor could see of the catalog, change by change (modules/interop/
 * catalog-changes.ts). `seq` numbers the changes in the order their transactions committed:
 * each writer takes the next numbers from the single counter row, whose lock it holds until it
 * commits, so a reader's cursor never skips a change that commits late.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('catalog_changes')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    // What the subject looked like to a visitor after the change; null once withdrawn.
    .addColumn('fingerprint', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_changes_entry').on('catalog_changes').columns(['entry_id', 'seq']).execute();
  await db.schema.createIndex('catalog_changes_at').on('catalog_changes').columns(['at']).execute();

  await db.schema.createTable('catalog_change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('catalog_change_counter' as never).values({ id: 1, last_seq: 0 } as never).execute();
}
