import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, query } from '../../api';
import { useAuth } from '../../auth';
import { formatCount, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { useRequest } from '../../useRequest';
import { ENTRY_STATUS, frequencyName, OPEN_TYPE } from '../catalog/labels';
import type { ConsoleEntry, EntryStatus } from '../catalog/types';
import { EntryStatusTags } from './EntryStatusTags';

type StatusFilter = EntryStatus | 'all';
const STATUSES: EntryStatus[] = ['draft', 'submitted', 'published', 'rejected', 'withdrawn'];

/** 目录管理: the department's entries (the authority sees all), by state, with the way to a new one. */
export function ConsoleCatalogPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [q, setQ] = useState('');
  const [awaiting, setAwaiting] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, loading, error } = useRequest(
    () => api.get<Paged<ConsoleEntry>>(`/api/v1/console/catalog${query({ status: status === 'all' ? undefined : status, q, page, pageSize, awaitingReview: awaiting ? 'true' : undefined })}`),
    [status, q, page, pageSize, awaiting],
  );

  return (
    <Card title={t('admin.catalog')}
      extra={can('catalog.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/catalog/new')}>{t('console.create')}</Button>}>
      <Space wrap className="table-toolbar" size={16}>
        <Segmented<StatusFilter> value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={[{ value: 'all', label: t('console.all') }, ...STATUSES.map((s) => ({ value: s, label: t(ENTRY_STATUS[s].key) }))]} />
        <Input.Search allowClear placeholder={t('console.searchPlaceholder')} aria-label={t('console.searchPlaceholder')} style={{ width: 260, maxWidth: '100%' }}
          onSearch={(v) => { setQ(v.trim()); setPage(1); }} enterButton />
        <Checkbox checked={awaiting} onChange={(e) => { setAwaiting(e.target.checked); setPage(1); }}>{t('console.awaitingOnly')}</Checkbox>
      </Space>
      {error && <p className="error-text">{error.message}</p>}
      <Table<ConsoleEntry>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: formatCount(n) }),
          onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        locale={{ emptyText: t('console.empty') }}
        columns={[
          { title: t('element.title'), dataIndex: 'title', width: 240, render: (title: string, e) => <Link to={`/admin/catalog/${encodeURIComponent(e.id)}`}>{title}</Link> },
          { title: t('element.department'), dataIndex: ['department', 'name'], width: 180 },
          { title: t('element.openType'), dataIndex: 'openType', width: 110, render: (o: ConsoleEntry['openType']) => <Tag color={OPEN_TYPE[o]?.color}>{OPEN_TYPE[o] ? t(OPEN_TYPE[o].key) : o}</Tag> },
          { title: t('element.updateFrequency'), dataIndex: 'updateFrequency', width: 100, render: (f: string) => frequencyName(t, f) },
          { title: t('common.status'), dataIndex: 'status', width: 190, render: (s: EntryStatus, e) => <EntryStatusTags status={s} pending={e.awaitingReview || e.hasPendingRevision} /> },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatDateTime },
          {
            title: t('common.actions'), key: 'actions', width: 150, fixed: 'right',
            render: (_, e) => (
              <Space size={0}>
                <Link to={`/admin/catalog/${encodeURIComponent(e.id)}`}><Button type="link" size="small">{t('console.manage')}</Button></Link>
                {can('catalog.edit') && !e.awaitingReview && <Link to={`/admin/catalog/${encodeURIComponent(e.id)}/edit`}><Button type="link" size="small">{t('common.edit')}</Button></Link>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
