/**
 * Every route × every kind of actor: allowed actors get past the policy (no 401/403),
 * everyone else is refused (401 for visitors, 403 for accounts; 404 for an entry they may not
 * know exists). A route that exists in the
 * app but not in this table fails the last test, so new routes cannot skip the matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/seed/seed.js';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { applicationAt, publishedRestrictedEntry, reviewers } from './support/applications.js';
import { createEntry, departmentId, drainJobs, submitForReview } from './support/catalog.js';
import { multipart, upload } from './support/upload.js';

const ACTORS = [
  'visitor', 'unverified_user', 'verified_user', 'provider_publisher', 'provider_reviewer',
  'authority_admin', 'authority_reviewer', 'security_auditor',
] as const;
type ActorKind = (typeof ACTORS)[number];

const ALL = ACTORS;
const SIGNED_IN = ACTORS.filter((a) => a !== 'visitor');
/** Keepers of the transport bureau's entries: its publisher and the authority's administrator. */
const KEEPERS: ActorKind[] = ['provider_publisher', 'authority_admin'];
/** Who sees a transport bureau entry's internals: its staff and the authority's reviewers. */
const INSIDERS: ActorKind[] = ['provider_publisher', 'provider_reviewer', 'authority_admin', 'authority_reviewer'];
/** Staff with work on the workbench: the departments' and the authority's (not the auditor). */
const STAFF = INSIDERS;
const AUTHORITY: ActorKind[] = ['authority_admin', 'authority_reviewer'];
/** Who reads the verified user's application for a transport bureau entry: they, its department's staff and the authority's. */
const APPLICATION_READERS: ActorKind[] = ['verified_user', ...INSIDERS];

interface Fixtures {
  departmentId: string;
  userId: string;
  pendingVerificationId: string;
  /** Published, unconditional, with a table resource: what the public reads. */
  publishedEntryId: string;
  resourceId: string;
  /** A draft of the transport bureau, whose publisher is a demo account. */
  draftEntryId: string;
  /** A draft its publisher alone wrote (the others edit draftEntryId): anyone else at the authority may review it. */
  reviewEntryId: string;
  jobId: string;
  /** Questions of an asker who is none of the actors: with the authority, and one sent to the transport bureau. */
  consultationIds: { withAuthority: string; toDispatch: string; toReply: string; toReturn: string };
  /** A file the asker sent with the question still with the authority. */
  consultationAttachmentId: string;
  /** A file the verified user uploaded and has not sent. */
  pendingAttachmentId: string;
  /** A published 受限开放 entry of the transport bureau, and its table. */
  restrictedEntryId: string;
  restrictedResourceId: string;
  /** The verified user's applications for it: a draft, two in 规范性审查, one awaiting their signature, one granted (by API, not download). */
  applicationIds: { draft: string; toWithdraw: string; toDecide: string; toSign: string; granted: string };
  /** The grant the granted application opened, and a file returned on it. */
  grantId: string;
  returnId: string;
  /** A URL source of the published resource; and one for each actor's DELETE, so each asks of a source still there. */
  sourceId: string;
  doomedSourceIds: string[];
  /** A harvest source of the transport bureau (目录采集). */
  harvestSourceId: string;
}

interface MatrixRow {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route as registered, e.g. /api/v1/departments/:id. */
  route: string;
  url?: (f: Fixtures) => string;
  body?: () => unknown;
  /** A file sent as multipart/form-data instead of a JSON body. */
  file?: { name: string; content: string };
  allowed: readonly ActorKind[];
  /** CKAN's API answers every refusal 403 (its Authorization Error), a visitor's too. */
  visitorRefused?: 403;
  /**
   * The row names a thing hidden from all but its insiders (or the actors listed): anyone else
   * is refused as an unknown id, 404.
   */
  hidden?: true | readonly ActorKind[];
}

let counter = 0;
const unique = () => `${Date.now() % 100000}${++counter}`;

