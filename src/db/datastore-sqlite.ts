import type SQLite from 'better-sqlite3';
import type { DatastoreDialect } from './datastore-dialect.js';

export function sqliteDatastore(_conn: SQLite.Database, _file: string): DatastoreDialect {
  return {
    columnType: (type) => ({ string: 'text', integer: 'integer', number: 'real', date: 'text', datetime: 'text', boolean: 'integer' })[type],
  };
}
