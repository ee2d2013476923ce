import { sql, type Kysely } from 'kysely';

/**
 * What the write path needs to be safe to race: sign-in guesses counted in one atomic row per
 * account or address (the old per-failure rows were counted, then written, so parallel guesses
 * all passed the count); API key scopes; one open verification request per account, said by the
 * database; and a version counter on catalog entries for guarded updates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('guesses', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.dropTable('login_failures').execute();

  await db.schema.alterTable('api_keys').addColumn('scope', 'text', (c) => c.notNull().defaultTo('read')).execute();
  await db.schema.alterTable('api_keys').addColumn('ends_with_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Requests that raced in before this index existed: the newest stays open, the rest are closed.
  await sql`
    update verification_requests set status = 'rejected', reason = '重复提交，已按最新一次申请处理'
    where status = 'pending' and exists (
      select 1 from verification_requests newer
      where newer.user_id = verification_requests.user_id and newer.status = 'pending'
        and (newer.created_at > verification_requests.created_at
          or (newer.created_at = verification_requests.created_at and newer.id > verification_requests.id)))
  `.execute(db);
  await db.schema.createIndex('verification_requests_one_open').on('verification_requests').column('user_id').unique()
    .where(sql<boolean>`status = 'pending'`).execute();

  await db.schema.alterTable('catalog_entries').addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
