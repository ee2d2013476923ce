import { Card, Switch, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../../api';
import type { ApplicationSummary } from '../../applications';
import type { Paged } from '../../consultations';
import { formatDateTime } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { useRequest } from '../../useRequest';
import { applicationDue, ApplicationStatus } from '../applications/ApplicationStatus';
import { PartyName } from '../applications/PartyName';

const PAGE_SIZE = 20;

/** 数据申请: the authority sees every submitted application, a department those for its own data. */
export function ApplicationQueuePage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(true);
  const { data, loading } = useRequest(
    () => api.get<Paged<ApplicationSummary>>(`/api/v1/applications${query({ open: open ? 'true' : undefined, page, pageSize: PAGE_SIZE })}`),
    [page, open],
  );
  return (
    <Card title={t('apply.queue')} extra={<><Switch checked={open} onChange={(v) => { setOpen(v); setPage(1); }} /> {t('apply.queueOpen')}</>}>
      <Table<ApplicationSummary> rowKey="id" loading={loading} dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('apply.entry'), key: 'entry', render: (_, item) => <Link to={`/admin/applications/${item.id}`}>{item.entryTitle || item.entryId}</Link> },
          { title: t('apply.applicant'), key: 'applicant', render: (_, item) => <PartyName party={item.applicant} /> },
          { title: t('apply.status'), key: 'status', render: (_, item) => <ApplicationStatus item={item} /> },
          { title: t('apply.step'), key: 'waits', render: (_, item) => (item.waitsFor ? t(`apply.waitsFor.${item.waitsFor}` as MessageKey) : '—') },
          { title: t('apply.dueAt'), key: 'dueAt', render: (_, item) => applicationDue(item) },
          { title: t('apply.submittedAt'), key: 'submittedAt', render: (_, item) => formatDateTime(item.submittedAt) },
        ]} />
    </Card>
  );
}
