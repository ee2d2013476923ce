import { Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../../api';
import type { ApplicationSummary } from '../../applications';
import type { Paged } from '../../consultations';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { applicationDue, ApplicationStatus } from '../applications/ApplicationStatus';

const PAGE_SIZE = 20;

/** 我的申请: the signed-in person's applications for restricted data, drafts included, with where each stands. */
export default function MyApplicationsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, loading } = useRequest(() => api.get<Paged<ApplicationSummary>>(`/api/v1/me/applications${query({ page, pageSize: PAGE_SIZE })}`), [page]);
  return (
    <Card title={t('apply.mine')} extra={<Link to="/catalog?openType=restricted"><Button>{t('apply.browse')}</Button></Link>}>
      <Typography.Paragraph type="secondary">{t('apply.mineHint')}</Typography.Paragraph>
      <Table<ApplicationSummary> rowKey="id" loading={loading} dataSource={data?.items ?? []} locale={{ emptyText: t('apply.mineEmpty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('apply.entry'), key: 'entry', render: (_, item) => <Link to={`/user/applications/${item.id}`}>{item.entryTitle || item.entryId}</Link> },
          { title: t('apply.status'), key: 'status', render: (_, item) => <ApplicationStatus item={item} /> },
          { title: t('apply.dueAt'), key: 'dueAt', render: (_, item) => applicationDue(item) },
          { title: t('apply.submittedAt'), key: 'at', render: (_, item) => formatDateTime(item.submittedAt ?? item.createdAt) },
        ]} />
    </Card>
  );
}
