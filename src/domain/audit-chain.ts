/**
 * The audit trail is a hash chain: each row's hash covers its own fields and the previous
 * row's hash, so editing or deleting any row breaks every hash after it. What a chain alone
 * cannot show is its newest rows cut off, or the tail rewritten with every hash recomputed:
 * for that, the head (seq and hash) is kept elsewhere as an anchor and checked later.
 */
import { createHash } from 'node:crypto';
import smCrypto from 'sm-crypto';
import type { AuditHash } from '../config.js';

export interface AuditEntry {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  ip: string;
  outcome: string;
  status_code: number;
  detail: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function hashEntry(algorithm: AuditHash, prevHash: string, entry: AuditEntry): string {
  // A JSON array fixes field order and escapes separators, so no two entries serialise alike.
  const canonical = JSON.stringify([
    prevHash, entry.seq, entry.at, entry.actor_id, entry.action, entry.target,
    entry.ip, entry.outcome, entry.status_code, entry.detail,
  ]);
  return algorithm === 'sm3' ? smCrypto.sm3(canonical) : createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'hash' | 'link' | 'gap' | 'truncated' | 'anchor' };

/** A row's seq and hash, kept outside the database. */
export interface AuditAnchor { seq: number; hash: string }

/** "seq:hash", as the CLI and the API take an anchor; null when it is not one. */
export function parseAnchor(text: string): AuditAnchor | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

/**
 * Walks rows in seq order and returns the first row that does not fit the chain.
 * Rows come as an iterable so a long log is checked in constant memory.
 */
export async function findChainBreak(
  algorithm: AuditHash,
  rows: AsyncIterable<AuditEntry & { prev_hash: string; hash: string }>,
): Promise<ChainBreak | null> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for await (const row of rows) {
    if (row.seq !== expectedSeq) return { seq: expectedSeq, reason: 'gap' };
    if (row.prev_hash !== prevHash) return { seq: row.seq, reason: 'link' };
    if (hashEntry(algorithm, row.prev_hash, row) !== row.hash) return { seq: row.seq, reason: 'hash' };
    prevHash = row.hash;
    expectedSeq++;
  }
  return null;
}
