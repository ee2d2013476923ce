import { Card, Switch, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../../api';
import type { ConsultationSummary, Paged } from '../../consultations';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { ConsultationStatus, dueText } from '../consult/ConsultationStatus';

const PAGE_SIZE = 20;

/** 咨询办理: the authority sees every question, a department those sent to it. */
export function ConsultationQueuePage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(true);
  const { data, loading } = useRequest(
    () => api.get<Paged<ConsultationSummary>>(`/api/v1/consultations${query({ scope: 'staff', open: open ? 'true' : undefined, page, pageSize: PAGE_SIZE })}`),
    [page, open],
  );
  return (
    <Card title={t('consult.queue')} extra={<><Switch checked={open} onChange={(v) => { setOpen(v); setPage(1); }} /> {t('consult.queueOpen')}</>}>
      <Table<ConsultationSummary> rowKey="id" loading={loading} dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('consult.title'), dataIndex: 'title', render: (title: string, item) => <Link to={`/admin/consultations/${item.id}`}>{title}</Link> },
          { title: t('consult.status'), key: 'status', render: (_, item) => <ConsultationStatus item={item} /> },
          { title: t('consult.dueAt'), key: 'dueAt', render: (_, item) => dueText(item) },
          { title: t('consult.askedAt'), dataIndex: 'askedAt', render: (at: string) => formatDateTime(at) },
        ]} />
    </Card>
  );
}
