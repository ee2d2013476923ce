import { ApiOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { SourceForm } from './SourceForm';

type RunStatus = 'queued' | 'running' | 'succeeded' | 'unchanged' | 'failed';
interface SourceRun {
  id: string; trigger: 'schedule' | 'manual'; status: RunStatus; at: string;
  version?: number; rows?: number; error?: { code: string; message: string };
}
interface Source {
  id: string; kind: 'url' | 'postgres' | 'mysql'; location: string; query: string | null; mode: 'replace' | 'append' | 'upsert' | 'incremental';
  schedule: string; paused: boolean; nextRunAt: string | null; running: boolean; lastRun: SourceRun | null; runs: SourceRun[];
  abilities: { manage: boolean };
}

const STATUS_COLORS: Record<RunStatus, string> = { queued: 'default', running: 'processing', succeeded: 'success', unchanged: 'default', failed: 'error' };

/** 数据源: where a table resource's data is collected from, when, and how its runs went. */
export function SourcesPanel({ resourceId, editable, onCollected }: { resourceId: string; editable: boolean; onCollected: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const sources = useRequest(() => api.get<{ items: Source[] }>(`/api/v1/resources/${encodeURIComponent(resourceId)}/sources`), [resourceId]);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) void message.success(done);
    } catch (err) {
      void message.error(errorMessage(err));
    }
    sources.reload();
  };
  const runNow = (source: Source) => act(async () => {
    const { jobId } = await api.post<{ jobId: string }>(`/api/v1/sources/${encodeURIComponent(source.id)}/run`);
    void message.info(t('sources.runQueued'));
    await waitForJob(jobId);
    onCollected();
  });
  const statusTag = (run: SourceRun) => <Tag color={STATUS_COLORS[run.status]}>{t(`sources.status.${run.status}`)}</Tag>;

  return (
    <div className="console-sources">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong><ApiOutlined /> {t('sources.title')}</Typography.Text>
        {editable && !adding && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('sources.add')}</Button>}
      </Space>
      {adding && <SourceForm resourceId={resourceId} onCancel={() => setAdding(false)} onSaved={() => { setAdding(false); void message.success(t('sources.saved')); sources.reload(); }} />}
      <List<Source>
        size="small" loading={sources.loading} dataSource={sources.data?.items} locale={{ emptyText: t('sources.none') }}
        renderItem={(source) => (
          <List.Item key={source.id} className="console-source" actions={source.abilities.manage ? [
            <Button key="run" size="small" icon={<ThunderboltOutlined />} loading={source.running} onClick={() => void runNow(source)}>{t('sources.runNow')}</Button>,
            <Button key="pause" size="small" icon={source.paused ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
              onClick={() => void act(() => api.patch(`/api/v1/sources/${encodeURIComponent(source.id)}`, { paused: !source.paused }))}>
              {t(source.paused ? 'sources.resume' : 'sources.pause')}
            </Button>,
            <Popconfirm key="delete" title={t('sources.deleteConfirm')} onConfirm={() => act(() => api.delete(`/api/v1/sources/${encodeURIComponent(source.id)}`))}>
              <Button size="small" danger>{t('sources.delete')}</Button>
            </Popconfirm>,
          ] : []}>
            <div style={{ width: '100%' }}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
                { key: 'location', label: t('sources.location'), children: <><Tag>{t(`sources.kind.${source.kind}`)}</Tag><Typography.Text code>{source.location}</Typography.Text></> },
                { key: 'mode', label: t('sources.mode'), children: `${t(`sources.mode.${source.mode}`)} · ${source.schedule}` },
                {
                  key: 'last', label: t('sources.lastRun'), children: source.lastRun ? <span className="source-last-run">
                    {statusTag(source.lastRun)} {formatDateTime(source.lastRun.at)}
                    {source.lastRun.version !== undefined && <> · {t('sources.version', { version: source.lastRun.version })}</>}
                    {source.lastRun.error && <Typography.Text type="danger"> {source.lastRun.error.message}（{source.lastRun.error.code}）</Typography.Text>}
                  </span> : t('sources.neverRun'),
                },
                { key: 'next', label: t('sources.nextRun'), children: source.paused ? <Tag>{t('sources.paused')}</Tag> : formatDateTime(source.nextRunAt) },
              ]} />
              {source.runs.length > 0 && (
                <Table<SourceRun> size="small" rowKey="id" dataSource={source.runs} pagination={{ pageSize: 5, hideOnSinglePage: true }} columns={[
                  { title: t('sources.history'), dataIndex: 'at', render: (at: string) => formatDateTime(at) },
                  { title: t('common.status'), dataIndex: 'status', render: (_: RunStatus, run) => statusTag(run) },
                  { title: '', dataIndex: 'trigger', render: (trigger: SourceRun['trigger']) => t(`sources.trigger.${trigger}`) },
                  { title: '', key: 'detail', render: (_: unknown, run) => run.error?.message ?? (run.version !== undefined ? t('sources.version', { version: run.version }) : '') },
                ]} />
              )}
            </div>
          </List.Item>
        )} />
    </div>
  );
}

/** Follows a run's job until it ends (its outcome is read from the source afterwards). */
async function waitForJob(jobId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const job = await api.get<{ status: string }>(`/api/v1/jobs/${encodeURIComponent(jobId)}`).catch(() => ({ status: 'failed' }));
    if (job.status === 'succeeded' || job.status === 'failed') return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
