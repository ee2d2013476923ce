import { CodeOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useI18n } from '../../i18n';
import type { ResourceSummary } from './types';

/** 下载样例数据: the masked sample of one table, as CSV for Excel (Chinese headers) or JSON. */
export function SampleDownload({ resource, showName = false }: { resource: ResourceSummary; showName?: boolean }) {
  const { t } = useI18n();
  const base = `/api/v1/resources/${encodeURIComponent(resource.id)}/sample?`;
  const size = resource.sample?.rowIds ? resource.sample.rowIds.length : Math.min(resource.sample?.size ?? 100, resource.rowCount ?? Infinity);
  return (
    <div className="sample-download">
      {showName && <div className="sample-download-name">{resource.name}<span className="muted">{t('restricted.sampleRows', { n: size })}</span></div>}
      <Space wrap>
        <Button type="primary" icon={<FileTextOutlined />} href={`${base}format=csv&header=title`} download
          aria-label={t('restricted.sampleGet', { name: resource.name, format: 'CSV' })}>{t('restricted.sampleCsv')}</Button>
        <Button icon={<CodeOutlined />} href={`${base}format=json`} download
          aria-label={t('restricted.sampleGet', { name: resource.name, format: 'JSON' })}>{t('restricted.sampleJson')}</Button>
      </Space>
    </div>
  );
}
