import type { ReactNode } from 'react';
import { Table, Tag } from 'antd';
import { useDepartments } from '../../departments';
import { useI18n, type Lang, type Translate } from '../../i18n';
import { conditionsSummary } from '../catalog/ConditionsView';
import { useCatalogOptions } from '../catalog/options';
import { accessMethodName, elementName, frequencyName, openTypeName } from '../catalog/labels';
import type { CatalogEntry, CatalogOptions, DataItem, EntryInput, RestrictedConditions } from '../catalog/types';

function show(t: Translate, lang: Lang, key: keyof EntryInput, value: unknown, departmentName: (id: string) => string, options?: CatalogOptions): ReactNode {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  switch (key) {
    case 'openType': return openTypeName(t, String(value));
    case 'updateFrequency': return frequencyName(t, String(value));
    case 'departmentId': return departmentName(String(value));
    case 'accessMethods': return (value as string[]).map((m) => accessMethodName(t, m)).join('、');
    case 'tags': return (value as string[]).map((tag) => <Tag key={tag}>{tag}</Tag>);
    case 'fields': return (
      <ul className="diff-fields">
        {(value as DataItem[]).map((f) => (
          <li key={f.name}><span className="mono">{f.name}</span> {f.title} · {f.type}{f.unit ? ` · ${f.unit}` : ''}
            {f.sensitive ? ` · ${t('fields.sensitive')}` : ''}{f.requestable === false ? ` · ${t('fields.notRequestable')}` : ''}</li>
        ))}
      </ul>
    );
    case 'conditions': return conditionsSummary(t, lang, value as RestrictedConditions, options);
    default: return <span className="pre-wrap">{String(value)}</span>;
  }
}

/** The pending revision of a published entry beside its live values, element by element. */
export function RevisionDiff({ entry }: { entry: CatalogEntry }) {
  const { t, lang } = useI18n();
  const { data: departments } = useDepartments();
  const { data: options } = useCatalogOptions();
  const departmentName = (id: string) => departments?.find((d) => d.id === id)?.name ?? id;
  const revision = entry.pendingRevision ?? {};
  const keys = (Object.keys(revision) as (keyof EntryInput)[]).filter((k) => JSON.stringify(revision[k]) !== JSON.stringify(entry[k]));
  return (
    <Table
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      dataSource={keys.map((key) => ({ key }))}
      locale={{ emptyText: t('review.noChanges') }}
      columns={[
        { title: t('review.element'), dataIndex: 'key', width: 140, render: (k: string) => <strong>{elementName(t, k)}</strong> },
        { title: t('review.live'), key: 'live', render: (_, r) => <div className="diff-old">{show(t, lang, r.key, entry[r.key], departmentName, options)}</div> },
        { title: t('review.revised'), key: 'revised', render: (_, r) => <div className="diff-new">{show(t, lang, r.key, revision[r.key], departmentName, options)}</div> },
      ]}
    />
  );
}
