import { DownloadOutlined, FileOutlined } from '@ant-design/icons';
import { Button, Descriptions, Skeleton, Space } from 'antd';
import { formatBytes, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { AccessPrompt } from './AccessPrompt';
import { useDataAccess } from './dataAccess';
import type { ResourceSummary } from './types';

/** A file resource (PDF, ZIP, shapefile…): what it is, and its download for those who may have it. */
export function FileResource({ resource }: { resource: ResourceSummary }) {
  const { t } = useI18n();
  const { state } = useDataAccess();
  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'name', label: t('file.name'), children: <><FileOutlined /> {resource.fileName ?? resource.name}</> },
        { key: 'size', label: t('file.size'), children: formatBytes(resource.fileSize) },
        { key: 'type', label: t('file.type'), children: resource.contentType ?? '—' },
        { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(resource.updatedAt) },
      ]} />
      {state === 'loading' ? <Skeleton active paragraph={{ rows: 1 }} /> : state !== 'ok' ? <AccessPrompt step={state} /> : resource.fileName ? (
        <Button type="primary" icon={<DownloadOutlined />} href={`/api/v1/resources/${encodeURIComponent(resource.id)}/download`} download>
          {t('file.download')}
        </Button>
      ) : <span className="muted">{t('file.none')}</span>}
    </Space>
  );
}
