import { Button, Card, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../../api';
import type { ConsultationSummary, Paged } from '../../consultations';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { ConsultationStatus, dueText } from '../consult/ConsultationStatus';

const PAGE_SIZE = 20;

/** 我的咨询: the signed-in person's questions, with where each stands and by when it is due. */
export default function MyConsultationsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, loading } = useRequest(() => api.get<Paged<ConsultationSummary>>(`/api/v1/me/consultations${query({ page, pageSize: PAGE_SIZE })}`), [page]);
  return (
    <Card title={t('consult.mine')} extra={<Link to="/consult"><Button type="primary">{t('nav.consult')}</Button></Link>}>
      <Table<ConsultationSummary> rowKey="id" loading={loading} dataSource={data?.items ?? []} locale={{ emptyText: t('consult.mineEmpty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('consult.title'), dataIndex: 'title', render: (title: string, item) => <Link to={`/user/consultations/${item.id}`}>{title}</Link> },
          { title: t('consult.status'), key: 'status', render: (_, item) => <ConsultationStatus item={item} /> },
          { title: t('consult.dueAt'), key: 'dueAt', render: (_, item) => dueText(item) },
          { title: t('consult.askedAt'), dataIndex: 'askedAt', render: (at: string) => formatDateTime(at) },
        ]} />
    </Card>
  );
}