const MATRIX: MatrixRow[] = [
  { method: 'GET', route: '/api/health', allowed: ALL },
  { method: 'GET', route: '/api/ready', allowed: ALL },
  { method: 'GET', route: '/api/v1/roles', allowed: ALL },
  { method: 'POST', route: '/api/v1/auth/register', body: () => ({ phone: `1390${unique().padStart(7, '0').slice(-7)}`, password: 'Matrix#2026pass' }), allowed: ALL },
  { method: 'POST', route: '/api/v1/auth/login', body: () => ({ account: DEMO.verifiedUser, password: 'Shukai@2026' }), allowed: ALL },
  { method: 'GET', route: '/api/v1/me', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/auth/session', allowed: ALL },
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
  { method: 'GET', route: '/api/v1/me/notifications', allowed: SIGNED_IN },
  { method: 'POST', route: '/api/v1/me/notifications/read', body: () => ({}), allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/me/notification-preferences', allowed: SIGNED_IN },
  { method: 'PUT', route: '/api/v1/me/notification-preferences', body: () => ({ email: true }), allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/auth/password-reset/channels', allowed: ALL },
  { method: 'POST', route: '/api/v1/auth/password-reset/request', body: () => ({ account: `1390${unique().padStart(7, '0').slice(-7)}` }), allowed: ALL },
  { method: 'POST', route: '/api/v1/auth/password-reset/confirm', body: () => ({ account: '13900000000', code: '000000', newPassword: 'Matrix#2026pass' }), allowed: ALL },
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
  { method: 'GET', route: '/api/v1/catalog', url: () => '/api/v1/catalog?q=%E5%85%AC%E4%BA%A4', allowed: ALL },
  { method: 'GET', route: '/api/v1/catalog/options', allowed: ALL },
  { method: 'GET', route: '/api/v1/catalog/:id', url: (f) => `/api/v1/catalog/${f.publishedEntryId}`, allowed: ALL },
  { method: 'GET', route: '/api/v1/catalog/:id/history', url: (f) => `/api/v1/catalog/${f.publishedEntryId}/history`, allowed: ALL },
  { method: 'GET', route: '/api/v1/catalog/:id/access', url: (f) => `/api/v1/catalog/${f.publishedEntryId}/access`, allowed: ALL },
  { method: 'GET', route: '/api/v1/catalog/:id', url: (f) => `/api/v1/catalog/${f.draftEntryId}`, allowed: INSIDERS, hidden: true },
  { method: 'GET', route: '/api/v1/catalog/:id/history', url: (f) => `/api/v1/catalog/${f.draftEntryId}/history`, allowed: INSIDERS, hidden: true },
  { method: 'GET', route: '/api/v1/catalog/:id/access', url: (f) => `/api/v1/catalog/${f.draftEntryId}/access`, allowed: INSIDERS, hidden: true },
  { method: 'GET', route: '/api/v1/console/catalog', allowed: [...KEEPERS, 'provider_reviewer', 'authority_reviewer'] },
  { method: 'POST', route: '/api/v1/catalog', body: () => entryBody(), allowed: KEEPERS },
  { method: 'PATCH', route: '/api/v1/catalog/:id', url: (f) => `/api/v1/catalog/${f.draftEntryId}`, body: () => ({ summary: '矩阵修改' }), allowed: KEEPERS, hidden: true },
  { method: 'POST', route: '/api/v1/catalog/:id/submit', url: (f) => `/api/v1/catalog/${f.draftEntryId}/submit`, allowed: KEEPERS, hidden: true },
  { method: 'POST', route: '/api/v1/catalog/:id/review', url: (f) => `/api/v1/catalog/${f.reviewEntryId}/review`, body: () => ({ approve: false, reason: '矩阵' }), allowed: ['provider_reviewer', 'authority_admin', 'authority_reviewer'], hidden: true },
  { method: 'POST', route: '/api/v1/catalog/:id/withdraw', url: (f) => `/api/v1/catalog/${f.draftEntryId}/withdraw`, body: () => ({ reason: '矩阵' }), allowed: KEEPERS, hidden: true },
  { method: 'POST', route: '/api/v1/catalog/:id/resources', url: (f) => `/api/v1/catalog/${f.draftEntryId}/resources`, file: { name: 'm.csv', content: 'a,b\n1,2\n' }, allowed: KEEPERS, hidden: true },
  { method: 'POST', route: '/api/v1/resources/:id/versions', url: (f) => `/api/v1/resources/${f.resourceId}/versions`, file: { name: 'm.csv', content: '站点名称,线路数\n甲,1\n' }, allowed: KEEPERS },
  { method: 'GET', route: '/api/v1/resources/:id/versions', url: (f) => `/api/v1/resources/${f.resourceId}/versions`, allowed: INSIDERS },
  { method: 'GET', route: '/api/v1/resources/:id/versions/:version/rejects', url: (f) => `/api/v1/resources/${f.resourceId}/versions/1/rejects`, allowed: INSIDERS },
  { method: 'GET', route: '/api/v1/resources/:id/records', url: (f) => `/api/v1/resources/${f.resourceId}/records?limit=100`, allowed: [...INSIDERS, 'verified_user'] },
  { method: 'GET', route: '/api/v1/resources/:id/stats', url: (f) => `/api/v1/resources/${f.resourceId}/stats`, allowed: ALL },
  { method: 'GET', route: '/api/v1/resources/:id/download', url: (f) => `/api/v1/resources/${f.resourceId}/download?format=json`, allowed: [...INSIDERS, 'verified_user'] },
  // 受限开放 rows: its department, the authority, and the verified user through their grant (by API: no download).
  { method: 'GET', route: '/api/v1/resources/:id/records', url: (f) => `/api/v1/resources/${f.restrictedResourceId}/records?limit=100`, allowed: [...INSIDERS, 'verified_user'] },
  { method: 'GET', route: '/api/v1/resources/:id/stats', url: (f) => `/api/v1/resources/${f.restrictedResourceId}/stats`, allowed: [...INSIDERS, 'verified_user'] },
  { method: 'GET', route: '/api/v1/resources/:id/download', url: (f) => `/api/v1/resources/${f.restrictedResourceId}/download?format=csv`, allowed: INSIDERS },
  // 二.2: the masked sample of restricted data, as unconditional downloads are gated; its keepers draw it.
  { method: 'GET', route: '/api/v1/resources/:id/sample', url: (f) => `/api/v1/resources/${f.restrictedResourceId}/sample?format=json`, allowed: [...INSIDERS, 'verified_user'] },
  { method: 'POST', route: '/api/v1/resources/:id/sources', url: (f) => `/api/v1/resources/${f.resourceId}/sources`, body: () => ({ kind: 'url', url: 'http://127.0.0.1/m.csv', mode: 'replace' }), allowed: KEEPERS },
  { method: 'GET', route: '/api/v1/resources/:id/sources', url: (f) => `/api/v1/resources/${f.resourceId}/sources`, allowed: INSIDERS },
  { method: 'GET', route: '/api/v1/sources/:id', url: (f) => `/api/v1/sources/${f.sourceId}`, allowed: INSIDERS },
  { method: 'PATCH', route: '/api/v1/sources/:id', url: (f) => `/api/v1/sources/${f.sourceId}`, body: () => ({ paused: true }), allowed: KEEPERS },
  { method: 'POST', route: '/api/v1/sources/:id/run', url: (f) => `/api/v1/sources/${f.sourceId}/run`, allowed: KEEPERS },
  // The url is asked for once per actor, in ACTORS order: each actor's DELETE names its own source.
  { method: 'DELETE', route: '/api/v1/sources/:id', url: (f) => `/api/v1/sources/${f.doomedSourceIds.shift()}`, allowed: KEEPERS },
  { method: 'PUT', route: '/api/v1/resources/:id/sample-settings', url: (f) => `/api/v1/resources/${f.restrictedResourceId}/sample-settings`, body: () => ({ size: 100 }), allowed: KEEPERS },
  { method: 'GET', route: '/api/v1/catalog/:id/eligibility', url: (f) => `/api/v1/catalog/${f.restrictedEntryId}/eligibility`, allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/catalog/:id/eligibility', url: (f) => `/api/v1/catalog/${f.draftEntryId}/eligibility`, allowed: INSIDERS, hidden: true },
  // DCAT-AP in three serializations, a catalog page or one dataset, and the changes feed.
  ...(['ttl', 'rdf', 'jsonld'] as const).flatMap((format): MatrixRow[] => [
    { method: 'GET', route: `/api/v1/catalog.${format}`, url: () => `/api/v1/catalog.${format}?page=2`, allowed: ALL },
    { method: 'GET', route: `/api/v1/catalog/:id.${format}`, url: (f) => `/api/v1/catalog/${f.publishedEntryId}.${format}`, allowed: ALL },
    { method: 'GET', route: `/api/v1/catalog/:id.${format}`, url: (f) => `/api/v1/catalog/${f.draftEntryId}.${format}`, allowed: INSIDERS, hidden: true },
  ]),
  { method: 'GET', route: '/api/v1/catalog/changes', url: () => '/api/v1/catalog/changes?since=2020-01-01T00:00:00Z', allowed: ALL },
  { method: 'GET', route: '/api/3', allowed: ALL },
  // CKAN's actions, at both of CKAN's prefixes alike.
  ...(['/api/action', '/api/3/action'] as const).flatMap((prefix) => (['GET', 'POST'] as const).flatMap((method): MatrixRow[] => {
    const action = (name: string, params: (f: Fixtures) => Record<string, string | number>, allowed: readonly ActorKind[], hidden?: true): MatrixRow => ({
      method, route: `${prefix}/${name}`, allowed, visitorRefused: 403, ...(hidden ? { hidden } : {}),
      ...(method === 'GET'
        ? { url: (f) => `${prefix}/${name}?${new URLSearchParams(Object.entries(params(f)).map(([k, v]) => [k, String(v)]))}` }
        : { url: () => `${prefix}/${name}`, body: () => params(fixtures) }),
    });
    return [
      action('status_show', () => ({}), ALL),
      action('help_show', () => ({ name: 'package_search' }), ALL),
      action('package_list', () => ({ limit: 10 }), ALL),
      action('current_package_list_with_resources', () => ({ limit: 5 }), ALL),
      action('package_search', () => ({ q: '公交', rows: 5 }), ALL),
      action('package_show', (f) => ({ id: f.publishedEntryId }), ALL),
      action('package_show', (f) => ({ id: f.draftEntryId }), INSIDERS, true),
      action('organization_list', () => ({ limit: 5 }), ALL),
      action('organization_show', (f) => ({ id: f.departmentId, include_datasets: 'true' }), ALL),
      action('group_list', () => ({ all_fields: 'true' }), ALL),
      action('group_show', () => ({ id: '其他' }), ALL),
      action('tag_list', () => ({ query: '公交' }), ALL),
      action('license_list', () => ({}), ALL),
      action('resource_show', (f) => ({ id: f.resourceId }), ALL),
      action('datastore_search', (f) => ({ resource_id: f.resourceId, limit: 5 }), ALL),
      action('datastore_search', (f) => ({ resource_id: f.resourceId, limit: 100 }), [...INSIDERS, 'verified_user']),
      action('datastore_search', (f) => ({ resource_id: f.resourceId, limit: 5, distinct: 'true', fields: '线路数' }), [...INSIDERS, 'verified_user']),
      action('datastore_search', (f) => ({ resource_id: f.restrictedResourceId, limit: 100 }), [...INSIDERS, 'verified_user']),
      action('datastore_search', (f) => ({ resource_id: f.restrictedResourceId, limit: 0 }), [...INSIDERS, 'verified_user']),
      action('datastore_info', (f) => ({ id: f.resourceId }), ALL),
      action('datastore_info', (f) => ({ id: f.restrictedResourceId }), [...INSIDERS, 'verified_user']),
      // The portal runs no SQL a caller writes: refused to everyone.
      action('datastore_search_sql', () => ({ sql: 'select 1' }), []),
      // Any other action name is CKAN's 400 for everyone.
      { method, route: `${prefix}/:name`, url: () => `${prefix}/package_create`, allowed: ALL },
    ];
  }).concat(
    // Other methods: CKAN's 405, for everyone.
    (['PUT', 'PATCH', 'DELETE'] as const).map((method): MatrixRow => ({ method, route: `${prefix}/:name`, url: () => `${prefix}/package_show`, allowed: ALL })),
  )),
  { method: 'POST', route: '/api/v1/consultations', body: () => ({ title: '矩阵咨询', content: '矩阵' }), allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/consultations', url: () => '/api/v1/consultations?scope=public', allowed: ALL },
  { method: 'GET', route: '/api/v1/consultations', url: () => '/api/v1/consultations?scope=staff', allowed: STAFF },
  { method: 'GET', route: '/api/v1/me/consultations', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/consultations/:id', url: (f) => `/api/v1/consultations/${f.consultationIds.withAuthority}`, allowed: AUTHORITY, hidden: AUTHORITY },
  // The second of the authority's two dispatches finds the step taken: 409, past the policy.
  {
    method: 'POST', route: '/api/v1/consultations/:id/dispatch', url: (f) => `/api/v1/consultations/${f.consultationIds.toDispatch}/dispatch`,
    body: () => ({ departmentId: transportId }), allowed: AUTHORITY, hidden: AUTHORITY,
  },
  { method: 'POST', route: '/api/v1/consultations/:id/reply', url: (f) => `/api/v1/consultations/${f.consultationIds.toReply}/reply`, body: () => ({ content: '矩阵答复' }), allowed: AUTHORITY, hidden: AUTHORITY },
  // The department's publisher sends it back first; that releases it, so the department's reviewer, asking next, no
  // longer knows it (404), and the authority, which holds it again, meets a step that is not open (409).
  { method: 'POST', route: '/api/v1/consultations/:id/return', url: (f) => `/api/v1/consultations/${f.consultationIds.toReturn}/return`, body: () => ({ reason: '矩阵' }), allowed: ['provider_publisher'], hidden: ['provider_publisher', ...AUTHORITY] },
  // Only the asker withdraws: the authority, who may read it, is refused; everyone else does not know it.
  { method: 'POST', route: '/api/v1/consultations/:id/withdraw', url: (f) => `/api/v1/consultations/${f.consultationIds.withAuthority}/withdraw`, body: () => ({}), allowed: [], hidden: AUTHORITY },
  { method: 'POST', route: '/api/v1/attachments', file: { name: '营业执照.pdf', content: '%PDF-1.4\n%%EOF\n' }, allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/attachments/:id', url: (f) => `/api/v1/attachments/${f.consultationAttachmentId}`, allowed: AUTHORITY, hidden: AUTHORITY },
  { method: 'DELETE', route: '/api/v1/attachments/:id', url: (f) => `/api/v1/attachments/${f.pendingAttachmentId}`, allowed: ['verified_user'], hidden: ['verified_user'] },
  { method: 'POST', route: '/api/v1/applications', url: () => '/api/v1/applications?draft=1', body: () => ({ entryId: 'no-such-entry' }), allowed: ['verified_user'] },
  { method: 'PATCH', route: '/api/v1/applications/:id', url: (f) => `/api/v1/applications/${f.applicationIds.draft}`, body: () => ({ purpose: '矩阵' }), allowed: ['verified_user'], hidden: ['verified_user'] },
  { method: 'POST', route: '/api/v1/applications/:id/submit', url: (f) => `/api/v1/applications/${f.applicationIds.draft}/submit`, allowed: ['verified_user'], hidden: ['verified_user'] },
  { method: 'GET', route: '/api/v1/applications/:id', url: (f) => `/api/v1/applications/${f.applicationIds.toDecide}`, allowed: APPLICATION_READERS, hidden: APPLICATION_READERS },
  { method: 'GET', route: '/api/v1/me/applications', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/applications', allowed: STAFF },
  // The authority's administrator returns it for supplement first; the authority's reviewer then meets a step no longer open (409).
  { method: 'POST', route: '/api/v1/applications/:id/decision', url: (f) => `/api/v1/applications/${f.applicationIds.toDecide}/decision`, body: () => ({ decision: 'return', reason: '矩阵' }), allowed: AUTHORITY, hidden: APPLICATION_READERS },
  { method: 'POST', route: '/api/v1/applications/:id/withdraw', url: (f) => `/api/v1/applications/${f.applicationIds.toWithdraw}/withdraw`, body: () => ({}), allowed: ['verified_user'], hidden: APPLICATION_READERS },
  { method: 'POST', route: '/api/v1/applications/:id/agreement/sign', url: (f) => `/api/v1/applications/${f.applicationIds.toSign}/agreement/sign`, body: () => ({ password: DEMO_PASSWORD }), allowed: ['verified_user'], hidden: APPLICATION_READERS },
  // Signed just above, it awaits its department's reviewer.
  { method: 'POST', route: '/api/v1/applications/:id/agreement/confirm', url: (f) => `/api/v1/applications/${f.applicationIds.toSign}/agreement/confirm`, allowed: ['provider_reviewer'], hidden: APPLICATION_READERS },
  { method: 'GET', route: '/api/v1/applications/:id/agreement.pdf', url: (f) => `/api/v1/applications/${f.applicationIds.toSign}/agreement.pdf`, allowed: APPLICATION_READERS, hidden: APPLICATION_READERS },
  { method: 'GET', route: '/api/v1/me/grants', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/v1/grants', allowed: STAFF },
  { method: 'GET', route: '/api/v1/grants/:id', url: (f) => `/api/v1/grants/${f.grantId}`, allowed: APPLICATION_READERS, hidden: APPLICATION_READERS },
  { method: 'GET', route: '/api/v1/grants/:id/outcomes', url: (f) => `/api/v1/grants/${f.grantId}/outcomes`, allowed: APPLICATION_READERS, hidden: APPLICATION_READERS },
  { method: 'POST', route: '/api/v1/grants/:id/outcomes', url: (f) => `/api/v1/grants/${f.grantId}/outcomes`, body: () => ({ title: '矩阵成果', description: '矩阵' }), allowed: ['verified_user'], hidden: APPLICATION_READERS },
  { method: 'POST', route: '/api/v1/grants/:id/returns', url: (f) => `/api/v1/grants/${f.grantId}/returns`, file: { name: '回传.csv', content: '企业名称,评分\n甲,1\n' }, allowed: ['verified_user'], hidden: APPLICATION_READERS },
  { method: 'GET', route: '/api/v1/grants/:id/returns/:fileId', url: (f) => `/api/v1/grants/${f.grantId}/returns/${f.returnId}`, allowed: APPLICATION_READERS, hidden: APPLICATION_READERS },
  // The first of the data's department or the authority to act wins; the others meet a grant already changed (409).
  { method: 'POST', route: '/api/v1/grants/:id/suspend', url: (f) => `/api/v1/grants/${f.grantId}/suspend`, body: () => ({ reason: '矩阵' }), allowed: INSIDERS, hidden: APPLICATION_READERS },
  { method: 'POST', route: '/api/v1/grants/:id/resume', url: (f) => `/api/v1/grants/${f.grantId}/resume`, allowed: INSIDERS, hidden: APPLICATION_READERS },
  { method: 'POST', route: '/api/v1/grants/:id/revoke', url: (f) => `/api/v1/grants/${f.grantId}/revoke`, body: () => ({ reason: '矩阵' }), allowed: INSIDERS, hidden: APPLICATION_READERS },
  { method: 'GET', route: '/api/v1/agreement-template', allowed: ALL },
  { method: 'PUT', route: '/api/v1/agreement-template', body: () => ({ title: '公共数据开放利用协议', text: `甲方：{{department}}\n乙方：{{applicant}}\n${'本协议条款。'.repeat(20)}` }), allowed: ['authority_admin'] },
  { method: 'GET', route: '/api/v1/workflow/tasks', allowed: STAFF },
  { method: 'GET', route: '/api/v1/workflow/overdue', allowed: AUTHORITY },
  { method: 'GET', route: '/api/v1/jobs/:id', url: (f) => `/api/v1/jobs/${f.jobId}`, allowed: KEEPERS },
  { method: 'GET', route: '/api/v1/licence', allowed: ALL },
  { method: 'POST', route: '/api/v1/licence/accept', body: () => ({ version: 1 }), allowed: SIGNED_IN },
  { method: 'PUT', route: '/api/v1/licence', body: () => ({ title: '公共数据开放授权许可使用协议', text: '矩阵测试用的协议正文，足够长。' }), allowed: ['authority_admin'] },
  { method: 'GET', route: '/api/v1/pledge', allowed: ALL },
  { method: 'GET', route: '/api/v1/pledge/versions/:version', url: () => '/api/v1/pledge/versions/1', allowed: ALL },
  { method: 'PUT', route: '/api/v1/pledge', body: () => ({ title: '公共数据安全承诺书', text: '矩阵测试用的承诺书正文，足够长。' }), allowed: ['authority_admin'] },
  // 目录采集: the authority's administrators only. The matrix's app allows no source host, so a registration is refused past the policy.
  { method: 'GET', route: '/api/v1/harvest/sources', allowed: ['authority_admin'] },
  { method: 'POST', route: '/api/v1/harvest/sources', body: () => ({ name: `矩阵采集${unique()}`, kind: 'ckan', url: 'http://127.0.0.1:9/', departmentId: transportId }), allowed: ['authority_admin'] },
  { method: 'GET', route: '/api/v1/harvest/sources/:id', url: (f) => `/api/v1/harvest/sources/${f.harvestSourceId}`, allowed: ['authority_admin'] },
  { method: 'PATCH', route: '/api/v1/harvest/sources/:id', url: (f) => `/api/v1/harvest/sources/${f.harvestSourceId}`, body: () => ({ schedule: '0 3 * * *' }), allowed: ['authority_admin'] },
  { method: 'POST', route: '/api/v1/harvest/sources/:id/pause', url: (f) => `/api/v1/harvest/sources/${f.harvestSourceId}/pause`, allowed: ['authority_admin'] },
  { method: 'POST', route: '/api/v1/harvest/sources/:id/resume', url: (f) => `/api/v1/harvest/sources/${f.harvestSourceId}/resume`, allowed: ['authority_admin'] },
  { method: 'POST', route: '/api/v1/harvest/sources/:id/run', url: (f) => `/api/v1/harvest/sources/${f.harvestSourceId}/run`, allowed: ['authority_admin'] },
  { method: 'DELETE', route: '/api/v1/harvest/sources/:id', url: (f) => `/api/v1/harvest/sources/${f.harvestSourceId}`, allowed: ['authority_admin'] },
  // Last: it ends the sessions the rows above use.
  { method: 'POST', route: '/api/v1/auth/logout', allowed: ALL },
];

let t: TestApp;
let fixtures: Fixtures;
let transportId = '';
const entryBody = () => ({ title: `矩阵目录${unique()}`, summary: '矩阵', departmentId: transportId, openType: 'unconditional', updateFrequency: 'yearly' });
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
  transportId = await departmentId(t, '杭州市交通运输局');
  const publisher = clients.get('provider_publisher')!;
  const published = await createEntry(t, publisher, { title: '矩阵公交站点' });
  const uploaded = await upload(publisher, `/api/v1/catalog/${published}/resources`, 'stations.csv', '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n');
  await drainJobs(t);
  await submitForReview(t, publisher, published);
  await clients.get('authority_reviewer')!.request({ method: 'POST', url: `/api/v1/catalog/${published}/review`, payload: { approve: true } });
  const asker = await registerUser(t.app);
  const ask = async () => (await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '矩阵提问', content: '矩阵' } })).json().id as string;
  const consultationIds = { withAuthority: await ask(), toDispatch: await ask(), toReply: await ask(), toReturn: await ask() };
  const attachmentOf = async (client: Client) => (await upload(client, '/api/v1/attachments', '材料.pdf', '%PDF-1.4\n%%EOF\n')).json().id as string;
  const consultationAttachmentId = await attachmentOf(asker);
  await asker.request({ method: 'POST', url: '/api/v1/consultations', payload: { title: '带附件', content: '矩阵', attachmentIds: [consultationAttachmentId] } });
  await clients.get('authority_admin')!.request({ method: 'POST', url: `/api/v1/consultations/${consultationIds.toReturn}/dispatch`, payload: { departmentId: transportId } });
  const verified = clients.get('verified_user')!;
  await verified.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version: 1 } });
  const { entryId: restrictedEntryId, resourceId: restrictedResourceId } = await publishedRestrictedEntry(t, publisher, clients.get('authority_reviewer')!);
  const people = await reviewers(t);
  const draft = (await verified.request({ method: 'POST', url: '/api/v1/applications?draft=1', payload: { entryId: restrictedEntryId } })).json().id as string;
  const applicationIds = {
    draft,
    toWithdraw: await applicationAt(verified, restrictedEntryId, 'formal_review', people, DEMO_PASSWORD),
    toDecide: await applicationAt(verified, restrictedEntryId, 'formal_review', people, DEMO_PASSWORD),
    toSign: await applicationAt(verified, restrictedEntryId, 'agreement_signing', people, DEMO_PASSWORD),
    granted: await applicationAt(verified, restrictedEntryId, 'granted', people, DEMO_PASSWORD),
  };
  const grantId = (await verified.request({ method: 'GET', url: '/api/v1/me/grants' })).json().items[0].id as string;
  const returnId = (await upload(verified, `/api/v1/grants/${grantId}/returns`, '回传.csv', '企业名称,评分\n甲,1\n')).json().id as string;
  fixtures = {
    departmentId: (await t.ctx.departments.list())[1]!.id,
    userId: applicant.userId,
    pendingVerificationId: pending.items.find((i) => i.userId === applicant.userId)!.id,
    publishedEntryId: published,
    resourceId: uploaded.json().resourceId,
    draftEntryId: await createEntry(t, publisher, { title: '矩阵草稿' }),
    reviewEntryId: await createEntry(t, publisher, { title: '矩阵待审' }),
    jobId: uploaded.json().jobId,
    consultationIds,
    consultationAttachmentId,
    pendingAttachmentId: await attachmentOf(clients.get('verified_user')!),
    restrictedEntryId, restrictedResourceId, applicationIds, grantId, returnId,
    sourceId: await matrixSource(uploaded.json().resourceId),
    doomedSourceIds: await Promise.all(ACTORS.map(() => matrixSource(uploaded.json().resourceId))),
    harvestSourceId: await harvestSourceOf(t, transportId),
  };
});

/** A registered harvest source, written as registration would (the matrix's app allows no source host to register one through the API). */
async function harvestSourceOf(app: TestApp, department: string): Promise<string> {
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  await app.ctx.database.db.insertInto('harvest_sources').values({
    id, name: '矩阵采集源', kind: 'ckan', url: 'http://127.0.0.1:9/', department_id: department, schedule: '30 2 * * *',
    status: 'active', next_run_at: null, created_by: null, created_at: now, updated_at: now,
  }).execute();
  return id;
}
afterAll(async () => { await t.close(); });

/** A source registered as the service keeps it (the matrix's app lists no source hosts, so the route would refuse it). */
function matrixSource(resourceId: string): Promise<string> {
  return t.ctx.sources.register(resourceId, {
    kind: 'url', location: 'http://127.0.0.1/m.csv', secret: null, query: null, format: null, jsonPath: null, mode: 'replace', key: null, cursorField: null,
  }, undefined, 'monthly', null);
}

describe('authorization matrix', () => {
  // Privileges never come from a request body: every write route refuses properties its schema
  // does not list, before anything is written. (CKAN's actions only read, and take other
  // versions' parameters as CKAN does.)
  for (const row of MATRIX.filter((r) => r.body && r.method !== 'GET' && !r.route.startsWith('/api/3/') && !r.route.startsWith('/api/action/'))) {
    it(`${row.method} ${row.route} refuses a body with extra privileged properties`, async () => {
      const actor = row.allowed.find((a) => a !== 'visitor') ?? 'verified_user';
      const client = clients.get(actor)!;
      const body = row.body!() as object;
      const extra = { roles: ['authority_admin'], departmentId: fixtures.departmentId, status: 'published', isAdmin: true, userId: fixtures.userId };
      const sneaky = Array.isArray(body) ? body : { ...extra, ...body };
      const res = await client.request({ method: row.method, url: row.url?.(fixtures) ?? row.route, payload: sneaky });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      // The refusal names the property, so a client knows what to drop.
      expect(Object.keys(extra), res.body).toContain(res.json().error.field);
    });
  }

  for (const row of MATRIX) {
    it(`${row.method} ${row.route}`, async () => {
      const outcomes: Record<string, number> = {};
      for (const actor of ACTORS) {
        const client = clients.get(actor);
        const file = row.file ? await multipart(row.file.name, row.file.content) : undefined;
        const opts = {
          method: row.method, url: row.url?.(fixtures) ?? row.route,
          ...(row.body ? { payload: row.body() as object } : {}),
          ...(file ? { payload: file.payload, headers: file.headers } : {}),
        };
        const res = client ? await client.request(opts) : await t.app.inject(opts);
        outcomes[actor] = res.statusCode;
      }
      const knowers = row.hidden === true ? INSIDERS : row.hidden;
      const refusal = (a: ActorKind) => (knowers && !knowers.includes(a) ? 404 : a === 'visitor' ? row.visitorRefused ?? 401 : 403);
      // Elsewhere a 404 is a route's own answer past the policy (no such key, say); on a hidden row it is the refusal.
      const refusals = row.hidden ? [401, 403, 404] : [401, 403];
      const expected = Object.fromEntries(ACTORS.map((a) => [a, row.allowed.includes(a) ? 'allowed' : refusal(a)]));
      // A server error is a failure whoever asks: it is neither a refusal nor an allowed action.
      const actual = Object.fromEntries(ACTORS.map((a) => [a, outcomes[a]! >= 500 ? outcomes[a] : refusals.includes(outcomes[a]!) ? outcomes[a] : 'allowed']));
      expect(actual, JSON.stringify(outcomes)).toEqual(expected);
    });
  }

  it('covers every API route the application serves', () => {
    const served = servedRoutes(t.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.includes(' /api/') && !r.includes(' /api/docs'));
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.route}`));
    expect(served.filter((r) => !covered.has(r))).toEqual([]);
    expect(served.length).toBeGreaterThanOrEqual(covered.size);
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
