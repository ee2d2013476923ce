import type { Kysely } from 'kysely';

/**
 * Files that go with a workflow step (a scanned licence with an application, a report with a
 * review's sign-off). A file is uploaded first, held by its uploader alone, and becomes part of a
 * case when a step names it; from then on the case's participants read it. The steps' old
 * `attachments` column, never written, goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('workflow_cases.id'))
    .addColumn('step_id', 'text', (c) => c.references('workflow_steps.id'))
    .execute();
  await db.schema.createIndex('attachments_pending').on('attachments').columns(['uploaded_by', 'step_id']).execute();
  await db.schema.createIndex('attachments_case').on('attachments').columns(['case_id']).execute();
  await db.schema.alterTable('workflow_steps').dropColumn('attachments').execute();
}
