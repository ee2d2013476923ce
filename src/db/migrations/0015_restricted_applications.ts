import type { Kysely } from 'kysely';

/**
 * 受限开放 (rules 二.2, 二.3, 五.4, 六.(五)): applications for restricted data — what is asked for,
 * why, for how long, how it is kept safe, and the agreement signed on it (its state and timeline
 * are the workflow engine's case) — and the grants a filed agreement opens: who reads which data
 * items of which entry until when, their use, and their suspension or revocation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entries.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    // JSON list of the requested data items' names.
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('expected_outcome', 'text', (c) => c.notNull())
    // JSON { storage, processing, protection, capabilities: [codes] }.
    .addColumn('capability', 'text', (c) => c.notNull())
    // JSON list of files chosen while drafting, sent with the submission.
    .addColumn('draft_attachment_ids', 'text', (c) => c.notNull())
    .addColumn('pledge_version', 'integer')
    .addColumn('agreement_version', 'integer')
    .addColumn('agreement_blob_key', 'text')
    .addColumn('agreement_sm3', 'text')
    .addColumn('applicant_signed_at', 'text')
    .addColumn('department_confirmed_at', 'text')
    .addColumn('department_confirmed_by', 'text', (c) => c.references('users.id'))
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('applications_applicant').on('applications').columns(['applicant_id', 'created_at']).execute();
  await db.schema.createIndex('applications_entry').on('applications').columns(['entry_id']).execute();

  await db.schema.createTable('grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().unique().references('applications.id'))
    .addColumn('grantee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entries.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('suspended_at', 'text')
    .addColumn('suspended_reason', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('revoked_reason', 'text')
    .addColumn('calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_used_at', 'text')
    // 五.4: an outcome registered within 3 months of the start; the reminder a month before, and the overdue notice.
    .addColumn('outcome_due_on', 'text', (c) => c.notNull())
    .addColumn('outcome_reminded_at', 'text')
    .addColumn('outcome_overdue_noticed_at', 'text')
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grants_grantee_entry').on('grants').columns(['grantee_id', 'entry_id']).execute();
  await db.schema.createIndex('grants_department').on('grants').columns(['department_id', 'created_at']).execute();
}
