/** Message keys and tag colours for the catalog's enumerations; unknown values show as sent. */
import type { MessageKey, Translate } from '../../i18n';
import type { ConsistencyIssue, EntryStatus, FieldType, OpenType, VersionStatus } from './types';

export const OPEN_TYPE: Record<OpenType, { key: MessageKey; color: string }> = {
  unconditional: { key: 'openType.unconditional', color: 'green' },
  restricted: { key: 'openType.restricted', color: 'orange' },
  prohibited: { key: 'openType.prohibited', color: 'red' },
};

export const ENTRY_STATUS: Record<EntryStatus, { key: MessageKey; color: string }> = {
  draft: { key: 'entryStatus.draft', color: 'default' },
  submitted: { key: 'entryStatus.submitted', color: 'processing' },
  published: { key: 'entryStatus.published', color: 'success' },
  rejected: { key: 'entryStatus.rejected', color: 'error' },
  withdrawn: { key: 'entryStatus.withdrawn', color: 'warning' },
};

export const FREQUENCIES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'yearly', 'irregular'] as const;

const FREQUENCY: Record<string, MessageKey> = {
  realtime: 'frequency.realtime',
  daily: 'frequency.daily',
  weekly: 'frequency.weekly',
  monthly: 'frequency.monthly',
  quarterly: 'frequency.quarterly',
  semiannual: 'frequency.semiannual',
  yearly: 'frequency.yearly',
  irregular: 'frequency.irregular',
};

export const FIELD_TYPE: Record<FieldType, MessageKey> = {
  string: 'fieldType.string',
  integer: 'fieldType.integer',
  number: 'fieldType.number',
  date: 'fieldType.date',
  datetime: 'fieldType.datetime',
  boolean: 'fieldType.boolean',
};

export const VERSION_STATUS: Record<VersionStatus, { key: MessageKey; color: string }> = {
  ingesting: { key: 'versionStatus.ingesting', color: 'processing' },
  ready: { key: 'versionStatus.ready', color: 'success' },
  failed: { key: 'versionStatus.failed', color: 'error' },
  rejected: { key: 'versionStatus.rejected', color: 'default' },
  expired: { key: 'versionStatus.expired', color: 'default' },
};

const HISTORY_ACTION: Record<string, MessageKey> = {
  create: 'history.create',
  update: 'history.update',
  revise: 'history.revise',
  submit: 'history.submit',
  publish: 'history.publish',
  reject: 'history.reject',
  'approve-revision': 'history.approveRevision',
  'reject-revision': 'history.rejectRevision',
  withdraw: 'history.withdraw',
  'infer-fields': 'history.inferFields',
  'hold-data': 'history.holdData',
  import: 'history.import',
};

/** The names of the catalog elements, for history and revision diffs. */
export const ELEMENT: Record<string, MessageKey> = {
  title: 'element.title',
  summary: 'element.summary',
  departmentId: 'element.department',
  openType: 'element.openType',
  openConditions: 'element.openConditions',
  dataFormat: 'element.dataFormat',
  updateFrequency: 'element.updateFrequency',
  domain: 'element.domain',
  nationalTheme: 'element.nationalTheme',
  district: 'element.district',
  tags: 'element.tags',
  fields: 'element.fields',
  conditions: 'element.conditions',
  accessMethods: 'element.accessMethods',
  licence: 'element.licence',
  contactName: 'element.contactName',
  contactPhone: 'element.contactPhone',
  contactEmail: 'element.contactEmail',
};

export function frequencyName(t: Translate, value: string): string {
  const key = FREQUENCY[value];
  return key ? t(key) : value;
}

export function openTypeName(t: Translate, value: string): string {
  const label = OPEN_TYPE[value as OpenType];
  return label ? t(label.key) : value;
}

export function historyActionName(t: Translate, action: string): string {
  const key = HISTORY_ACTION[action];
  return key ? t(key) : action;
}

export function elementName(t: Translate, key: string): string {
  const name = ELEMENT[key];
  return name ? t(name) : key;
}

export function accessMethodName(t: Translate, method: string): string {
  if (method === 'data') return t('access.data');
  if (method === 'api') return t('access.api');
  return method;
}

/** One consistency finding, in the reader's language. */
export function issueText(t: Translate, issue: ConsistencyIssue): string {
  switch (issue.kind) {
    case 'missing_field': return t('issue.missingField', { field: issue.field });
    case 'extra_field': return t('issue.extraField', { field: issue.field });
    case 'type_mismatch': return t('issue.typeMismatch', { field: issue.field, declared: t(FIELD_TYPE[issue.declared] ?? 'fieldType.string'), found: t(FIELD_TYPE[issue.found] ?? 'fieldType.string') });
    case 'empty_field': return t('issue.emptyField', { field: issue.field });
    case 'rejected_rows': return t('issue.rejectedRows', { count: issue.count });
    case 'no_rows': return t('issue.noRows');
    case 'format_not_declared': return t('issue.formatNotDeclared', { format: issue.format });
    default: return JSON.stringify(issue);
  }
}

