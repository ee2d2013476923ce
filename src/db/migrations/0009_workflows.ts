import { sql, type Kysely } from 'kysely';

/**
 * The one workflow engine's store: a case per piece of work between people (its state, whose
 * department it is with, the open step's due date) and its steps (who, when, what, why), which
 * are its timeline. And 我要咨询, the first workflow built on it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('workflow_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('applicant_id', 'text', (c) => c.references('users.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('reminded_for', 'text')
    .addColumn('overdue_noticed_for', 'text')
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  // One open case per thing: a second submission racing the first finds it, never a twin.
  await db.schema.createIndex('workflow_cases_one_open').on('workflow_cases').columns(['kind', 'subject_id']).unique()
    .where(sql<boolean>`closed_at is null`).execute();
  await db.schema.createIndex('workflow_cases_subject').on('workflow_cases').columns(['subject_id', 'opened_at']).execute();
  await db.schema.createIndex('workflow_cases_open_due').on('workflow_cases').columns(['closed_at', 'due_on']).execute();

  await db.schema.createTable('workflow_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('workflow_cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('department_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('comment', 'text')
    .addColumn('attachments', 'text')
    .addColumn('due_on', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('workflow_steps_case_seq', ['case_id', 'seq'])
    .execute();

  // Work already waiting when the engine arrives becomes its cases: pending real-name requests
  // with the authority, entries submitted under the one-step review with the authority too.
  // Their due dates are unknown here (no calendar in a migration): they show none.
  await sql`
    insert into workflow_cases (id, kind, subject_id, title, state, applicant_id, department_id, received_on, opened_at, updated_at)
    select 'migrated-' || id, 'verification', id, '实名认证', 'pending', user_id, null, substr(created_at, 1, 10), created_at, created_at
    from verification_requests where status = 'pending'
  `.execute(db);
  await sql`
    insert into workflow_cases (id, kind, subject_id, title, state, applicant_id, department_id, received_on, opened_at, updated_at)
    select 'migrated-' || id, 'catalog_publication', id, title, 'authority_review', submitted_by, department_id,
      substr(submitted_at, 1, 10), submitted_at, submitted_at
    from catalog_entries where submitted_at is not null and status in ('submitted', 'published')
  `.execute(db);
  await sql`
    insert into workflow_steps (id, case_id, seq, transition, from_state, to_state, actor_id, at)
    select 'migrated-' || id, id, 1, 'open', null, state, applicant_id, opened_at from workflow_cases
  `.execute(db);

  await db.schema.createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asker_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.references('catalog_entries.id'))
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_by', 'text', (c) => c.references('users.id'))
    .addColumn('replied_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultations_asker').on('consultations').columns(['asker_id', 'created_at']).execute();
  await db.schema.createIndex('consultations_entry').on('consultations').columns(['entry_id', 'replied_at']).execute();
}
