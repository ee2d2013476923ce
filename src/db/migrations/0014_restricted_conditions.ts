import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * 受限开放 before an application (rule 二.2): a restricted entry's structured conditions (JSON,
 * domain/restricted.ts), and each resource's sample data set settings (size; the rows its
 * keepers chose, or none for a random sample). Texts the authority versions — the data licence,
 * and now the 安全承诺书 — share one table keyed by kind; the licence's versions move there.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('catalog_entries').addColumn('restricted_conditions', 'text').execute();
  await db.schema.alterTable('resources').addColumn('sample_size', 'integer', (c) => c.notNull().defaultTo(100)).execute();
  await db.schema.alterTable('resources').addColumn('sample_row_ids', 'text').execute();

  await db.schema.createTable('versioned_texts')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('versioned_texts_pk', ['kind', 'version'])
    .execute();
  await sql`insert into versioned_texts (kind, version, title, text, created_by, created_at)
    select 'licence', version, title, text, created_by, created_at from licences`.execute(db);
  await db.schema.dropTable('licences').execute();
  // Whether a user accepted the current licence is remembered per process: a new version must reach them all.
  await adapter.installChangeWatch(db);
}
