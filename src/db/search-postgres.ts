import type { CatalogSearchAdapter } from './catalog-search.js';

/** PostgreSQL tsvector implementation (to be written by the search work). */
export const postgresCatalogSearch: CatalogSearchAdapter = {
  async createIndex() {},
  async upsert() {},
  async remove() {},
  async match() { return []; },
};
