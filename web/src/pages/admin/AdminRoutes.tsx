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
import { ConsoleCatalogPage } from '../console/ConsoleCatalogPage';
import { EntryConsolePage } from '../console/EntryConsolePage';
import { EntryFormPage } from '../console/EntryFormPage';
import { AgreementTemplateAdminPage, LicenceAdminPage, PledgeAdminPage } from '../console/LicenceAdminPage';
import { ReviewPage } from '../console/ReviewPage';
import { ReviewQueuePage } from '../console/ReviewQueuePage';
import { ConsultationConsolePage } from '../console/ConsultationConsolePage';
import { ConsultationQueuePage } from '../console/ConsultationQueuePage';
import { WorkbenchPage } from '../console/WorkbenchPage';
import { ApplicationConsolePage } from '../console/ApplicationConsolePage';
import { ApplicationQueuePage } from '../console/ApplicationQueuePage';
import { GrantsConsolePage } from '../console/GrantsConsolePage';
import { HarvestPage } from '../console/HarvestPage';
import { CalendarPage } from './CalendarPage';
import { DepartmentsAdminPage } from './DepartmentsAdminPage';
import { mayOpen } from './menu';
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
function Guard({ anyOf, allOf = [], children }: { anyOf: Permission[]; allOf?: Permission[]; children: ReactNode }) {
  const { can } = useAuth();
  return mayOpen({ anyOf, allOf }, can) ? <>{children}</> : <Forbidden />;
}

/** 管理后台, loaded on demand for staff. */
export default function AdminRoutes() {
  const { canAny } = useAuth();
  if (!canAny(CONSOLE_PERMISSIONS)) return <Forbidden />;
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<AdminHomePage />} />
        <Route path="catalog" element={<Guard anyOf={['catalog.console']}><ConsoleCatalogPage /></Guard>} />
        <Route path="catalog/new" element={<Guard anyOf={['catalog.create']}><EntryFormPage /></Guard>} />
        <Route path="catalog/:id" element={<Guard anyOf={['catalog.console']}><EntryConsolePage /></Guard>} />
        <Route path="catalog/:id/edit" element={<Guard anyOf={['catalog.edit']}><EntryFormPage /></Guard>} />
        <Route path="review" element={<Guard anyOf={['catalog.review', 'catalog.review.department']}><ReviewQueuePage /></Guard>} />
        <Route path="review/:id" element={<Guard anyOf={['catalog.review', 'catalog.review.department']}><ReviewPage /></Guard>} />
        <Route path="workbench" element={<WorkbenchPage />} />
        <Route path="consultations" element={<Guard anyOf={['workflow.tasks']}><ConsultationQueuePage /></Guard>} />
        <Route path="consultations/:id" element={<Guard anyOf={['workflow.tasks']}><ConsultationConsolePage /></Guard>} />
        <Route path="applications" element={<Guard anyOf={['workflow.tasks']}><ApplicationQueuePage /></Guard>} />
        <Route path="applications/:id" element={<Guard anyOf={['workflow.tasks']}><ApplicationConsolePage /></Guard>} />
        <Route path="grants" element={<Guard anyOf={['workflow.tasks']}><GrantsConsolePage /></Guard>} />
        <Route path="licence" element={<Guard anyOf={['licence.manage']}><LicenceAdminPage /></Guard>} />
        <Route path="pledge" element={<Guard anyOf={['pledge.manage']}><PledgeAdminPage /></Guard>} />
        <Route path="agreement-template" element={<Guard anyOf={['agreementTemplate.manage']}><AgreementTemplateAdminPage /></Guard>} />
        <Route path="harvest" element={<Guard anyOf={['harvest.manage']}><HarvestPage /></Guard>} />
        <Route path="harvest/:id" element={<Guard anyOf={['harvest.manage']}><HarvestPage /></Guard>} />
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
