import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import { CONSOLE_PERMISSIONS, useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { Permission } from '../../types';
import { AdminHomePage } from './AdminHomePage';
import { AdminLayout } from './AdminLayout';
import { AlertsPage } from './AlertsPage';
import { AuditPage } from './AuditPage';
import { CalendarPage } from './CalendarPage';
import { DepartmentsAdminPage } from './DepartmentsAdminPage';
import { UsersPage } from './UsersPage';
import { VerificationsPage } from './VerificationsPage';

function Forbidden() {
  const { t } = useI18n();
  return (
    <div className="container page-body">
      <Result status="403" title="403" subTitle={t('admin.forbidden')} extra={<Link to="/"><Button type="primary">{t('notFound.home')}</Button></Link>} />
    </div>
  );
}

/** A section of the console for those holding any of the permissions; the server checks again. */
function Guard({ anyOf, children }: { anyOf: readonly Permission[]; children: ReactNode }) {
  const { canAny } = useAuth();
  return canAny(anyOf) ? <>{children}</> : <Forbidden />;
}

/** 管理后台, loaded on demand for staff. */
export default function AdminRoutes() {
  const { canAny } = useAuth();
  if (!canAny(CONSOLE_PERMISSIONS)) return <Forbidden />;
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<AdminHomePage />} />
        <Route path="verifications" element={<Guard anyOf={['verification.list']}><VerificationsPage /></Guard>} />
        <Route path="departments" element={<Guard anyOf={['department.create', 'department.update']}><DepartmentsAdminPage /></Guard>} />
        <Route path="users" element={<Guard anyOf={['user.list']}><UsersPage /></Guard>} />
        <Route path="audit" element={<Guard anyOf={['audit.read']}><AuditPage /></Guard>} />
        <Route path="calendar" element={<Guard anyOf={['calendar.read', 'calendar.manage']}><CalendarPage /></Guard>} />
        <Route path="alerts" element={<Guard anyOf={['alert.read']}><AlertsPage /></Guard>} />
        <Route path="*" element={<Forbidden />} />
      </Route>
    </Routes>
  );
}
