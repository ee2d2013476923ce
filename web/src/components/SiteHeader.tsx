import { Button, Menu, Space } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { CONSOLE_PERMISSIONS, useAuth } from '../auth';
import { TIME_ZONE } from '../format';
import { useI18n } from '../i18n';
import { site } from '../site';
import { Emblem } from './Emblem';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/** Top bar, platform name and the portal's main navigation. */
export function SiteHeader() {
  const { user, canAny } = useAuth();
  const { lang, t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const section = '/' + (pathname.split('/')[1] ?? '');

  const items = [
    { key: '/', label: <Link to="/">{t('nav.home')}</Link> },
    { key: '/catalog', label: <Link to="/catalog">{t('nav.catalog')}</Link> },
    { key: '/departments', label: <Link to="/departments">{t('nav.departments')}</Link> },
    { key: '/consult', label: <Link to="/consult">{t('nav.consult')}</Link> },
    { key: '/qa', label: <Link to="/qa">{t('nav.qa')}</Link> },
    { key: '/api/docs', label: <a href="/api/docs" target="_blank" rel="noopener noreferrer">{t('nav.apiDocs')}</a> },
    { key: '/user', label: <Link to="/user">{t('nav.userCenter')}</Link> },
    // Staff reach their workbench and the console from the top navigation.
    ...(canAny(CONSOLE_PERMISSIONS) ? [{ key: '/admin', label: <Link to="/admin/workbench">{t('nav.workbench')}</Link> }] : []),
  ];

  return (
    <header className="site-header">
      <div className="topbar">
        <div className="container topbar-inner">
          <span>{t('header.welcome', { platform: site.platform[lang] })}</span>
          <Space size={4}>
            <span className="topbar-date">{new Date().toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', timeZone: TIME_ZONE })}</span>
            <LanguageSwitch />
          </Space>
        </div>
      </div>
      <div className="container header-main">
        <Link to="/" className="brand" aria-label={site.platform[lang]}>
          <Emblem />
          <span className="brand-text">
            <span className="brand-name">{site.platform[lang]}</span>
            <span className="brand-sub">{lang === 'en' ? site.platform.zh : site.platform.en.toUpperCase()}</span>
          </span>
        </Link>
        <nav className="main-nav" aria-label={t('nav.main')}>
          <Menu mode="horizontal" selectedKeys={[section]} items={items} disabledOverflow />
        </nav>
        <div className="header-actions">
          {user ? (
            <Space><NotificationBell /><UserMenu /></Space>
          ) : (
            <Space>
              <Button onClick={() => navigate('/login')}>{t('nav.login')}</Button>
              <Button type="primary" onClick={() => navigate('/register')}>{t('nav.register')}</Button>
            </Space>
          )}
        </div>
      </div>
    </header>
  );
}
