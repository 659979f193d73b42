import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireAuth, RequirePermission } from './guards';
import { NotEnabled, NotFound, RouteError } from './results';

const HomePage = lazy(() => import('../features/home/HomePage'));
const ChangePasswordPage = lazy(() => import('../features/auth/ChangePasswordPage'));
const UnitsPage = lazy(() => import('../features/org/units/UnitsPage'));
const CategoriesPage = lazy(() => import('../features/analysis/CategoriesPage'));
const HolidaysPage = lazy(() => import('../features/holidays/HolidaysPage'));
const UsersPage = lazy(() => import('../features/org/users/UsersPage'));
const WorkingGroupPage = lazy(() => import('../features/org/working-group/WorkingGroupPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const BackupPage = lazy(() => import('../features/backup/BackupPage'));
const CasesPage = lazy(() => import('../features/cases/list/CasesPage'));
const CasePage = lazy(() => import('../features/cases/case/CasePage'));
const TodoPage = lazy(() => import('../features/cases/todo/TodoPage'));
const SupervisionPage = lazy(() => import('../features/cases/supervision/SupervisionPage'));
const InboxPage = lazy(() => import('../features/notifications/InboxPage'));
const NoticesPage = lazy(() => import('../features/notices/NoticesPage'));
const NoticePage = lazy(() => import('../features/notices/NoticePage'));
const NoticePrintPage = lazy(() => import('../features/notices/NoticePrintPage'));
const UnitStatsPage = lazy(() => import('../features/stats/UnitStatsPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const ReportPage = lazy(() => import('../features/reports/ReportPage'));
const ArchivePage = lazy(() => import('../features/archive/ArchivePage'));
const SlipPrintPage = lazy(() => import('../features/cases/print/SlipPrintPage'));
const MonitoringRoute = lazy(() => import('../features/monitoring/MonitoringRoute'));
const DictionaryPage = lazy(() => import('../features/monitoring/dictionary/DictionaryPage'));
const TopicsPage = lazy(() => import('../features/topics/TopicsPage'));
const TopicPage = lazy(() => import('../features/topics/TopicPage'));
const SourcesPage = lazy(() => import('../features/sources/SourcesPage'));
const SourcePage = lazy(() => import('../features/sources/SourcePage'));
const ManualEntryPage = lazy(() => import('../features/sources/ManualEntryPage'));
const ImportPage = lazy(() => import('../features/sources/ImportPage'));
const AlertsPage = lazy(() => import('../features/alerts/AlertsPage'));
const IncidentsPage = lazy(() => import('../features/incidents/IncidentsPage'));
const IncidentPage = lazy(() => import('../features/incidents/IncidentPage'));
const InfoBriefsPage = lazy(() => import('../features/info-reports/InfoBriefsPage'));
const InfoBriefPage = lazy(() => import('../features/info-reports/InfoBriefPage'));
const InfoRankingPage = lazy(() => import('../features/info-reports/InfoRankingPage'));
const SituationPage = lazy(() => import('../features/situation/SituationPage'));
const AlertPage = lazy(() => import('../features/alerts/AlertPage'));
const AlertRulesPage = lazy(() => import('../features/alerts/AlertRulesPage'));
const WatchPeriodsPage = lazy(() => import('../features/watch/WatchPeriodsPage'));
const WatchPeriodPage = lazy(() => import('../features/watch/WatchPeriodPage'));
const BoardLayout = lazy(() => import('../features/board/BoardLayout'));
const BoardListPage = lazy(() => import('../features/board/BoardListPage'));
const BoardNewPage = lazy(() => import('../features/board/BoardNewPage'));
const BoardMessagePage = lazy(() => import('../features/board/BoardMessagePage'));
const NotificationSettingsPage = lazy(
  () => import('../features/notifications/NotificationSettingsPage'),
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  // 网络问政: the public message board, for citizens, without sign-in or the staff layout.
  {
    path: '/board',
    element: (
      <Suspense fallback={null}>
        <BoardLayout />
      </Suspense>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <BoardListPage /> },
      { path: 'new', element: <BoardNewPage /> },
      { path: 'm/:code', element: <BoardMessagePage /> },
      { path: 'p/:id', element: <BoardMessagePage /> },
    ],
  },
  {
    path: '/',
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'situation',
            element: (
              <RequirePermission permission="posts.read">
                <SituationPage />
              </RequirePermission>
            ),
          },
          // 舆情信息 for those who read posts; everyone else is told it is not enabled for them.
          { path: 'monitoring', element: <MonitoringRoute /> },
          {
            path: 'monitoring/dictionary',
            element: (
              <RequirePermission permission="posts.dictionary">
                <DictionaryPage />
              </RequirePermission>
            ),
          },
          // 信息源, 人工录入 and 批量导入
          {
            path: 'monitoring/sources',
            element: (
              <RequirePermission permission="sources.read">
                <SourcesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'monitoring/sources/:id',
            element: (
              <RequirePermission permission="sources.read">
                <SourcePage />
              </RequirePermission>
            ),
          },
          {
            path: 'monitoring/entry',
            element: (
              <RequirePermission permission="posts.import">
                <ManualEntryPage />
              </RequirePermission>
            ),
          },
          {
            path: 'monitoring/import',
            element: (
              <RequirePermission permission="posts.import">
                <ImportPage />
              </RequirePermission>
            ),
          },
          // 预警 and 预警规则
          {
            path: 'monitoring/alerts',
            element: (
              <RequirePermission permission="alerts.read">
                <AlertsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'monitoring/alerts/:id',
            element: (
              <RequirePermission permission="alerts.read">
                <AlertPage />
              </RequirePermission>
            ),
          },
          {
            path: 'monitoring/alert-rules',
            element: (
              <RequirePermission permission="alerts.read">
                <AlertRulesPage />
              </RequirePermission>
            ),
          },
          // 热点话题
          {
            path: 'monitoring/topics',
            element: (
              <RequirePermission permission="posts.read">
                <TopicsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'monitoring/topics/:id',
            element: (
              <RequirePermission permission="posts.read">
                <TopicPage />
              </RequirePermission>
            ),
          },
          { path: 'monitoring/*', element: <NotEnabled module="menu.monitoring" /> },
          {
            path: 'watch',
            element: (
              <RequirePermission permission="watch.read">
                <WatchPeriodsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'watch/:id',
            element: (
              <RequirePermission permission="watch.read">
                <WatchPeriodPage />
              </RequirePermission>
            ),
          },
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
            path: 'cases/:id/slip/print',
            element: (
              <RequirePermission permission="cases.read">
                <SlipPrintPage />
              </RequirePermission>
            ),
          },
          {
            path: 'archive',
            element: (
              <RequirePermission permission="cases.read">
                <ArchivePage />
              </RequirePermission>
            ),
          },
          {
            path: 'notices',
            element: (
              <RequirePermission permission="cases.supervise">
                <NoticesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'notices/:id',
            element: (
              <RequirePermission permission="cases.supervise">
                <NoticePage />
              </RequirePermission>
            ),
          },
          {
            path: 'notices/:id/print',
            element: (
              <RequirePermission permission="cases.supervise">
                <NoticePrintPage />
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
          {
            path: 'info-briefs',
            element: (
              <RequirePermission permission="info.read">
                <InfoBriefsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'info-briefs/:id',
            element: (
              <RequirePermission permission="info.read">
                <InfoBriefPage />
              </RequirePermission>
            ),
          },
          {
            path: 'info-ranking',
            element: (
              <RequirePermission permission="info.read">
                <InfoRankingPage />
              </RequirePermission>
            ),
          },
          {
            path: 'incidents',
            element: (
              <RequirePermission permission="incidents.read">
                <IncidentsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'incidents/:id',
            element: (
              <RequirePermission permission="incidents.read">
                <IncidentPage />
              </RequirePermission>
            ),
          },
          // 舆情报告 (daily to annual) and their preview; the per-unit statistics for those who
          // supervise (for everyone else, not enabled).
          {
            path: 'reports',
            element: (
              <RequirePermission permission="reports.read">
                <ReportsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'reports/units',
            element: (
              <RequirePermission permission="cases.supervise">
                <UnitStatsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'reports/:id',
            element: (
              <RequirePermission permission="reports.read">
                <ReportPage />
              </RequirePermission>
            ),
          },
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
            path: 'admin/categories',
            element: (
              <RequirePermission permission="categories.manage">
                <CategoriesPage />
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
          {
            path: 'admin/backup',
            element: (
              <RequirePermission permission="backup.manage">
                <BackupPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/holidays',
            element: (
              <RequirePermission permission="org.read">
                <HolidaysPage />
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
