import { Card, Table, Tag } from 'antd';
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { SystemAlert } from '../../types';
import { useRequest } from '../../useRequest';

/** 系统告警: open conditions the authority must act on. */
export function AlertsPage() {
  const { t } = useI18n();
  const { data, loading, error } = useRequest(() => api.get<{ items: SystemAlert[] }>('/api/v1/alerts'), []);
  return (
    <Card title={t('admin.alerts')}>
      {error && <p className="error-text">{error.message}</p>}
      <Table<SystemAlert>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('alerts.none') }}
        columns={[
          { title: t('alerts.kind'), dataIndex: 'kind', width: 220, render: (k: string) => <Tag color="warning">{k === 'calendar_year_missing' ? t('alerts.calendarYearMissing') : k === 'source.failed' ? t('notify.kind.source.failed') : k}</Tag> },
          { title: t('alerts.message'), dataIndex: 'message' },
          { title: t('alerts.createdAt'), dataIndex: 'created_at', width: 170, render: formatDateTime },
        ]}
      />
    </Card>
  );
}
