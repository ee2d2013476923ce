/**
 * Checks of identity documents, done in code before any verifier sees them:
 * GB 11643 citizen ID numbers and GB 32100 unified social credit codes.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character citizen ID number: MOD 11-2 check character and a real, past birth date. */
export function isValidIdNumber(value: string, today = new Date()): boolean {
  const id = value.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) return false;
  if (date.getUTCFullYear() < 1900 || date > today) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** Keeps the region and the last four characters: enough to recognise, not to reuse. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/** Keeps the carrier prefix and the last four digits, as Chinese portals show a mobile number. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Every mainland mobile number in a free text (an audit row's detail, say), masked. */
export function maskPhonesIn(text: string): string {
  return text.replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, maskPhone);
}

// GB 32100: the code's alphabet omits I, O, Z, S and V.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** An 18-character unified social credit code with a correct MOD 31 check character. */
export function isValidCreditCode(value: string): boolean {
  const code = value.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = CREDIT_WEIGHTS.reduce((acc, w, i) => acc + w * CREDIT_CHARS.indexOf(code[i]!), 0);
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

/**
 * A mobile number as people write it (“+86 138-0000-0099”, “138 0000 0099”) in the form it
 * is stored and checked in: the 11 digits. Anything else is returned as it came.
 */
export function normalizePhone(value: string): string {
  const digits = value.replace(/[\s\-()（）]/g, '').replace(/^(?:\+86|0086)/, '');
  return /^\d{11}$/.test(digits) ? digits : value;
}

/** A mainland mobile number, 11 digits starting with 1[3-9]. */
export function isValidPhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/**
 * An email address as stored and compared: trimmed and in lower case, since mail providers
 * ignore case, so that 'A@x.cn' and 'a@x.cn' are one sign-in name belonging to one account.
 */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** What a person signs in with, in its stored form: an email address or a mobile number. */
export function normalizeAccountName(value: string): string {
  const given = value.trim();
  return given.includes('@') ? normalizeEmail(given) : normalizePhone(given);
}

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(value);
}

/** At least 10 characters from at least three of: upper case, lower case, digits, symbols. */
export function isStrongPassword(value: string): boolean {
  if (value.length < 10 || value.length > 128) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  return classes >= 3;
}
