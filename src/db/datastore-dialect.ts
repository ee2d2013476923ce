/**
 * What the datastore needs from the engine. Owned by the datastore; extend as it needs.
 */
export interface DatastoreDialect {
  /** SQL column type for a field type. */
  columnType(type: 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean'): string;
}
