import { sql, type Kysely } from 'kysely';

/**
 * Email addresses are kept in lower case from now on (identity.ts, normalizeEmail), so that one
 * mailbox is one sign-in name. Stored ones are lowered too, except where two accounts already
 * hold the same address in different cases: those stay as they are for an administrator to
 * settle, rather than one account losing its address unseen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update users set email = lower(email)
    where email is not null and email <> lower(email)
      and not exists (select 1 from users other where other.id <> users.id and lower(other.email) = lower(users.email))`.execute(db);
}
