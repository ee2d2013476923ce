import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Which engine the suites run on: `npm test` uses SQLite, `npm run test:pg` PostgreSQL. */
export const TEST_ENGINE = process.env.SHUKAI_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

const PG_SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  dataDir: string;
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/** A database seeded once per run (test/support/global-setup.ts), which test databases start as copies of. */
export interface SeededTemplate {
  dataDir: string;
  /** The PostgreSQL database to copy; absent on SQLite, whose file lives in dataDir. */
  databaseName?: string | undefined;
}

/**
 * A fresh database for one test file: a new SQLite file in a temporary folder, or a new
 * PostgreSQL database created on the server at DATABASE_URL and dropped afterwards. Empty, or
 * a copy of the seeded template (its data folder and database), which saves every file the seed.
 */
export async function createTestDatabase(template?: SeededTemplate): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shukai-test-'));
  if (template) cpSync(template.dataDir, dataDir, { recursive: true });
  if (TEST_ENGINE === 'sqlite') {
    return { dataDir, databaseUrl: undefined, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `shukai_test_${randomBytes(6).toString('hex')}`;
  // Collated as a Chinese deployment would make it (ICU zh-CN), so nothing may lean on byte order by accident;
  // a copy of the template inherits its collation.
  await withServer((c) => c.query(template?.databaseName
    ? `create database ${name} template ${template.databaseName}`
    : `create database ${name} template template0 locale_provider icu icu_locale 'zh-CN' locale 'C.UTF-8'`));
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.href,
    drop: async () => {
      await withServer((c) => c.query(`drop database if exists ${name} with (force)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withServer(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: PG_SERVER_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
