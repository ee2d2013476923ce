import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database, DialectAdapter } from './adapter.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_catalog.js';
import * as m0003 from './migrations/0003_catalog_search.js';
import * as m0004 from './migrations/0004_change_watch.js';
import * as m0005 from './migrations/0005_unique_email.js';
import * as m0006 from './migrations/0006_guarded_writes.js';
import * as m0009 from './migrations/0009_workflows.js';
import * as m0010 from './migrations/0010_scheduler.js';
import * as m0011 from './migrations/0011_notifications.js';
import * as m0012 from './migrations/0012_update_due_notices.js';
import * as m0013 from './migrations/0013_step_attachments.js';
import * as m0014 from './migrations/0014_restricted_conditions.js';
import * as m0015 from './migrations/0015_restricted_applications.js';
import * as m0016 from './migrations/0016_grant_outcomes.js';
import * as m0017 from './migrations/0017_catalog_changes.js';
import * as m0018 from './migrations/0018_sources.js';
import * as m0019 from './migrations/0019_harvest.js';
import * as m0020 from './migrations/0020_catalog_search_keys.js';
import * as m0021 from './migrations/0021_rows_in_order.js';
import * as m0022 from './migrations/0022_catalog_search_common.js';
import * as m0023 from './migrations/0023_email_lower_case.js';
import * as m0024 from './migrations/0024_agreement_terms.js';

type Step = { up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> };

/** Migrations are listed here, in order, so bundling or renaming files cannot reorder them. */
const steps: Record<string, Step> = {
  '0001_foundation': m0001,
  '0002_catalog': m0002,
  '0003_catalog_search': m0003,
  '0004_change_watch': m0004,
  '0005_unique_email': m0005,
  '0006_guarded_writes': m0006,
  '0009_workflows': m0009,
  '0010_scheduler': m0010,
  '0011_notifications': m0011,
  '0012_update_due_notices': m0012,
  '0013_step_attachments': m0013,
  '0014_restricted_conditions': m0014,
  '0015_restricted_applications': m0015,
  '0016_grant_outcomes': m0016,
  '0017_catalog_changes': m0017,
  '0018_sources': m0018,
  '0019_harvest': m0019,
  '0020_catalog_search_keys': m0020,
  '0021_rows_in_order': m0021,
  '0022_catalog_search_common': m0022,
  '0023_email_lower_case': m0023,
  '0024_agreement_terms': m0024,
};

/** Brings the schema up to date; safe to call at every start-up. */
export async function migrateToLatest(db: Database, adapter: DialectAdapter): Promise<void> {
  const migrations = Object.fromEntries(Object.entries(steps).map(([name, step]): [string, Migration] => [name, { up: (d) => step.up(d, adapter) }]));
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
