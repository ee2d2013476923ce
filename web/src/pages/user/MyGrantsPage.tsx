import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import type { Grant } from '../../applications';
import { formatDate } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { useRequest } from '../../useRequest';
import { GrantReports } from '../applications/GrantReports';
import { GrantStatusTag, GrantUse } from '../applications/GrantStatusTag';
import { OutcomeTag } from '../applications/OutcomeTag';

/** How a grantee reads granted data: a key, the records API of the granted resource, only the granted items. */
function HowTo({ grant }: { grant: Grant | undefined }) {
  const { t } = useI18n();
  const resource = grant?.resourceIds[0] ?? '<resourceId>';
  const curl = `curl -H "Authorization: Bearer <Key>:<Secret>" \\\n  "${window.location.origin}/api/v1/resources/${resource}/records?limit=100"`;
  return (
    <Card size="small" title={t('grant.howTo')} className="section-gap">
      <Typography.Paragraph>{t('grant.howToText')}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: curl }} className="api-example"><pre>{curl}</pre></Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('grant.howToScope')}</Typography.Paragraph>
      <Space wrap>
        <Link to="/user/api-keys"><Button type="primary">{t('grant.apiKeys')}</Button></Link>
        {grant && <Link to={`/catalog/${encodeURIComponent(grant.entryId)}`}><Button>{grant.entryTitle}</Button></Link>}
      </Space>
    </Card>
  );
}

/** 我的授权: the restricted data this account may use, for which items and period, and how much it was used. */
export default function MyGrantsPage() {
  const { t } = useI18n();
  const { data, loading, reload } = useRequest(() => api.get<{ items: Grant[] }>('/api/v1/me/grants'), []);
  const items = data?.items ?? [];
  return (
    <Card title={t('grant.mine')}>
      <Table<Grant> rowKey="id" loading={loading} dataSource={items} pagination={false} locale={{ emptyText: t('grant.mineEmpty') }} scroll={{ x: 760 }}
        expandable={{ expandedRowRender: (g) => <GrantReports grant={g} mine onChange={reload} />, expandRowByClick: false }}
        columns={[
          {
            title: t('grant.entry'), key: 'entry',
            render: (_, g) => (
              <>
                <Link to={`/catalog/${encodeURIComponent(g.entryId)}`}>{g.entryTitle || g.entryId}</Link>
                <div><Link to={`/user/applications/${encodeURIComponent(g.applicationId)}`} className="muted">{t('grant.application')}</Link></div>
              </>
            ),
          },
          { title: t('grant.fields'), key: 'fields', render: (_, g) => <Space size={[4, 4]} wrap>{g.fields.map((f) => <Tag key={f}>{g.fieldTitles[f] ?? f}</Tag>)}</Space> },
          { title: t('grant.period'), key: 'period', render: (_, g) => `${formatDate(g.startsAt)} ~ ${formatDate(g.endsAt)}` },
          { title: t('grant.delivery'), key: 'delivery', render: (_, g) => t(`apply.delivery.${g.delivery}` as MessageKey) },
          { title: t('grant.status'), key: 'status', render: (_, g) => <GrantStatusTag grant={g} /> },
          { title: t('grant.use'), key: 'use', render: (_, g) => <GrantUse use={g.use} /> },
          { title: t('outcome.column'), key: 'outcome', render: (_, g) => <OutcomeTag grant={g} /> },
        ]} />
      <HowTo grant={items.find((g) => g.status === 'active') ?? items[0]} />
    </Card>
  );
}
