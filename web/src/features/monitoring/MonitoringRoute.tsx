import { lazy } from 'react';
import { usePermission } from '../../app/auth';
import { NotEnabled } from '../../app/results';

const PostsPage = lazy(() => import('./posts/PostsPage'));

/** 舆情监测: the collected posts for those who read them; everyone else is told it is not theirs. */
export default function MonitoringRoute() {
  const has = usePermission();
  return has('posts.read') ? <PostsPage /> : <NotEnabled module="menu.monitoring" />;
}
