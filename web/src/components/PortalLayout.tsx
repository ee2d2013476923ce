import { Layout } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { Loading } from './Loading';
import { ScrollToTop } from './ScrollToTop';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

/** The public portal's frame: header, page, footer. */
export function PortalLayout() {
  return (
    <Layout className="portal">
      <ScrollToTop />
      <SiteHeader />
      <main className="portal-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter />
    </Layout>
  );
}
