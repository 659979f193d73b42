export const ROLES = ['admin', 'monitor', 'leader', 'liaison', 'office', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'org.read'
  | 'org.manage'
  | 'users.read'
  | 'users.manage'
  | 'audit.read'
  | 'notifications.manage'
  | 'cases.read'
  | 'cases.register'
  | 'cases.decide'
  | 'cases.handle'
  | 'cases.publish'
  | 'cases.supervise'
  | 'cases.urge'
  | 'cases.archive'
  | 'cases.import'
  | 'cases.transfer'
  | 'cases.attach'
  | 'posts.read'
  | 'posts.dictionary'
  | 'sources.read'
  | 'sources.manage'
  | 'posts.import'
  | 'categories.manage'
  | 'posts.classify'
  | 'posts.review'
  | 'watch.read'
  | 'watch.manage'
  | 'alerts.read'
  | 'alerts.manage'
  | 'incidents.read'
  | 'incidents.manage'
  | 'reports.read'
  | 'reports.manage'
  | 'reports.daily'
  | 'info.read'
  | 'info.write'
  | 'info.review'
  | 'info.manage'
  | 'holidays.manage'
  | 'backup.manage';

export interface Me {
  id: number;
  username: string;
  name: string;
  unitId: number | null;
  unitName: string | null;
  roles: Role[];
  /** Every permission the server grants; the UI only looks at the ones in `Permission`. */
  permissions: string[];
  mustChangePassword: boolean;
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface Health {
  status: 'ok';
  db: 'pglite' | 'postgres';
  version: string;
}
