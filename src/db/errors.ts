/**
 * Whether a write was refused by a unique index or constraint: PostgreSQL's SQLSTATE 23505, or
 * better-sqlite3's SQLITE_CONSTRAINT_UNIQUE (and _PRIMARYKEY). Told from the error alone,
 * since inside a transaction on PostgreSQL nothing more may be asked once a statement failed.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
