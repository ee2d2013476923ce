/**
 * Whether a write was refused by a unique index or constraint: PostgreSQL's SQLSTATE 23505, or
 * better-sqlite3's SQLITE_CONSTRAINT_UNIQUE (and _PRIMARYKEY). Told from the error alone,
 * since inside a transaction on PostgreSQL nothing more may be asked once a statement failed.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Whether PostgreSQL gave up one of two transactions that waited for each other (40P01
 * deadlock_detected, 40001 serialization_failure). Its work was rolled back whole, so for its
 * caller it lost a race: a 409, not a server error. Commands lock in one order (case before
 * subject) so this stays a safety net rather than a path.
 */
export function isLostRace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
