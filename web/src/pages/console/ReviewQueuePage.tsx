import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../../api';
import { formatCount, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { useRequest } from '../../useRequest';
import { OPEN_TYPE } from '../catalog/labels';
import type { ConsoleEntry } from '../catalog/types';

/** 目录审核: entries awaiting the authority — first publications and changes to published ones. */
export function ReviewQueuePage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, loading, error } = useRequest(
    () => api.get<Paged<ConsoleEntry>>(`/api/v1/console/catalog${query({ awaitingReview: 'true', page, pageSize })}`),
    [page, pageSize],
  );

  return (
    <Card title={t('admin.review')}>
      {error && <p className="error-text">{error.message}</p>}
      <Table<ConsoleEntry>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: formatCount(n) }),
          onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        locale={{ emptyText: t('review.queueEmpty') }}
        columns={[
          { title: t('element.title'), dataIndex: 'title', width: 240, render: (title: string, e) => <Link to={`/admin/review/${encodeURIComponent(e.id)}`}>{title}</Link> },
          { title: t('element.department'), dataIndex: ['department', 'name'], width: 200 },
          { title: t('element.openType'), dataIndex: 'openType', width: 110, render: (o: ConsoleEntry['openType']) => <Tag color={OPEN_TYPE[o]?.color}>{OPEN_TYPE[o] ? t(OPEN_TYPE[o].key) : o}</Tag> },
          {
            title: t('review.kind'), key: 'kind', width: 130,
            render: (_, e) => (e.status === 'submitted' ? <Tag color="processing">{t('review.kindPublish')}</Tag> : <Tag color="gold">{t('review.kindRevision')}</Tag>),
          },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatDateTime },
          {
            title: t('common.actions'), key: 'actions', width: 100, fixed: 'right',
            render: (_, e) => <Link to={`/admin/review/${encodeURIComponent(e.id)}`}><Button type="primary" size="small">{t('review.open')}</Button></Link>,
          },
        ]}
      />
    </Card>
  );
}
