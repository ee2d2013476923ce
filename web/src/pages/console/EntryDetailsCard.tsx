import { Card, Tabs } from 'antd';
import { useI18n } from '../../i18n';
import { FieldsTable } from '../catalog/FieldsTable';
import { HistoryTimeline } from '../catalog/HistoryTimeline';
import { MetadataPanel } from '../catalog/MetadataPanel';
import type { CatalogEntry } from '../catalog/types';
import { RevisionDiff } from './RevisionDiff';

/** An entry's metadata, 数据项 (sensitivity shown) and history, as the console and the review page show them. */
export function EntryDetailsCard({ entry, withRevision = false }: { entry: CatalogEntry; withRevision?: boolean }) {
  const { t } = useI18n();
  return (
    <Card className="console-card">
      <Tabs items={[
        ...(withRevision && entry.pendingRevision ? [{ key: 'revision', label: t('review.revision'), children: <RevisionDiff entry={entry} /> }] : []),
        { key: 'metadata', label: t('dataset.metadata'), children: <MetadataPanel entry={entry} /> },
        { key: 'fields', label: t('dataset.fields', { n: entry.fields.length }), children: <FieldsTable items={entry.fields} showSensitive showRequestable={entry.openType === 'restricted'} /> },
        { key: 'history', label: t('dataset.history'), children: <HistoryTimeline entryId={entry.id} />, destroyOnHidden: true },
      ]} />
    </Card>
  );
}
