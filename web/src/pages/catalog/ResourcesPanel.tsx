import { BarChartOutlined, CloudDownloadOutlined, FileOutlined, TableOutlined, ApiOutlined } from '@ant-design/icons';
import { Empty, Segmented, Tabs, Typography } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Loading } from '../../components/Loading';
import { formatCount, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { AccessPrompt } from './AccessPrompt';
import { ApiPanel } from './ApiPanel';
import { useDataAccess } from './dataAccess';
import { DownloadPanel } from './DownloadPanel';
import { FileResource } from './FileResource';
import { PreviewTable } from './PreviewTable';
import type { CatalogEntry, ResourceSummary } from './types';

// The charting library is the largest part of this page; it loads when statistics are opened.
const StatsPanel = lazy(() => import('./stats/StatsPanel'));

function TableResource({ resource, entry }: { resource: ResourceSummary; entry: CatalogEntry }) {
  const { t } = useI18n();
  const [tab, setTab] = useState('preview');
  // Restricted rows, even the first page and the statistics, are only for approved applicants.
  const restricted = useDataAccess().state === 'restricted';
  if (resource.currentVersion === null) return <Empty description={t('resource.noData')} />;
  const gated = (panel: ReactNode) => (restricted ? <AccessPrompt step="restricted" /> : panel);
  // Restricted data is downloaded once applied for; until then its sample, from the panel above.
  const download = restricted ? <><AccessPrompt step="restricted" /><p className="muted">{t('restricted.sampleAbove')}</p></> : <DownloadPanel resourceId={resource.id} />;
  return (
    <Tabs activeKey={tab} onChange={setTab} type="card" className="resource-tabs" destroyOnHidden items={[
      { key: 'preview', icon: <TableOutlined />, label: t('resource.preview'), children: gated(<PreviewTable resource={resource} items={entry.fields} />) },
      { key: 'stats', icon: <BarChartOutlined />, label: t('resource.stats'), children: gated(<Suspense fallback={<Loading />}><StatsPanel resourceId={resource.id} items={entry.fields} /></Suspense>) },
      ...(entry.accessMethods.includes('data') ? [{ key: 'download', icon: <CloudDownloadOutlined />, label: t('resource.download'), children: download }] : []),
      ...(entry.accessMethods.includes('api') ? [{ key: 'api', icon: <ApiOutlined />, label: t('resource.api'), children: <ApiPanel resource={resource} /> }] : []),
    ]} />
  );
}

/** 数据资源: choose one of the entry's resources, then its preview, statistics, downloads and API. */
export function ResourcesPanel({ entry }: { entry: CatalogEntry }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState(entry.resources[0]?.id);
  const resource = entry.resources.find((r) => r.id === chosen) ?? entry.resources[0];
  if (!resource) return <Empty description={t('resource.none')} />;
  return (
    <div className="resources">
      {entry.resources.length > 1 && (
        <Segmented value={resource.id} onChange={(id) => setChosen(id)} className="resource-picker"
          options={entry.resources.map((r) => ({ value: r.id, label: r.name, icon: r.kind === 'file' ? <FileOutlined /> : <TableOutlined /> }))} />
      )}
      <div className="resource-head">
        <Typography.Title level={4} className="resource-name">{resource.kind === 'file' ? <FileOutlined /> : <TableOutlined />} {resource.name}</Typography.Title>
        <Typography.Text type="secondary">
          {resource.kind === 'table' && resource.rowCount !== null ? `${t('resource.rows', { n: formatCount(resource.rowCount) })} · ` : ''}
          {t('resource.updated', { at: formatDateTime(resource.updatedAt) })}
        </Typography.Text>
      </div>
      {resource.kind === 'file' ? <FileResource resource={resource} /> : <TableResource key={resource.id} resource={resource} entry={entry} />}
    </div>
  );
}
