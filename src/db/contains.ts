import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `column LIKE %text%` with the user's % and _ taken literally. The explicit ESCAPE clause
 * is needed because SQLite, unlike PostgreSQL, has no default escape character.
 */
export function contains(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
