/** Between the entry as the API sends it and the form's values (lists where the API keeps text). */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api';
import { showServerError } from '../../forms';
import type { CatalogEntry, EntryInput, RestrictedConditions } from '../catalog/types';

export interface EntryFormValues extends Omit<EntryInput, 'dataFormat' | 'conditions'> {
  dataFormat: string[];
  /** Filled in whatever the open type; sent only for a restricted entry. */
  conditions: RestrictedConditions;
}

/** What a keeper starts from when an entry becomes restricted: the platform's baseline. */
export const DEFAULT_CONDITIONS: RestrictedConditions = { minCreditLevel: 'B', applicantType: 'either', capabilities: ['security_policy', 'domestic_storage'] };

export const FORM_FIELDS = [
  'title', 'summary', 'departmentId', 'openType', 'openConditions', 'conditions', 'dataFormat', 'updateFrequency', 'domain', 'nationalTheme',
  'district', 'tags', 'fields', 'accessMethods', 'licence', 'contactName', 'contactPhone', 'contactEmail',
] as const;

export const FORMAT_CHOICES = ['CSV', 'XLSX', 'JSON', 'XML', 'PDF', 'ZIP', 'SHP'];

/** A published entry is edited as its pending revision over the live values. */
export function toFormValues(entry: CatalogEntry): EntryFormValues {
  const merged: EntryInput = { ...entry, ...(entry.pendingRevision ?? {}) };
  return {
    title: merged.title, summary: merged.summary, departmentId: merged.departmentId, openType: merged.openType, openConditions: merged.openConditions,
    conditions: merged.conditions ?? DEFAULT_CONDITIONS,
    dataFormat: merged.dataFormat.split(/[,，、/;；\s]+/).filter(Boolean), updateFrequency: merged.updateFrequency, domain: merged.domain,
    nationalTheme: merged.nationalTheme, district: merged.district, tags: merged.tags, fields: merged.fields, accessMethods: merged.accessMethods,
    licence: merged.licence, contactName: merged.contactName, contactPhone: merged.contactPhone, contactEmail: merged.contactEmail,
  };
}

export function toInput(values: EntryFormValues): EntryInput {
  const text = (v: string | undefined) => (v ?? '').trim();
  return {
    title: text(values.title), summary: text(values.summary), departmentId: values.departmentId, openType: values.openType,
    openConditions: values.openType === 'restricted' ? text(values.openConditions) : '',
    conditions: values.openType === 'restricted' ? { ...DEFAULT_CONDITIONS, ...values.conditions, capabilities: values.conditions?.capabilities ?? [] } : null,
    dataFormat: (values.dataFormat ?? []).map((f) => f.trim().toUpperCase()).filter(Boolean).join(','),
    updateFrequency: values.updateFrequency, domain: text(values.domain), nationalTheme: text(values.nationalTheme), district: text(values.district),
    tags: (values.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    fields: (values.fields ?? []).map((f) => ({
      name: text(f.name), title: text(f.title), type: f.type, unit: text(f.unit), description: text(f.description), filterable: Boolean(f.filterable), sensitive: Boolean(f.sensitive),
      requestable: f.requestable !== false,
    })),
    accessMethods: values.accessMethods ?? [], licence: text(values.licence), contactName: text(values.contactName),
    contactPhone: text(values.contactPhone), contactEmail: text(values.contactEmail),
  };
}

/** Server errors on a 数据项 ("fields.2.name") land on that row's cell; others as forms.ts does. */
export function showEntryError(form: FormInstance, err: unknown): string | null {
  const match = err instanceof ApiError && err.field ? /^fields\.(\d+)\.(\w+)$/.exec(err.field) : null;
  // "conditions.capabilities.1": the conditions' own controls.
  const condition = err instanceof ApiError && err.field ? /^conditions\.(\w+)/.exec(err.field) : null;
  if (condition) {
    const name = ['conditions', condition[1]!];
    form.setFields([{ name, errors: [err instanceof Error ? err.message.replace(/（字段：[^）]*）| \(field: [^)]*\)/, '') : ''] }]);
    form.scrollToField(name);
    return null;
  }
  if (match) {
    const name = ['fields', Number(match[1]), match[2]!];
    form.setFields([{ name, errors: [err instanceof Error ? err.message.replace(/（字段：[^）]*）| \(field: [^)]*\)/, '') : ''] }]);
    form.scrollToField(name);
    return null;
  }
  return showServerError(form, err, FORM_FIELDS);
}
