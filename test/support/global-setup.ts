import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { seedIfEmpty } from '../../src/seed/seed.js';
import { createTestDatabase, type SeededTemplate } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    seededTemplate: SeededTemplate;
  }
}

/**
 * Seeds one database for the whole run — the calendar, departments, demo accounts, catalog and
 * data sets take seconds — which every test app that asks for the default seed starts as a copy of.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  const ctx = await createContext(loadConfig({ DATA_DIR: database.dataDir, ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) }));
  await seedIfEmpty(ctx);
  // A PostgreSQL template cannot be copied while anyone is connected to it.
  await ctx.close();
  const databaseName = database.databaseUrl ? new URL(database.databaseUrl).pathname.slice(1) : undefined;
  project.provide('seededTemplate', { dataDir: database.dataDir, databaseName });
  return () => database.drop();
}
