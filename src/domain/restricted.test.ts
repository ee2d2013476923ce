import { describe, expect, it } from 'vitest';
import { checkConditions, eligibility, meetsCreditLevel, type ApplicantFacts, type RestrictedConditions } from './restricted.js';

const conditions: RestrictedConditions = { minCreditLevel: 'B', applicantType: 'organization', capabilities: ['mlps_level2', 'domestic_storage'] };
const company: ApplicantFacts = { verified: true, verifiedAs: 'organization', creditLevel: 'A', licenceAccepted: true };
const codes = (facts: ApplicantFacts, c: RestrictedConditions | null = conditions) => eligibility(facts, c).missing.map((m) => m.code);

describe('restricted-data eligibility (二.2)', () => {
  it('finds nothing missing for a verified organization of a good enough credit level', () => {
    const answer = eligibility(company, conditions);
    expect(answer).toMatchObject({ eligible: true, sampleAllowed: true, missing: [] });
    // Capabilities are declared in the application, not checked here.
    expect(answer.declare.map((d) => d.code)).toEqual(['mlps_level2', 'domestic_storage']);
    expect(answer.declare[0]!.message).toContain('等级保护');
  });

  it('names each thing the applicant lacks, with what it stands in the way of', () => {
    const answer = eligibility({ verified: true, verifiedAs: 'person', creditLevel: 'C', licenceAccepted: false }, conditions);
    expect(answer.eligible).toBe(false);
    expect(answer.sampleAllowed).toBe(false);
    expect(answer.missing).toEqual([
      { code: 'CREDIT_LEVEL_TOO_LOW', blocks: ['application'], message: '须信用等级 B 级及以上，您当前为 C 级' },
      { code: 'APPLICANT_TYPE_MISMATCH', blocks: ['application'], message: expect.stringContaining('仅限法人或非法人组织申请') },
      { code: 'LICENCE_REQUIRED', blocks: ['sample'], message: expect.stringContaining('授权许可使用协议') },
    ]);
  });

  it('asks an unverified account to verify first, which the sample needs too', () => {
    const answer = eligibility({ verified: false, verifiedAs: null, creditLevel: 'B', licenceAccepted: false }, conditions);
    expect(answer.missing).toEqual([{ code: 'VERIFICATION_REQUIRED', blocks: ['application', 'sample'], message: '须先完成实名认证' }]);
    expect(answer).toMatchObject({ eligible: false, sampleAllowed: false });
  });

  it('lets the licence stand only in the way of the sample', () => {
    const answer = eligibility({ ...company, licenceAccepted: false }, conditions);
    expect(answer).toMatchObject({ eligible: true, sampleAllowed: false });
  });

  it('takes persons and organizations alike when the entry says either', () => {
    expect(codes({ ...company, verifiedAs: 'person' }, { ...conditions, applicantType: 'either' })).toEqual([]);
    expect(codes({ ...company, verifiedAs: 'person' }, { ...conditions, applicantType: 'person' })).toEqual([]);
    expect(codes(company, { ...conditions, applicantType: 'person' })).toEqual(['APPLICANT_TYPE_MISMATCH']);
  });

  it('cannot be applied for before its keepers set conditions', () => {
    expect(eligibility(company, null)).toMatchObject({ eligible: false, sampleAllowed: true, missing: [{ code: 'CONDITIONS_NOT_SET', blocks: ['application'] }] });
  });

  it('ranks credit levels from A (best) to D, and an unknown level meets none', () => {
    expect(meetsCreditLevel('A', 'B')).toBe(true);
    expect(meetsCreditLevel('B', 'B')).toBe(true);
    expect(meetsCreditLevel('D', 'C')).toBe(false);
    expect(meetsCreditLevel('Z', 'D')).toBe(false);
  });

  it('refuses unknown or repeated capabilities', () => {
    expect(() => checkConditions({ ...conditions, capabilities: ['mlps_level2', 'mlps_level2'] })).toThrow(/capabilities\.1/);
    expect(() => checkConditions({ ...conditions, capabilities: ['blockchain' as never] })).toThrow(/VALIDATION_FAILED/);
    expect(() => checkConditions({ ...conditions, applicantType: 'citizen' as never })).toThrow(/applicantType/);
    expect(() => checkConditions(conditions)).not.toThrow();
  });
});
