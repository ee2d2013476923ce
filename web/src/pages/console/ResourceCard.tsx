import { CloudUploadOutlined, FileOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { formatBytes, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import type { ResourceSummary, ResourceVersion } from '../catalog/types';
import { SampleSettingsForm } from './SampleSettingsForm';
import { SourcesPanel } from './SourcesPanel';
import { UploadPanel } from './UploadPanel';
import { VersionsTable } from './VersionsTable';

/** One resource in the console: what it holds, a new upload, and its versions with their reports. */
export function ResourceCard({ resource, editable, restricted = false, sampleEditable = false, onChanged }: {
  resource: ResourceSummary; editable: boolean; onChanged: () => void;
  /** A restricted entry's table has a sample data set, which its keepers draw. */
  restricted?: boolean; sampleEditable?: boolean;
}) {
  const { t } = useI18n();
  const [uploading, setUploading] = useState(false);
  const versions = useRequest(
    () => (resource.kind === 'table' ? api.get<{ items: ResourceVersion[] }>(`/api/v1/resources/${encodeURIComponent(resource.id)}/versions`) : Promise.resolve({ items: [] })),
    [resource.id, resource.kind],
  );

  return (
    <Card size="small" className="console-resource" type="inner"
      title={<span>{resource.kind === 'file' ? <FileOutlined /> : <TableOutlined />} {resource.name}{' '}
        <Tag>{t(resource.kind === 'file' ? 'upload.kindFile' : 'upload.kindTable')}</Tag>
        {resource.heldVersion !== null && <Tag color="orange">{t('versions.heldVersion', { version: resource.heldVersion })}</Tag>}</span>}
      extra={editable && !uploading && <Button size="small" icon={<CloudUploadOutlined />} onClick={() => setUploading(true)}>{t('upload.uploadVersion')}</Button>}>
      {uploading && (
        <UploadPanel target={{ kind: 'version', resource }} onClose={() => setUploading(false)} onDone={() => { versions.reload(); onChanged(); }} />
      )}
      {resource.kind === 'file' ? (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { key: 'name', label: t('file.name'), children: resource.fileName ?? '—' },
          { key: 'size', label: t('file.size'), children: formatBytes(resource.fileSize) },
          { key: 'type', label: t('file.type'), children: resource.contentType ?? '—' },
          { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(resource.updatedAt) },
        ]} />
      ) : (
        <>
          {restricted && <SampleSettingsForm resource={resource} editable={sampleEditable} onSaved={onChanged} />}
          <VersionsTable resourceId={resource.id} versions={versions.data?.items} loading={versions.loading} />
          <SourcesPanel resourceId={resource.id} editable={editable} onCollected={() => { versions.reload(); onChanged(); }} />
        </>
      )}
    </Card>
  );
}
