import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { setUnread, type Inbox } from '../../notifications';
import { useRequest } from '../../useRequest';
import { NotificationPreferencesCard } from './NotificationPreferencesCard';

const PAGE_SIZE = 20;

/** 站内信: the reader's notices, newest first, with mark read and mark all read; then the channel preferences. */
export default function NotificationsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const { data, loading, reload } = useRequest(async () => {
    const inbox = await api.get<Inbox>(`/api/v1/me/notifications?page=${page}&pageSize=${PAGE_SIZE}`);
    setUnread(inbox.unread);
    return inbox;
  }, [page, lang]);

  const markRead = async (ids?: string[]) => {
    try {
      const { unread } = await api.post<{ unread: number }>('/api/v1/me/notifications/read', ids ? { ids } : {});
      setUnread(unread);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Space direction="vertical" size={20} style={{ width: '100%' }}>
      <Card title={t('notify.title')} extra={<Button onClick={() => void markRead()} disabled={!data?.unread}>{t('notify.markAllRead')}</Button>}>
        <List loading={loading} dataSource={data?.items ?? []} locale={{ emptyText: t('notify.empty') }}
          pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage } : false}
          renderItem={(item) => (
            <List.Item data-testid="notification" actions={[
              ...(item.link ? [<Link key="open" to={item.link} onClick={() => { if (!item.readAt) void markRead([item.id]); }}>{t('notify.open')}</Link>] : []),
              ...(!item.readAt ? [<Button key="read" type="link" size="small" onClick={() => void markRead([item.id])}>{t('notify.markRead')}</Button>] : []),
            ]}>
              <List.Item.Meta
                title={<Space>{!item.readAt && <Tag color="red">{t('notify.unread')}</Tag>}<span>{item.title}</span></Space>}
                description={<><Typography.Paragraph style={{ marginBottom: 4 }}>{item.body}</Typography.Paragraph><Typography.Text type="secondary">{formatDateTime(item.createdAt)}</Typography.Text></>}
              />
            </List.Item>
          )} />
      </Card>
      <NotificationPreferencesCard />
    </Space>
  );
}
