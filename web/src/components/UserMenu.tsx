import { DownOutlined, LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { CONSOLE_PERMISSIONS, useAuth } from '../auth';
import { useI18n } from '../i18n';

/** The signed-in person's name, with the way to their centre, the console and out. */
export function UserMenu({ dark = false }: { dark?: boolean }) {
  const { user, canAny, logout } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!user) return null;

  const items: MenuProps['items'] = [
    { key: '/user', icon: <UserOutlined />, label: t('nav.userCenter') },
    ...(canAny(CONSOLE_PERMISSIONS) ? [{ key: '/admin', icon: <SettingOutlined />, label: t('nav.admin') }] : []),
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key !== 'logout') {
      navigate(key);
      return;
    }
    void logout().then(() => {
      message.success(t('auth.loggedOut'));
      navigate('/');
    });
  };

  return (
    <Dropdown menu={{ items, onClick }} placement="bottomRight" trigger={['click']}>
      <Button type="text" className={dark ? 'user-menu user-menu-dark' : 'user-menu'}>
        <Avatar size="small" icon={<UserOutlined />} className="user-menu-avatar" />
        <span className="user-menu-name">{user.displayName}</span>
        <DownOutlined className="user-menu-caret" />
      </Button>
    </Dropdown>
  );
}
