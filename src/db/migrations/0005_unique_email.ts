import { sql, type Kysely } from 'kysely';

/**
 * An email is a sign-in name, so it belongs to one account: the database says so too, since
 * two registrations at the same moment both pass the service's own check.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('users_email_unique').on('users').column('email').unique().where(sql.ref('email'), 'is not', null).execute();
  await db.schema.dropIndex('users_email').execute();
}
