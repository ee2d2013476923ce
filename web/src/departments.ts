import { api } from './api';
import { site } from './site';
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

/**
 * The order a reader looks for a department in: the authority, then the city's own
 * departments, then the districts' and the rest, each group in the API's (name) order.
 */
export function cityFirst(departments: Department[]): Department[] {
  const rank = (d: Department) => (d.kind === 'authority' ? 0 : d.name.startsWith(site.city.zh) ? 1 : 2);
  return [...departments].sort((a, b) => rank(a) - rank(b));
}
