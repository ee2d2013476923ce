import { sql, type Kysely } from 'kysely';

/**
 * The scheduler's needs in the jobs table: a time before which a job is not run (a delayed job,
 * a retry after backoff) and a de-duplication key, unique among open jobs only, so a second
 * enqueue of the same work while the first is waiting or running finds the first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('run_at', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('dedupe_key', 'text').execute();
  // Jobs enqueued before this migration were due when they were enqueued.
  await sql`update jobs set run_at = created_at where run_at is null`.execute(db);
  await db.schema.createIndex('jobs_open_dedupe_key').on('jobs').column('dedupe_key').unique()
    .where(sql<boolean>`status in ('queued', 'running') and dedupe_key is not null`).execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
}
