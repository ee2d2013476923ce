import { ArrowLeftOutlined, DashboardOutlined } from '@ant-design/icons';
import { Breadcrumb, Layout, Menu } from 'antd';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../../auth';
import { Emblem } from '../../components/Emblem';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ScrollToTop } from '../../components/ScrollToTop';
import { UserMenu } from '../../components/UserMenu';
import { useI18n } from '../../i18n';
import { site } from '../../site';
import { mayOpen, SECTIONS } from './menu';

/** The console frame: dark top bar, the sections the user may see on the left. */
export function AdminLayout() {
  const { can } = useAuth();
  const { lang, t } = useI18n();
  const { pathname } = useLocation();
  const current = pathname.split('/')[2] ?? '';
  const sections = SECTIONS.filter((s) => mayOpen(s, can));
  const section = sections.find((s) => s.path === current);

  const items = [
    { key: '', icon: <DashboardOutlined />, label: <Link to="/admin">{t('admin.home')}</Link> },
    ...sections.map((s) => ({ key: s.path, icon: s.icon, label: <Link to={`/admin/${s.path}`}>{t(s.label)}</Link> })),
  ];

  return (
    <Layout className="admin">
      <ScrollToTop />
      <Layout.Header className="admin-header">
        <Link to="/admin" className="admin-brand">
          <Emblem size={34} />
          <span className="admin-brand-name">{site.platform[lang]}</span>
          <span className="admin-brand-tag">{t('nav.admin')}</span>
        </Link>
        <div className="admin-header-actions">
          <Link to="/" className="admin-portal-link" aria-label={t('admin.backToPortal')}>
            <ArrowLeftOutlined /> <span className="admin-portal-text">{t('admin.backToPortal')}</span>
          </Link>
          <LanguageSwitch dark />
          <UserMenu dark />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} breakpoint="lg" collapsedWidth={64} className="admin-sider">
          <nav aria-label={t('nav.admin')}>
            <Menu mode="inline" selectedKeys={[current]} items={items} />
          </nav>
        </Layout.Sider>
        <Layout.Content className="admin-content">
          <Breadcrumb className="admin-crumbs"
            items={[{ title: <Link to="/admin">{t('nav.admin')}</Link> }, ...(section ? [{ title: t(section.label) }] : [])]} />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
