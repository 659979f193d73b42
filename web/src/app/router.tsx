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
          { path: 'cases/*', element: <NotEnabled module="menu.cases" /> },
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
          { path: 'account/password', element: <ChangePasswordPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
