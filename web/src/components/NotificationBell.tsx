import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useUnreadCount } from '../notifications';

/** The header's bell: the unread count, and the way to 站内信. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const count = useUnreadCount(true);
  return (
    <Badge count={count} size="small" overflowCount={99}>
      <Button type="text" icon={<BellOutlined />} aria-label={t('notify.bell', { count })} data-testid="notification-bell"
        onClick={() => navigate('/user/notifications')} />
    </Badge>
  );
}
