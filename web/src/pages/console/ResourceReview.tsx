import { DownloadOutlined, FileOutlined, TableOutlined } from '@ant-design/icons';
import { Card, Descriptions, Skeleton, Table, Tag } from 'antd';
import { api, query } from '../../api';
import { formatCount, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { formatBytes } from '../../format';
import { VERSION_STATUS } from '../catalog/labels';
import { cellText } from '../catalog/PreviewTable';
import type { RecordPage, RecordValue, ResourceSummary, ResourceVersion } from '../catalog/types';
import { ConsistencyReportView } from './ConsistencyReportView';

/** The version under review: the held one, else the current one, else the newest. */
function underReview(versions: ResourceVersion[]): ResourceVersion | undefined {
  return versions.find((v) => v.held) ?? versions.find((v) => v.current) ?? versions[0];
}

/** Rows shown of the version under review: enough to see what its columns hold. */
const REVIEW_ROWS = 20;

/**
 * The first rows of the version under review, as stored, read as the entry's staff read them
 * (a held version too): what the department's security review and the authority's consistency
 * review look at before the data opens (rules 一.7, 六.(二)).
 */
function VersionRows({ resourceId, version }: { resourceId: string; version: number }) {
  const { t } = useI18n();
  const { data, error, loading } = useRequest(
    () => api.get<RecordPage>(`/api/v1/resources/${encodeURIComponent(resourceId)}/records${query({ version, limit: REVIEW_ROWS })}`),
    [resourceId, version],
  );
  if (error) return <p className="error-text">{error.message}</p>;
  return (
    <Table size="small" bordered loading={loading} pagination={false} scroll={{ x: 'max-content' }} rowKey="__row"
      caption={t('review.firstRows', { n: REVIEW_ROWS })}
      columns={(data?.fields ?? []).map((f) => ({ key: f.name, dataIndex: f.name, title: f.name, render: (v: RecordValue) => cellText(t, v) }))}
      dataSource={(data?.records ?? []).map((r, i) => ({ ...r, __row: i }))} />
  );
}

/** One resource as the reviewer sees it: the latest version's rows, rejects and consistency report. */
export function ResourceReview({ resource }: { resource: ResourceSummary }) {
  const { t } = useI18n();
  const { data, loading, error } = useRequest(
    () => (resource.kind === 'table' ? api.get<{ items: ResourceVersion[] }>(`/api/v1/resources/${encodeURIComponent(resource.id)}/versions`) : Promise.resolve({ items: [] })),
    [resource.id],
  );
  const version = data ? underReview(data.items) : undefined;
  const status = version ? VERSION_STATUS[version.status] : undefined;

  return (
    <Card size="small" type="inner" className="review-resource"
      title={<span>{resource.kind === 'file' ? <FileOutlined /> : <TableOutlined />} {resource.name}</span>}
      extra={version && <span>v{version.version} {version.held && <Tag color="orange">{t('versions.held')}</Tag>}{version.current && <Tag color="blue">{t('versions.current')}</Tag>}</span>}>
      {error && <p className="error-text">{error.message}</p>}
      {resource.kind === 'file' ? (
        <Descriptions size="small" column={3} items={[
          { key: 'name', label: t('file.name'), children: resource.fileName ?? '—' },
          { key: 'size', label: t('file.size'), children: formatBytes(resource.fileSize) },
          { key: 'type', label: t('file.type'), children: resource.contentType ?? '—' },
        ]} />
      ) : loading && !data ? <Skeleton active paragraph={{ rows: 2 }} /> : !version ? <p className="muted">{t('versions.none')}</p> : (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={[
          { key: 'status', label: t('common.status'), children: <Tag color={status?.color}>{status ? t(status.key) : version.status}</Tag> },
          { key: 'rows', label: t('versions.rows'), children: (version.rowCount === null ? '—' : formatCount(version.rowCount)) },
          {
            key: 'rejected', label: t('versions.rejected'), children: <>{(version.rejectedCount === null ? '—' : formatCount(version.rejectedCount))}
              {version.hasRejects && <> <a href={`/api/v1/resources/${encodeURIComponent(resource.id)}/versions/${version.version}/rejects`} download><DownloadOutlined /> {t('versions.rejects')}</a></>}</>,
          },
          { key: 'source', label: t('versions.source'), children: version.sourceName ?? '—' },
          { key: 'format', label: t('versions.format'), children: `${version.format?.toUpperCase() ?? '—'} / ${version.encoding?.toUpperCase() ?? '—'}` },
          { key: 'at', label: t('versions.createdAt'), children: formatDateTime(version.createdAt) },
          { key: 'report', label: t('versions.consistency'), children: <ConsistencyReportView report={version.consistency} />, span: 'filled' },
        ]} />
      )}
      {resource.kind === 'table' && version?.status === 'ready' && <VersionRows resourceId={resource.id} version={version.version} />}
    </Card>
  );
}
