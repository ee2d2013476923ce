import { api } from '../../api';
import type { Lang } from '../../i18n';
import { useRequest, type RequestState } from '../../useRequest';
import type { CatalogOptions } from './types';

/** The catalog's enumerations with their labels (GET /api/v1/catalog/options), fetched once per page load. */
let cached: Promise<CatalogOptions> | null = null;

function loadOptions(): Promise<CatalogOptions> {
  cached ??= api.get<CatalogOptions>('/api/v1/catalog/options').catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

export function useCatalogOptions(): RequestState<CatalogOptions> {
  return useRequest(loadOptions, []);
}

/** A code's label in the reader's language, or the code itself when the list does not know it. */
export function labelOf(lang: Lang, labels: Record<string, { zh: string; en: string }> | undefined, code: string): string {
  const label = labels?.[code];
  return label ? label[lang] : code;
}
