/** The catalog entry an application is for, as GET /api/v1/catalog/:id describes it to an applicant. */
import { api } from '../../api';
import type { MessageKey, Translate } from '../../i18n';
import { useRequest } from '../../useRequest';
import type { CatalogEntry } from '../catalog/types';

/** The entry an application is for, as the catalog answers it (its conditions name the capabilities to declare). */
export type ApplicableEntry = CatalogEntry;

const KNOWN_CAPABILITIES = new Set(['mlps_level2', 'security_policy', 'security_staff', 'domestic_storage', 'encryption', 'access_logging']);

/** A required security capability's code and its name in the chosen language (the code when the locale does not know it). */
export function capabilityOf(code: string, t: Translate): { code: string; label: string } {
  return { code, label: KNOWN_CAPABILITIES.has(code) ? t(`capability.${code}` as MessageKey) : code };
}

export function requestableFields(entry: Pick<ApplicableEntry, 'fields'>): ApplicableEntry['fields'] {
  return entry.fields.filter((f) => f.requestable !== false);
}

/** The entry, loaded when there is an id; a withdrawn or hidden one answers 404. */
export function useEntry(entryId: string | undefined) {
  return useRequest(
    () => (entryId ? api.get<ApplicableEntry>(`/api/v1/catalog/${encodeURIComponent(entryId)}`) : Promise.resolve(undefined)),
    [entryId],
  );
}

/** A data item's title as the catalog names it; its field name when the entry cannot be read. */
export function fieldLabel(entry: Pick<ApplicableEntry, 'fields'> | undefined, name: string): string {
  return entry?.fields.find((f) => f.name === name)?.title || name;
}
