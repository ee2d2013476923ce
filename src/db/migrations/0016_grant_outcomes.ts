import type { Kysely } from 'kysely';

/**
 * 五.4: what a grantee reports back on a grant — the outcomes they built with the data, due
 * within three months of the grant's start, and the business data those outcomes produced
 * (回传), which the data's department reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('grant_returns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grants.id'))
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grant_returns_grant').on('grant_returns').columns(['grant_id']).execute();

  await db.schema.createTable('grant_outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grants.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    // A document of the outcome, among the files returned on the grant.
    .addColumn('file_id', 'text', (c) => c.references('grant_returns.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grant_outcomes_grant').on('grant_outcomes').columns(['grant_id']).execute();
}
