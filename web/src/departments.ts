import { api } from './api';
import type { Department } from './types';
import { useRequest, type RequestState } from './useRequest';

/** The public department list, fetched once per page load and shared by header, footer and pages. */
let cached: Promise<Department[]> | null = null;

export function loadDepartments(): Promise<Department[]> {
  cached ??= api.get<{ items: Department[] }>('/api/v1/departments').then((res) => res.items).catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

/** After the console changes a department, the next reader fetches afresh. */
export function invalidateDepartments(): void {
  cached = null;
}

export function useDepartments(): RequestState<Department[]> {
  return useRequest(loadDepartments, []);
}
