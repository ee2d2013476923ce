import { Button, Card, Skeleton, Tabs } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { PageBanner } from '../../components/PageBanner';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { AccessPrompt } from './AccessPrompt';
import { DataAccessProvider, useDataAccess } from './dataAccess';
import { EntryLoadError } from './EntryLoadError';
import { EntrySummary } from './EntrySummary';
import { FieldsTable } from './FieldsTable';
import { HistoryTimeline } from './HistoryTimeline';
import { MetadataPanel } from './MetadataPanel';
import { ResourcesPanel } from './ResourcesPanel';
import { RestrictedPanel } from './RestrictedPanel';
import { PublicQaList } from '../consult/PublicQaList';
import type { CatalogEntry } from './types';

/** What the reader still needs before the data is theirs, above the resources. */
function AccessBanner() {
  const { state } = useDataAccess();
  return state === 'ok' || state === 'loading' ? null : <AccessPrompt step={state} banner />;
}

/** 数据集详情: the entry's metadata, 数据项, resources (preview, statistics, download, API) and history. */
export default function DatasetPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data: entry, error, loading } = useRequest(() => api.get<CatalogEntry>(`/api/v1/catalog/${encodeURIComponent(id)}`), [id]);

  return (
    <>
      <PageBanner title={entry?.title ?? t('nav.catalog')} subtitle={entry?.department.name}
        crumbs={[{ title: t('nav.catalog'), to: '/catalog' }, ...(entry ? [{ title: entry.title }] : [])]} />
      <div className="container page-body">
        {error && <EntryLoadError error={error} />}
        {loading && !entry && <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>}
        {entry && (
          <DataAccessProvider entry={entry}>
            <EntrySummary entry={entry} />
            {entry.openType === 'restricted' && <RestrictedPanel entry={entry} />}
            <Card className="dataset-section" title={t('dataset.metadata')}>
              <MetadataPanel entry={entry} />
            </Card>
            <Card className="dataset-section">
              <AccessBanner />
              <Tabs size="large" items={[
                { key: 'resources', label: t('dataset.resources', { n: entry.resources.length }), children: <ResourcesPanel entry={entry} /> },
                { key: 'fields', label: t('dataset.fields', { n: entry.fields.length }), children: <FieldsTable items={entry.fields} showRequestable={entry.openType === 'restricted'} /> },
                { key: 'history', label: t('dataset.history'), children: <HistoryTimeline entryId={entry.id} />, destroyOnHidden: true },
              ]} />
            </Card>
            <Card className="dataset-section" title={t('consult.qaTitle')}
              extra={<Link to={`/consult?entry=${encodeURIComponent(entry.id)}`}><Button type="primary">{t('consult.askAbout')}</Button></Link>}>
              <PublicQaList entryId={entry.id} />
            </Card>
          </DataAccessProvider>
        )}
      </div>
    </>
  );
}
