import { DownloadOutlined } from '@ant-design/icons';
import { Table, Tag, Tooltip, Typography } from 'antd';
import { formatCount, formatDateTime } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { VERSION_STATUS } from '../catalog/labels';
import type { ResourceVersion } from '../catalog/types';
import { ConsistencyReportView } from './ConsistencyReportView';
import { jobErrorText } from '../../upload';

const MODES: Record<ResourceVersion['mode'], MessageKey> = { replace: 'upload.modeReplace', append: 'upload.modeAppend', upsert: 'upload.modeUpsert' };

/** 版本记录: every upload of a table resource, its rows, rejects, source and consistency report. */
export function VersionsTable({ resourceId, versions, loading }: { resourceId: string; versions: ResourceVersion[] | undefined; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<ResourceVersion>
      rowKey="version"
      size="small"
      loading={loading}
      dataSource={versions}
      pagination={{ pageSize: 5, hideOnSinglePage: true }}
      scroll={{ x: 1300 }}
      locale={{ emptyText: t('versions.none') }}
      columns={[
        {
          title: t('versions.version'), dataIndex: 'version', width: 120,
          render: (v: number, r) => <>
            <strong>v{v}</strong>{' '}
            {r.current && <Tag color="blue">{t('versions.current')}</Tag>}
            {r.held && <Tooltip title={t('versions.heldHint')}><Tag color="orange">{t('versions.held')}</Tag></Tooltip>}
          </>,
        },
        {
          title: t('common.status'), dataIndex: 'status', width: 110,
          render: (s: ResourceVersion['status']) => {
            const label = VERSION_STATUS[s];
            return <Tag color={label?.color ?? 'default'}>{label ? t(label.key) : s}</Tag>;
          },
        },
        { title: t('versions.rows'), dataIndex: 'rowCount', width: 90, align: 'right', render: (n: number | null) => (n === null ? '—' : formatCount(n)) },
        {
          title: t('versions.rejected'), dataIndex: 'rejectedCount', width: 150,
          render: (n: number | null, r) => (n === null ? '—' : (
            <span>
              <span className={n > 0 ? 'rejected-count' : undefined}>{formatCount(n)}</span>
              {r.hasRejects && <> <a href={`/api/v1/resources/${encodeURIComponent(resourceId)}/versions/${r.version}/rejects`} download><DownloadOutlined /> {t('versions.rejects')}</a></>}
            </span>
          )),
        },
        {
          // A failed upload has no report: why it failed stays readable here after the upload panel is closed.
          title: t('versions.consistency'), dataIndex: 'consistency', width: 300,
          render: (c: ResourceVersion['consistency'], r) => (r.error
            ? <Typography.Text type="danger">{jobErrorText(r.error)}</Typography.Text>
            : <ConsistencyReportView report={c} />),
        },
        { title: t('versions.source'), dataIndex: 'sourceName', width: 160, render: (s: string | null) => (s ? <Typography.Text ellipsis={{ tooltip: s }} style={{ maxWidth: 150 }}>{s}</Typography.Text> : '—') },
        { title: t('versions.format'), dataIndex: 'format', width: 80, render: (f: string | null) => f?.toUpperCase() ?? '—' },
        { title: t('versions.encoding'), dataIndex: 'encoding', width: 90, render: (e: string | null) => e?.toUpperCase() ?? '—' },
        { title: t('versions.mode'), dataIndex: 'mode', width: 100, render: (m: ResourceVersion['mode']) => (MODES[m] ? t(MODES[m]) : m) },
        { title: t('versions.createdAt'), dataIndex: 'createdAt', width: 140, render: formatDateTime },
      ]}
    />
  );
}
