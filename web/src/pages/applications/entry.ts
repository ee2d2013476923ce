/** The catalog entry an application is for, as GET /api/v1/catalog/:id describes it to an applicant. */
import { api } from '../../api';
import type { Bilingual } from '../../consultations';
import type { Lang, MessageKey, Translate } from '../../i18n';
import { useRequest } from '../../useRequest';
import type { CatalogEntry, DataItem } from '../catalog/types';

/**
 * A required security capability: a code, or a code with its label. The entry's structured
 * conditions are newer than the catalog page; both shapes are read.
 */
export type CapabilityOption = string | { code: string; label?: Bilingual | string; message?: string };

export interface ApplicableEntry extends Omit<CatalogEntry, 'fields'> {
  /** An item the provider does not offer to applicants says `requestable: false`. */
  fields: (DataItem & { requestable?: boolean })[];
  conditions?: { capabilities?: CapabilityOption[] } | null;
}

const KNOWN_CAPABILITIES = new Set(['mlps_level2', 'security_policy', 'security_staff', 'domestic_storage', 'encryption', 'access_logging']);

/** A capability's code and its name in the chosen language (the server's, else the locale's, else the code). */
export function capabilityOf(option: CapabilityOption, lang: Lang, t: Translate): { code: string; label: string } {
  const code = typeof option === 'string' ? option : option.code;
  if (typeof option !== 'string') {
    if (typeof option.label === 'string') return { code, label: option.label };
    if (option.label) return { code, label: option.label[lang] };
    if (option.message) return { code, label: option.message };
  }
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
