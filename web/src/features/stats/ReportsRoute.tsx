import { lazy } from 'react';
import { usePermission } from '../../app/auth';
import { NotEnabled } from '../../app/results';

const UnitStatsPage = lazy(() => import('./UnitStatsPage'));

/**
 * 统计报表: the per-unit statistics for those who supervise (office, leaders); the other
 * reports are not built yet, and everyone else is told so plainly.
 */
export default function ReportsRoute() {
  const has = usePermission();
  return has('cases.supervise') ? <UnitStatsPage /> : <NotEnabled module="menu.reports" />;
}
