import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n, type Translate } from '../../i18n';
import { useRequest } from '../../useRequest';
import { HarvestSourceDrawer } from './HarvestSourceDrawer';
import type { HarvestRun, HarvestSource, HarvestSourceDetail } from './harvestTypes';

const RUN_COLORS = { running: 'processing', succeeded: 'success', failed: 'error' } as const;

function RunSummary({ run, t }: { run: HarvestRun | null; t: Translate }) {
  if (!run) return <Typography.Text type="secondary">{t('harvest.never')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Space><Tag color={RUN_COLORS[run.status]}>{t(`harvest.run.${run.status}`)}</Tag>{formatDateTime(run.finishedAt ?? run.startedAt)}</Space>
      {run.status !== 'running' && <Typography.Text type="secondary">{t('harvest.counts', { ...run.counts })}</Typography.Text>}
      {run.message && <Typography.Text type={run.status === 'failed' ? 'danger' : 'warning'}>{run.message}</Typography.Text>}
    </Space>
  );
}

/** One source: its last runs, and the datasets a run could not import. */
function SourceDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const { data } = useRequest(() => api.get<HarvestSourceDetail>(`/api/v1/harvest/sources/${encodeURIComponent(id)}`), [id]);
  if (!data) return null;
  const failed = data.runs[0]?.errors ?? [];
  return (
    <Space orientation="vertical" className="full-width">
      <Descriptions size="small" column={2} items={[
        { key: 'url', label: t('harvest.url'), children: <Typography.Text copyable>{data.url}</Typography.Text>, span: 2 },
        { key: 'schedule', label: t('harvest.schedule'), children: <code>{data.schedule}</code> },
        { key: 'entries', label: t('harvest.department'), children: `${data.department.name} · ${t('harvest.entries', { n: data.publishedEntries })}` },
      ]} />
      <List size="small" header={t('harvest.runs')} dataSource={data.runs} renderItem={(run) => <List.Item><RunSummary run={run} t={t} /></List.Item>} />
      {failed.length > 0 && (
        <List size="small" header={t('harvest.errors')} dataSource={failed}
          renderItem={(e) => <List.Item><Typography.Text>{e.title || e.remoteId}</Typography.Text>：<Typography.Text type="danger">{e.message}</Typography.Text></List.Item>} />
      )}
    </Space>
  );
}

/** 目录采集: the authority's harvest sources; register, run, pause, delete, and read each run's outcome. */
export function HarvestPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id: openId } = useParams();
  const { data, loading, error, reload } = useRequest(() => api.get<{ items: HarvestSource[] }>('/api/v1/harvest/sources'), []);
  const [registering, setRegistering] = useState(false);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) message.success(done);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const path = (s: HarvestSource, action = '') => `/api/v1/harvest/sources/${encodeURIComponent(s.id)}${action}`;

  return (
    <Card title={t('harvest.title')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>{t('harvest.register')}</Button>}>
      <Typography.Paragraph type="secondary">{t('harvest.text')}</Typography.Paragraph>
      {error && <p className="error-text">{error.message}</p>}
      <Table<HarvestSource>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('harvest.none') }}
        expandable={{
          expandedRowRender: (s) => <SourceDetail id={s.id} />,
          expandedRowKeys: openId ? [openId] : [],
          onExpand: (expanded, s) => navigate(expanded ? `/admin/harvest/${encodeURIComponent(s.id)}` : '/admin/harvest'),
        }}
        columns={[
          { title: t('harvest.name'), dataIndex: 'name', render: (name: string, s) => <Space orientation="vertical" size={0}>{name}<Tag>{t(`harvest.kind.${s.kind}`)}</Tag></Space> },
          { title: t('harvest.department'), dataIndex: ['department', 'name'] },
          {
            title: t('harvest.status'), dataIndex: 'status',
            render: (status: HarvestSource['status'], s) => <Space orientation="vertical" size={0}>
              <Tag color={status === 'active' ? 'green' : 'default'}>{t(`harvest.status.${status}`)}</Tag>
              {s.nextRunAt && <Typography.Text type="secondary">{t('harvest.nextRun')} {formatDateTime(s.nextRunAt)}</Typography.Text>}
            </Space>,
          },
          { title: t('harvest.lastRun'), dataIndex: 'lastRun', render: (run: HarvestRun | null) => <RunSummary run={run} t={t} /> },
          {
            title: t('common.actions'), key: 'actions', fixed: 'right' as const,
            render: (_: unknown, s: HarvestSource) => (
              <Space wrap>
                <Button size="small" type="primary" onClick={() => act(() => api.post(path(s, '/run')), t('harvest.runQueued'))}>{t('harvest.run')}</Button>
                {s.status === 'active'
                  ? <Button size="small" onClick={() => act(() => api.post(path(s, '/pause')))}>{t('harvest.pause')}</Button>
                  : <Button size="small" onClick={() => act(() => api.post(path(s, '/resume')))}>{t('harvest.resume')}</Button>}
                <Popconfirm title={t('harvest.deleteConfirm')} onConfirm={() => act(() => api.delete(path(s)))}>
                  <Button size="small" danger>{t('harvest.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <HarvestSourceDrawer open={registering} onClose={() => setRegistering(false)} onSaved={() => { setRegistering(false); reload(); }} />
    </Card>
  );
}
