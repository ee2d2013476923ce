import type pg from 'pg';
import type { DatastoreDialect } from './datastore-dialect.js';

export function postgresDatastore(_pool: pg.Pool): DatastoreDialect {
  return {
    columnType: (type) => ({ string: 'text', integer: 'bigint', number: 'double precision', date: 'text', datetime: 'text', boolean: 'integer' })[type],
  };
}
