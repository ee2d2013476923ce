import { describe, expect, it } from 'vitest';
import { decide, permittedActions, readableFields, VISITOR, type AccountActor } from './policy.js';

const account = (over: Partial<AccountActor> = {}): AccountActor => ({
  kind: 'account', id: 'u1', roles: ['user'], departmentId: null, verified: false, creditLevel: 'B', ...over,
});
const published = { status: 'published' as const, openType: 'unconditional' as const, departmentId: 'transport' };

describe('policy', () => {
  it('gates unconditional rows on sign-in, verification and the licence, in that order', () => {
    expect(decide(VISITOR, 'resource.rows.read', published)).toBe('UNAUTHENTICATED');
    expect(decide(account(), 'resource.rows.read', published)).toBe('VERIFICATION_REQUIRED');
    expect(decide(account({ verified: true }), 'resource.rows.read', published)).toBe('LICENCE_REQUIRED');
    expect(decide(account({ verified: true }), 'resource.rows.read', { ...published, licenceAccepted: true })).toBe(true);
  });

  it('keeps restricted and prohibited rows to the department and the authority', () => {
    const restricted = { ...published, openType: 'restricted' as const, licenceAccepted: true };
    expect(decide(account({ verified: true }), 'resource.rows.read', restricted)).toBe('FORBIDDEN');
    expect(decide(account({ roles: ['user', 'provider_reviewer'], departmentId: 'transport' }), 'resource.rows.read', restricted)).toBe(true);
    expect(decide(account({ roles: ['user', 'provider_reviewer'], departmentId: 'health' }), 'resource.rows.read', restricted)).toBe('FORBIDDEN');
    const prohibited = { ...published, openType: 'prohibited' as const };
    // Not theirs to know of: refused as an unknown entry is.
    expect(decide(VISITOR, 'catalog.read', prohibited)).toBe('NOT_FOUND');
    expect(decide(account({ verified: true }), 'catalog.read', prohibited)).toBe('NOT_FOUND');
    expect(decide(account({ roles: ['user', 'authority_reviewer'] }), 'catalog.read', prohibited)).toBe(true);
  });

  it('opens restricted rows to a grantee, for the granted data items, by the agreed delivery', () => {
    const restricted = { ...published, openType: 'restricted' as const, licenceAccepted: true };
    const grantee = account({ verified: true });
    const byApi = { ...restricted, grant: { fields: ['企业名称', '注册资本'], delivery: 'api' as const } };
    expect(decide(grantee, 'resource.rows.read', byApi)).toBe(true);
    expect(decide(grantee, 'resource.stats', byApi)).toBe(true);
    expect(decide(grantee, 'resource.download', byApi)).toBe('DOWNLOAD_NOT_GRANTED');
    expect(decide(grantee, 'resource.download', { ...byApi, grant: { ...byApi.grant, delivery: 'download' } })).toBe(true);
    expect(readableFields(grantee, byApi)).toEqual(['企业名称', '注册资本']);
    // The data licence still applies, and so does verification.
    expect(decide(grantee, 'resource.rows.read', { ...byApi, licenceAccepted: false })).toBe('LICENCE_REQUIRED');
    expect(decide(account(), 'resource.rows.read', byApi)).toBe('VERIFICATION_REQUIRED');
    // No grant in force (none, suspended, revoked, expired): refused as before.
    expect(decide(grantee, 'resource.rows.read', { ...restricted, grant: null })).toBe('FORBIDDEN');
    expect(decide(grantee, 'resource.stats', restricted)).toBe('FORBIDDEN');
    expect(decide(VISITOR, 'resource.rows.read', byApi)).toBe('UNAUTHENTICATED');
    // A grant opens nothing of an entry no longer published, nor of unconditional data beyond what it already allows.
    expect(decide(grantee, 'resource.rows.read', { ...byApi, status: 'withdrawn' as const })).toBe('FORBIDDEN');
    expect(readableFields(grantee, { ...published, licenceAccepted: true })).toBeNull();
    // The data's department reads and downloads every data item.
    const staff = account({ roles: ['user', 'provider_reviewer'], departmentId: 'transport' });
    expect(decide(staff, 'resource.download', restricted)).toBe(true);
    expect(readableFields(staff, byApi)).toBeNull();
  });

  it('opens a restricted sample to the verified who accepted the licence, as unconditional rows are opened', () => {
    const restricted = { ...published, openType: 'restricted' as const };
    expect(decide(VISITOR, 'resource.sample.read', restricted)).toBe('UNAUTHENTICATED');
    expect(decide(account(), 'resource.sample.read', restricted)).toBe('VERIFICATION_REQUIRED');
    expect(decide(account({ verified: true }), 'resource.sample.read', restricted)).toBe('LICENCE_REQUIRED');
    expect(decide(account({ verified: true }), 'resource.sample.read', { ...restricted, licenceAccepted: true })).toBe(true);
    // The sample is no way round a withdrawn entry, and its keepers set it.
    expect(decide(account({ verified: true }), 'resource.sample.read', { ...restricted, status: 'withdrawn', licenceAccepted: true })).toBe('FORBIDDEN');
    expect(decide(account({ roles: ['user', 'provider_publisher'], departmentId: 'transport' }), 'resource.sample.manage', restricted)).toBe(true);
    expect(decide(account({ roles: ['user', 'provider_reviewer'], departmentId: 'transport' }), 'resource.sample.manage', restricted)).toBe('FORBIDDEN');
  });

  it('lets only the authority’s administrator publish the 安全承诺书', () => {
    expect(decide(VISITOR, 'pledge.read')).toBe(true);
    expect(decide(account({ roles: ['user', 'authority_admin'] }), 'pledge.manage')).toBe(true);
    expect(decide(account({ roles: ['user', 'authority_reviewer'] }), 'pledge.manage')).toBe('FORBIDDEN');
  });

  it('separates duties: no reviewing or managing oneself', () => {
    const reviewer = account({ roles: ['user', 'authority_reviewer'] });
    expect(decide(reviewer, 'catalog.review', { ownerId: 'u1' })).toBe('FORBIDDEN');
    expect(decide(reviewer, 'catalog.review', { ownerId: 'u2' })).toBe(true);
    expect(decide(reviewer, 'catalog.review', { ownerId: 'u2', contributorIds: ['u3', 'u1'] })).toBe('FORBIDDEN');
    expect(decide(reviewer, 'catalog.review', { ownerId: 'u2', contributorIds: ['u3'] })).toBe(true);
    expect(decide(reviewer, 'verification.decide', { ownerId: 'u1' })).toBe('FORBIDDEN');
    const admin = account({ roles: ['user', 'authority_admin'] });
    expect(decide(admin, 'user.manage', { ownerId: 'u1' })).toBe('FORBIDDEN');
    expect(decide(admin, 'user.manage', { ownerId: 'u2' })).toBe(true);
    expect(decide(admin, 'user.manage', { ownerId: 'u2', roles: ['user', 'authority_reviewer'] })).toBe(true);
    expect(decide(admin, 'user.manage', { ownerId: 'u2', roles: ['user', 'security_auditor'] })).toBe('SECOND_ADMIN_REQUIRED');
  });

  it('lets a publisher keep only its own department’s entries', () => {
    const publisher = account({ roles: ['user', 'provider_publisher'], departmentId: 'transport' });
    expect(decide(publisher, 'catalog.edit', { departmentId: 'transport' })).toBe(true);
    expect(decide(publisher, 'catalog.edit', { departmentId: 'health' })).toBe('FORBIDDEN');
    expect(decide(account({ roles: ['user', 'provider_reviewer'], departmentId: 'transport' }), 'catalog.edit', { departmentId: 'transport' })).toBe('FORBIDDEN');
    expect(permittedActions(publisher)).toEqual(expect.arrayContaining(['catalog.create', 'catalog.console']));
    expect(permittedActions(publisher)).not.toContain('catalog.console.all');
  });

  it('gives an auditor the audit trail and nothing to edit', () => {
    const auditor = account({ roles: ['user', 'security_auditor'] });
    const actions = permittedActions(auditor);
    expect(actions).toContain('audit.read');
    expect(actions.filter((a) => /create|edit|manage|update|decide|review/.test(a) && !a.startsWith('me.'))).toEqual([]);
  });
});
