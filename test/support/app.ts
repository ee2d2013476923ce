import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import type { Role } from '../../src/domain/roles.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/app-instance.js';
import { DEMO_PASSWORD, seedIfEmpty } from '../../src/seed/seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { startTestBucket } from './s3.js';

export interface TestApp {
  app: App;
  ctx: AppContext;
  database: TestDatabase;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real application on a fresh database of the engine under test, with the demo seed: a
 * copy of the run's seeded template, or, when the test configures the app (the settings may
 * change what the seed does or sends), seeded afresh.
 */
export async function startTestApp(extraEnv: Record<string, string> = {}): Promise<TestApp> {
  // SHUKAI_TEST_BLOBS=s3 runs a suite with its blobs in a bucket of its own (seeded afresh into it).
  const bucket = process.env.SHUKAI_TEST_BLOBS === 's3' ? await startTestBucket() : undefined;
  const database = await createTestDatabase(Object.keys(extraEnv).length === 0 && !bucket ? inject('seededTemplate') : undefined);
  const env: Record<string, string> = {
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...bucket?.env,
    ...extraEnv,
  };
  const ctx = await createContext(loadConfig(env));
  await seedIfEmpty(ctx);
  const app = await buildApp(ctx);
  return {
    app, ctx, database, env,
    close: async () => {
      await app.close();
      await ctx.close();
      await database.drop();
      await bucket?.close();
    },
  };
}

/** A signed-in client: it sends the session cookie, and the CSRF token on writes. */
export interface Client {
  userId: string;
  cookie: string;
  csrfToken: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}


export async function login(app: App, account: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account, password } });
  if (res.statusCode !== 200) throw new Error(`login ${account} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'shukai_session')!.value;
  const { user, csrfToken } = res.json();
  return {
    userId: user.id,
    cookie,
    csrfToken,
    request: (opts) => app.inject({
      ...opts,
      cookies: { shukai_session: cookie, ...(opts.cookies ?? {}) },
      headers: { 'x-csrf-token': csrfToken, ...(opts.headers ?? {}) },
    }),
  };
}

/** Demo accounts by what they are, so tests read as the rules do. */
export const DEMO = {
  admin: '13800000001',
  authorityReviewer: '13800000002',
  auditor: '13800000003',
  publisher: '13800000004',
  providerReviewer: '13800000005',
  verifiedUser: '13800000006',
  unverifiedUser: '13800000007',
} as const;

let phoneCounter = 0;
/** A fresh valid mobile number per call, unique within a run. */
export function newPhone(): string {
  phoneCounter++;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export const STRONG_PASSWORD = 'Hangzhou#2026x';

/** A new staff account with the given roles, made as the operator's CLI makes one; answers its phone. */
export async function createStaff(t: TestApp, roles: Role[], departmentId: string | null): Promise<{ id: string; phone: string }> {
  const phone = newPhone();
  const account = await t.ctx.accounts.prepare({ phone, password: STRONG_PASSWORD });
  const id = await t.ctx.database.unitOfWork.run(async () => {
    const created = await t.ctx.accounts.register(account);
    await t.ctx.users.update(created, { roles, departmentId });
    return created;
  });
  return { id, phone };
}

/** Registers a new data user and returns a signed-in client for it. */
export async function registerUser(app: App, extra: Record<string, string> = {}): Promise<Client & { phone: string }> {
  const phone = newPhone();
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone, password: STRONG_PASSWORD, ...extra } });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.body}`);
  return { ...(await login(app, phone, STRONG_PASSWORD)), phone };
}
