import type { Selectable } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { dataItem, FIELD_TYPES, UPDATE_FREQUENCIES, type DataItem, type UpdateFrequency } from '../../domain/catalog.js';
import { isValidEmail } from '../../domain/identity.js';
import { checkConditions, type RestrictedConditions } from '../../domain/restricted.js';
import type { CatalogEntryTable, OpenType } from '../../db/schema.js';

/** The metadata a keeper edits: every element rule 一.4 names. */
export interface EntryInput {
  title: string;
  summary: string;
  departmentId: string;
  openType: OpenType;
  /** 开放条件 in words. */
  openConditions: string;
  /** 开放条件 as structure: a restricted entry's, the same for every applicant; null for any other entry. */
  conditions: RestrictedConditions | null;
  dataFormat: string;
  updateFrequency: UpdateFrequency;
  domain: string;
  nationalTheme: string;
  district: string;
  tags: string[];
  fields: DataItem[];
  accessMethods: string[];
  licence: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

export const EDITABLE_KEYS: (keyof EntryInput)[] = [
  'title', 'summary', 'departmentId', 'openType', 'openConditions', 'conditions', 'dataFormat', 'updateFrequency', 'domain',
  'nationalTheme', 'district', 'tags', 'fields', 'accessMethods', 'licence', 'contactName', 'contactPhone', 'contactEmail',
];

/** Checks what the schema cannot: rules between fields, and the 数据项 list. */
export function checkEntryInput(input: EntryInput): void {
  if (!input.title.trim()) throw new AppError('VALIDATION_FAILED', 'title', '目录名称不能为空');
  if (!Object.hasOwn(UPDATE_FREQUENCIES, input.updateFrequency)) throw new AppError('VALIDATION_FAILED', 'updateFrequency');
  if (input.openType === 'restricted' && !input.openConditions.trim()) throw new AppError('CONDITIONS_REQUIRED', 'openConditions');
  // 二.2: what an applicant must meet is set with the entry and reviewed with it.
  if (input.openType === 'restricted' && !input.conditions) throw new AppError('CONDITIONS_REQUIRED', 'conditions', '须设定申请条件（信用等级、申请人类型、安全能力要求）');
  if (input.openType !== 'restricted' && input.conditions) throw new AppError('VALIDATION_FAILED', 'conditions', '只有受限开放目录设定申请条件');
  if (input.conditions) checkConditions(input.conditions);
  if (input.contactEmail && !isValidEmail(input.contactEmail)) throw new AppError('INVALID_EMAIL', 'contactEmail');
  const names = new Set<string>();
  input.fields.forEach((f, i) => {
    if (!f.name.trim()) throw new AppError('VALIDATION_FAILED', `fields.${i}.name`, '数据项名称不能为空');
    if (names.has(f.name)) throw new AppError('VALIDATION_FAILED', `fields.${i}.name`, `数据项“${f.name}”重复`);
    if (!FIELD_TYPES.includes(f.type)) throw new AppError('VALIDATION_FAILED', `fields.${i}.type`);
    names.add(f.name);
  });
}

export function rowToInput(row: Selectable<CatalogEntryTable>): EntryInput {
  return {
    title: row.title,
    summary: row.summary,
    departmentId: row.department_id,
    openType: row.open_type,
    openConditions: row.open_conditions,
    conditions: row.restricted_conditions ? (JSON.parse(row.restricted_conditions) as RestrictedConditions) : null,
    dataFormat: row.data_format,
    updateFrequency: row.update_frequency as UpdateFrequency,
    domain: row.domain,
    nationalTheme: row.national_theme,
    district: row.district,
    tags: JSON.parse(row.tags),
    fields: (JSON.parse(row.fields) as DataItem[]).map(dataItem),
    accessMethods: JSON.parse(row.access_methods),
    licence: row.licence,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
  };
}

export function inputToColumns(input: EntryInput) {
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    department_id: input.departmentId,
    open_type: input.openType,
    open_conditions: input.openConditions.trim(),
    restricted_conditions: input.conditions ? JSON.stringify(input.conditions) : null,
    data_format: input.dataFormat.trim(),
    update_frequency: input.updateFrequency,
    domain: input.domain.trim(),
    national_theme: input.nationalTheme.trim(),
    district: input.district.trim(),
    tags: JSON.stringify(input.tags.map((t) => t.trim()).filter(Boolean)),
    fields: JSON.stringify(input.fields),
    access_methods: JSON.stringify(input.accessMethods),
    licence: input.licence.trim(),
    contact_name: input.contactName.trim(),
    contact_phone: input.contactPhone.trim(),
    contact_email: input.contactEmail.trim(),
  };
}

/**
 * A change of open type away from 受限开放 takes the conditions with it, unless the same change
 * sets them (which the check then refuses): only restricted entries have any.
 */
export function followOpenType(patch: Partial<EntryInput>): Partial<EntryInput> {
  return patch.openType && patch.openType !== 'restricted' && patch.conditions === undefined ? { ...patch, conditions: null } : patch;
}

/** What changed, key by key, for the history a user reads. */
export function diffInputs(before: Partial<EntryInput>, after: Partial<EntryInput>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of EDITABLE_KEYS) {
    if (!(key in after)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = [before[key] ?? null, after[key]];
  }
  return changes;
}
