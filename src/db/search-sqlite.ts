import type { CatalogSearchAdapter } from './catalog-search.js';

/** SQLite FTS5 implementation (to be written by the search work). */
export const sqliteCatalogSearch: CatalogSearchAdapter = {
  async createIndex() {},
  async upsert() {},
  async remove() {},
  async match() { return []; },
};
