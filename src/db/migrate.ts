import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './adapter.js';
import * as m0001 from './migrations/0001_foundation.js';

/** Migrations are listed here, in order, so bundling or renaming files cannot reorder them. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; safe to call at every start-up. */
export async function migrateToLatest(db: Database): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
