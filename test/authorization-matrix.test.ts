/**
 * Every route × every kind of actor: allowed actors get past the policy (no 401/403),
 * everyone else is refused (401 for visitors, 403 for accounts). A route that exists in the
 * app but not in this table fails the last test, so new routes cannot skip the matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';

const ACTORS = [
  'visitor', 'unverified_user', 'verified_user', 'provider_publisher', 'provider_reviewer',
  'authority_admin', 'authority_reviewer', 'security_auditor',
] as const;
type ActorKind = (typeof ACTORS)[number];

const ALL = ACTORS;
const SIGNED_IN = ACTORS.filter((a) => a !== 'visitor');

interface Fixtures {
  departmentId: string;
  userId: string;
  pendingVerificationId: string;
}

interface MatrixRow {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route as registered, e.g. /api/v1/departments/:id. */
  route: string;
  url?: (f: Fixtures) => string;
  body?: () => unknown;
  allowed: readonly ActorKind[];
}

let counter = 0;
const unique = () => `${Date.now() % 100000}${++counter}`;

const MATRIX: MatrixRow[] = [
  { method: 'GET', route: '/api/health', allowed: ALL },
  { method: 'GET', route: '/api/v1/roles', allowed: ALL },
  { method: 'POST', route: '/api/v1/auth/register', body: () => ({ phone: `1390${unique().padStart(7, '0').slice(-7)}`, password: 'Matrix#2026pass' }), allowed: ALL },
  { method: 'POST', route: '/api/v1/auth/login', body: () => ({ account: DEMO.verifiedUser, password: 'Shukai@2026' }), allowed: ALL },
  { method: 'GET', route: '/api/v1/me', allowed: SIGNED_IN },
  { method: 'PATCH', route: '/api/v1/me', body: () => ({ displayName: '矩阵测试' }), allowed: SIGNED_IN },
  { method: 'POST', route: '/api/v1/me/password', body: () => ({ currentPassword: 'not-the-password', newPassword: 'Matrix#2026pass' }), allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/me/verification', allowed: SIGNED_IN },
  { method: 'POST', route: '/api/v1/me/verification', body: () => ({ type: 'person', name: '张三', idNumber: '110105194912310021' }), allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/me/verification/oidc', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/me/verification/oidc/callback', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/verifications', allowed: ['authority_admin', 'authority_reviewer'] },
  { method: 'POST', route: '/api/v1/verifications/:id/decision', url: (f) => `/api/v1/verifications/${f.pendingVerificationId}/decision`, body: () => ({ approve: true }), allowed: ['authority_admin', 'authority_reviewer'] },
  { method: 'GET', route: '/api/v1/departments', allowed: ALL },
  { method: 'GET', route: '/api/v1/departments/:id', url: (f) => `/api/v1/departments/${f.departmentId}`, allowed: ALL },
  {
    method: 'POST', route: '/api/v1/departments', allowed: ['authority_admin'],
    body: () => ({ name: `矩阵测试局${unique()}`, responsibleUnit: '办公室', contactPerson: '测试', contactPhone: '0571-88888888', contactEmail: 'm@example.cn' }),
  },
  { method: 'PATCH', route: '/api/v1/departments/:id', url: (f) => `/api/v1/departments/${f.departmentId}`, body: () => ({ description: '矩阵' }), allowed: ['authority_admin'] },
  { method: 'POST', route: '/api/v1/me/api-keys', body: () => ({ name: 'matrix' }), allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/me/api-keys', allowed: SIGNED_IN },
  { method: 'DELETE', route: '/api/v1/me/api-keys/:id', url: () => '/api/v1/me/api-keys/00000000-0000-0000-0000-000000000000', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/users', allowed: ['authority_admin'] },
  { method: 'PATCH', route: '/api/v1/users/:id', url: (f) => `/api/v1/users/${f.userId}`, body: () => ({ creditLevel: 'C' }), allowed: ['authority_admin'] },
  { method: 'GET', route: '/api/v1/audit', allowed: ['security_auditor'] },
  { method: 'GET', route: '/api/v1/audit/verify', allowed: ['security_auditor'] },
  { method: 'GET', route: '/api/v1/alerts', allowed: ['authority_admin', 'security_auditor'] },
  { method: 'GET', route: '/api/v1/calendar', url: () => '/api/v1/calendar?year=2025', allowed: ALL },
  { method: 'GET', route: '/api/v1/calendar/add-working-days', url: () => '/api/v1/calendar/add-working-days?date=2025-09-30&days=5', allowed: ALL },
  { method: 'PUT', route: '/api/v1/calendar/days/:date', url: () => '/api/v1/calendar/days/2025-06-16', body: () => ({ kind: 'workday', name: '矩阵' }), allowed: ['authority_admin'] },
  { method: 'DELETE', route: '/api/v1/calendar/days/:date', url: () => '/api/v1/calendar/days/2025-06-16', allowed: ['authority_admin'] },
  { method: 'POST', route: '/api/v1/calendar/import', body: () => ({ years: [2025] }), allowed: ['authority_admin'] },
  // Last: it ends the sessions the rows above use.
  { method: 'POST', route: '/api/v1/auth/logout', allowed: ALL },
];

let t: TestApp;
let fixtures: Fixtures;
const clients = new Map<ActorKind, Client | null>();

beforeAll(async () => {
  t = await startTestApp();
  clients.set('visitor', null);
  clients.set('unverified_user', await login(t.app, DEMO.unverifiedUser));
  clients.set('verified_user', await login(t.app, DEMO.verifiedUser));
  clients.set('provider_publisher', await login(t.app, DEMO.publisher));
  clients.set('provider_reviewer', await login(t.app, DEMO.providerReviewer));
  clients.set('authority_admin', await login(t.app, DEMO.admin));
  clients.set('authority_reviewer', await login(t.app, DEMO.authorityReviewer));
  clients.set('security_auditor', await login(t.app, DEMO.auditor));
  const applicant = await registerUser(t.app);
  await applicant.request({ method: 'POST', url: '/api/v1/me/verification', payload: { type: 'person', name: '王五', idNumber: '11010519491231002X' } });
  const pending = await t.ctx.verification.list({ status: 'pending', page: 1, pageSize: 10 });
  fixtures = {
    departmentId: (await t.ctx.departments.list())[1]!.id,
    userId: applicant.userId,
    pendingVerificationId: pending.items.find((i) => i.userId === applicant.userId)!.id,
  };
});
afterAll(async () => { await t.close(); });

describe('authorization matrix', () => {
  for (const row of MATRIX) {
    it(`${row.method} ${row.route}`, async () => {
      const outcomes: Record<string, number> = {};
      for (const actor of ACTORS) {
        const client = clients.get(actor);
        const opts = { method: row.method, url: row.url?.(fixtures) ?? row.route, ...(row.body ? { payload: row.body() as object } : {}) };
        const res = client ? await client.request(opts) : await t.app.inject(opts);
        outcomes[actor] = res.statusCode;
      }
      const expected = Object.fromEntries(ACTORS.map((a) => [a, row.allowed.includes(a) ? 'allowed' : a === 'visitor' ? 401 : 403]));
      const actual = Object.fromEntries(ACTORS.map((a) => [a, [401, 403].includes(outcomes[a]!) ? outcomes[a] : 'allowed']));
      expect(actual, JSON.stringify(outcomes)).toEqual(expected);
    });
  }

  it('covers every API route the application serves', () => {
    const served = servedRoutes(t.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.includes(' /api/') && !r.includes(' /api/docs'));
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.route}`));
    expect(served.filter((r) => !covered.has(r))).toEqual([]);
    expect(served.length).toBeGreaterThanOrEqual(MATRIX.length);
  });
});

/** Flattens Fastify's route tree ("├── /me (GET, PATCH)" with children indented by 4) to "VERB /path". */
function servedRoutes(tree: string): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    parents.length = depth;
    const path = ((parents[depth - 1] ?? '') + m[2]).replace(/\/\/+/g, '/');
    parents[depth] = path;
    routes.push(...m[3]!.split(', ').filter((verb) => verb !== 'HEAD').map((verb) => `${verb} ${path}`));
  }
  return routes;
}
