import type { Kysely } from 'kysely';

/**
 * 目录采集: catalogs the authority harvests from other portals (CKAN or DCAT endpoints), their
 * runs, and which local entry each remote dataset became — keyed by (source, remote id) with
 * the hash of what was imported, so a run changes only what changed at the source. A harvested
 * entry names its source and keeps the remote resources' links as its access information.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('harvest_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_run_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('harvest_sources_due').on('harvest_sources').columns(['status', 'next_run_at']).execute();

  await db.schema.createTable('harvest_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('harvest_sources.id'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('restored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('errors', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('harvest_runs_source').on('harvest_runs').columns(['source_id', 'started_at']).execute();

  await db.schema.createTable('harvest_records')
    .addColumn('source_id', 'text', (c) => c.notNull().references('harvest_sources.id'))
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull().unique().references('catalog_entries.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('harvest_records_pk', ['source_id', 'remote_id'])
    .execute();

  await db.schema.alterTable('catalog_entries').addColumn('harvest_source_id', 'text').execute();
  await db.schema.alterTable('catalog_entries').addColumn('harvest_links', 'text').execute();
}
