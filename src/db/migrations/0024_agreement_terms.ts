import type { Kysely } from 'kysely';

/**
 * What the applicant signed, as filled into the agreement's template (the parties, the data,
 * the period…), kept at the signature: the department's confirmation renders the same text
 * even if a party or the entry has been renamed meanwhile.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('agreement_terms', 'text').execute();
}
