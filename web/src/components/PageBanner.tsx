import { Breadcrumb } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';

interface Crumb {
  title: ReactNode;
  to?: string;
}

/** The blue strip atop an inner page: its title, a line about it and where it sits. */
export function PageBanner({ title, subtitle, crumbs = [] }: { title: ReactNode; subtitle?: ReactNode; crumbs?: Crumb[] }) {
  const { t } = useI18n();
  const items = [{ title: <Link to="/">{t('nav.home')}</Link> }, ...crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))];
  return (
    <section className="page-banner">
      <div className="container">
        <Breadcrumb items={items} className="page-banner-crumbs" />
        <h1>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
      </div>
    </section>
  );
}
