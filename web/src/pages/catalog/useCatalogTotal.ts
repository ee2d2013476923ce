import { api } from '../../api';
import { useRequest } from '../../useRequest';
import type { CatalogSearchResult } from './types';

/** How many data sets the public catalog lists. */
export function useCatalogTotal() {
  return useRequest(() => api.get<CatalogSearchResult>('/api/v1/catalog?pageSize=1').then((r) => r.total), []);
}
