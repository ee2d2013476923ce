import { Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { elementName, historyActionName } from './labels';
import type { HistoryItem } from './types';

const COLORS: Record<string, string> = { publish: 'green', 'approve-revision': 'green', reject: 'red', 'reject-revision': 'red', withdraw: 'gray' };

/** 变更记录: who changed what and when, newest first. */
export function HistoryTimeline({ entryId }: { entryId: string }) {
  const { t } = useI18n();
  const { data, error, loading } = useRequest(() => api.get<{ items: HistoryItem[] }>(`/api/v1/catalog/${encodeURIComponent(entryId)}/history`), [entryId]);
  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  if (loading && !data) return <Skeleton active />;
  if (!data?.items.length) return <Empty description={t('common.noData')} />;
  return (
    <Timeline className="history" titleSpan="150px" items={data.items.map((h) => ({
      key: h.id,
      color: COLORS[h.action] ?? 'blue',
      title: formatDateTime(h.at),
      content: (
        <div>
          <div><strong>{historyActionName(t, h.action)}</strong> <Typography.Text type="secondary">· {h.actor}</Typography.Text></div>
          {h.changes && h.action !== 'create' && (
            <div className="history-changes">{t('history.changed')}{t('common.colon')}
              {Object.keys(h.changes).map((key) => <Tag key={key}>{elementName(t, key)}</Tag>)}
            </div>
          )}
          {h.note && <div className="history-note">{h.note}</div>}
        </div>
      ),
    }))} />
  );
}
