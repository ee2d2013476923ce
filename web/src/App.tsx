import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Loading } from './components/Loading';
import { PortalLayout } from './components/PortalLayout';
import { RequireAuth } from './components/RequireAuth';
import { DepartmentDetailPage } from './pages/DepartmentDetailPage';
import { DepartmentsPage } from './pages/DepartmentsPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RegisterPage } from './pages/RegisterPage';

// The catalog pages carry the data tables and charts; load them on demand.
const CatalogPage = lazy(() => import('./pages/catalog/CatalogPage'));
const DatasetPage = lazy(() => import('./pages/catalog/DatasetPage'));
// The user centre and the console are only for signed-in people; load them on demand.
const UserCenterLayout = lazy(() => import('./pages/user/UserCenterLayout'));
const ProfilePage = lazy(() => import('./pages/user/ProfilePage'));
const VerificationPage = lazy(() => import('./pages/user/VerificationPage'));
const ApiKeysPage = lazy(() => import('./pages/user/ApiKeysPage'));
const NotificationsPage = lazy(() => import('./pages/user/NotificationsPage'));
const AdminRoutes = lazy(() => import('./pages/admin/AdminRoutes'));
const AskPage = lazy(() => import('./pages/consult/AskPage'));
const PublicQaPage = lazy(() => import('./pages/consult/PublicQaPage'));
const MyConsultationsPage = lazy(() => import('./pages/user/MyConsultationsPage'));
const MyConsultationPage = lazy(() => import('./pages/user/MyConsultationPage'));
const MyApplicationsPage = lazy(() => import('./pages/user/MyApplicationsPage'));
const MyApplicationPage = lazy(() => import('./pages/user/MyApplicationPage'));
const ApplicationFormPage = lazy(() => import('./pages/applications/ApplicationFormPage'));
const MyGrantsPage = lazy(() => import('./pages/user/MyGrantsPage'));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<PortalLayout />}>
          <Route index element={<HomePage />} />
          <Route path="catalog" element={<CatalogPage />} />
          <Route path="catalog/:id" element={<DatasetPage />} />
          <Route path="departments" element={<DepartmentsPage />} />
          <Route path="departments/:id" element={<DepartmentDetailPage />} />
          <Route path="consult" element={<RequireAuth><AskPage /></RequireAuth>} />
          <Route path="qa" element={<PublicQaPage />} />
          <Route path="login" element={<LoginPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="user" element={<RequireAuth><UserCenterLayout /></RequireAuth>}>
            <Route index element={<ProfilePage />} />
            <Route path="verification" element={<VerificationPage />} />
            <Route path="api-keys" element={<ApiKeysPage />} />
            <Route path="consultations" element={<MyConsultationsPage />} />
            <Route path="consultations/:id" element={<MyConsultationPage />} />
            <Route path="applications" element={<MyApplicationsPage />} />
            <Route path="applications/new" element={<ApplicationFormPage />} />
            <Route path="applications/:id" element={<MyApplicationPage />} />
            <Route path="applications/:id/edit" element={<ApplicationFormPage />} />
            <Route path="grants" element={<MyGrantsPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="admin/*" element={<RequireAuth><AdminRoutes /></RequireAuth>} />
      </Routes>
    </Suspense>
  );
}
