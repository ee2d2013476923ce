import { api } from './api';
import type { RoleLabels } from './types';
import { useRequest } from './useRequest';

let cached: Promise<RoleLabels> | null = null;

/** Role names in Chinese and English, fetched once. */
export function useRoleLabels() {
  return useRequest(() => {
    cached ??= api.get<{ items: RoleLabels }>('/api/v1/roles').then((r) => r.items).catch((err: unknown) => {
      cached = null;
      throw err;
    });
    return cached;
  }, []);
}
