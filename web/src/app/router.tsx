import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireAuth, RequirePermission } from './guards';
import { NotEnabled, NotFound, RouteError } from './results';

const HomePage = lazy(() => import('../features/home/HomePage'));
const ChangePasswordPage = lazy(() => import('../features/auth/ChangePasswordPage'));
const UnitsPage = lazy(() => import('../features/org/units/UnitsPage'));
const UsersPage = lazy(() => import('../features/org/users/UsersPage'));
const WorkingGroupPage = lazy(() => import('../features/org/working-group/WorkingGroupPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const CasesPage = lazy(() => import('../features/cases/list/CasesPage'));
const CasePage = lazy(() => import('../features/cases/case/CasePage'));
const TodoPage = lazy(() => import('../features/cases/todo/TodoPage'));
const SupervisionPage = lazy(() => import('../features/cases/supervision/SupervisionPage'));
const InboxPage = lazy(() => import('../features/notifications/InboxPage'));
const NotificationSettingsPage = lazy(
  () => import('../features/notifications/NotificationSettingsPage'),
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'monitoring/*', element: <NotEnabled module="menu.monitoring" /> },
          {
            path: 'cases',
            element: (
              <RequirePermission permission="cases.read">
                <CasesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'cases/todo',
            element: (
              <RequirePermission permission="cases.read">
                <TodoPage />
              </RequirePermission>
            ),
          },
          {
            path: 'cases/:id',
            element: (
              <RequirePermission permission="cases.read">
                <CasePage />
              </RequirePermission>
            ),
          },
          {
            path: 'supervision',
            element: (
              <RequirePermission permission="cases.supervise">
                <SupervisionPage />
              </RequirePermission>
            ),
          },
          { path: 'incidents/*', element: <NotEnabled module="menu.incidents" /> },
          { path: 'reports/*', element: <NotEnabled module="menu.reports" /> },
          {
            path: 'admin/units',
            element: (
              <RequirePermission permission="org.read">
                <UnitsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/users',
            element: (
              <RequirePermission permission="users.read">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/working-group',
            element: (
              <RequirePermission permission="org.read">
                <WorkingGroupPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/audit',
            element: (
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            ),
          },
          { path: 'inbox', element: <InboxPage /> },
          {
            path: 'admin/notifications',
            element: (
              <RequirePermission permission="notifications.manage">
                <NotificationSettingsPage />
              </RequirePermission>
            ),
          },
          { path: 'account/password', element: <ChangePasswordPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
