/**
 * The digest the platform records for a signed agreement PDF: SM3 (GB/T 32905), the national
 * hash the rules' 密码应用安全性评估 expects, from Node's own OpenSSL.
 */
import { createHash } from 'node:crypto';

/** SM3 of the bytes, as 64 lower-case hexadecimal characters. */
export function sm3Hex(data: Buffer | Uint8Array | string): string {
  return createHash('sm3').update(data).digest('hex');
}
