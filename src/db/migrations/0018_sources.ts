import type { Kysely } from 'kysely';

/**
 * 数据汇聚: sources a resource's data is fetched from on a schedule (a URL, or a query on the
 * provider's PostgreSQL or MySQL database), and the history of their runs. Credentials are kept
 * sealed with the platform key; the rest is what the console shows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // A URL source's address, or a database's as postgres://user@host:port/db — never a password.
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('query', 'text')
    .addColumn('format', 'text')
    .addColumn('json_path', 'text')
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('key_field', 'text')
    .addColumn('cursor_field', 'text')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_run_at', 'text')
    // Of the last good run: the hash of what it fetched, and the cursor's greatest value so far.
    .addColumn('content_hash', 'text')
    .addColumn('high_water', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sources_resource').on('sources').columns(['resource_id']).execute();
  await db.schema.createIndex('sources_due').on('sources').columns(['paused', 'next_run_at']).execute();

  await db.schema.createTable('source_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    // One run per job: two requests answered with the same queued job record one run between them.
    .addColumn('job_id', 'text', (c) => c.notNull().unique())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer')
    .addColumn('rows', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('source_runs_source').on('source_runs').columns(['source_id', 'created_at']).execute();
}
