import { describe, expect, it } from 'vitest';
import { isStrongPassword, isValidCreditCode, isValidIdNumber, isValidPhone, maskIdNumber, maskPhone } from './identity.js';

describe('citizen ID numbers (GB 11643)', () => {
  it('accepts numbers with a correct check character and birth date', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('330106199001011234')).toBe(false);
    expect(isValidIdNumber('33010619900101123X')).toBe(true);
    expect(isValidIdNumber('330106198506153212')).toBe(true);
  });
  it('rejects a wrong check character, impossible dates and future births', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300026')).toBe(false); // 30 February
    expect(isValidIdNumber('110105209901010014', new Date('2026-01-01'))).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber("1101051949' OR 1=1")).toBe(false);
  });
  it('masks all but region and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('masks a mobile number but its first three and last four digits', () => {
    expect(maskPhone('13800000003')).toBe('138****0003');
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts real codes and rejects a changed check character', () => {
    expect(isValidCreditCode('91330000MA27U0XL5E')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100YO3')).toBe(false); // O is not in the alphabet
  });
});

describe('phone numbers and passwords', () => {
  it('checks mainland mobile numbers', () => {
    expect(isValidPhone('13800138000')).toBe(true);
    expect(isValidPhone('12800138000')).toBe(false);
    expect(isValidPhone('1380013800')).toBe(false);
  });
  it('demands length and three character classes', () => {
    expect(isStrongPassword('Shukai2026!')).toBe(true);
    expect(isStrongPassword('shukai2026!')).toBe(true);
    expect(isStrongPassword('shukai2026')).toBe(false);
    expect(isStrongPassword('Sk2026!')).toBe(false);
  });
});
