export const ROLES = ['admin', 'monitor', 'leader', 'liaison', 'office', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  monitor: '舆情管理员',
  leader: '领导',
  liaison: '联络员',
  office: '办公室(督办)',
  viewer: '查看',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Which roles hold which permission. The server checks these on every route and use case;
 * the web app only hides what would be refused.
 */
export const PERMISSION_ROLES = {
  'org.read': ['admin', 'monitor', 'leader', 'liaison', 'office', 'viewer'],
  'org.manage': ['admin'],
  'users.read': ['admin', 'monitor', 'leader', 'liaison', 'office'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'office'],
  // The case workflow (DESIGN §2): who registers, assigns and approves, handles, publishes, tracks.
  'cases.read': ['admin', 'monitor', 'leader', 'liaison', 'office', 'viewer'],
  'cases.register': ['monitor'],
  'cases.decide': ['leader'],
  'cases.handle': ['liaison'],
  'cases.publish': ['monitor'],
  'cases.supervise': ['office', 'leader'],
  'cases.urge': ['office'],
  'cases.archive': ['office'],
  // 历史台账导入: bringing the Excel ledger's past cases in, archived, on adoption day.
  'cases.import': ['admin', 'office'],
  // 归档移交: a period's archived case files in one .zip, for the archives room or the inspectors.
  // Any reader may take one case's bundle; taking a whole year's is the office's archiving job.
  'cases.transfer': ['admin', 'office'],
  'cases.attach': ['monitor', 'leader', 'liaison'],
  // Notifications (DESIGN §5): every signed-in user has an inbox; channels are set up by admins.
  'notifications.manage': ['admin'],
  // Monitoring (DESIGN §3): collected posts; liaisons see only the cases sent to their unit.
  'posts.read': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  // 管辖词典: the terms that make a post relevant to the jurisdiction.
  'posts.dictionary': ['admin', 'monitor'],
  // 信息源: admins set sources up (DESIGN §1), monitors run them daily; both see their health.
  'sources.read': ['admin', 'monitor', 'leader', 'office'],
  'sources.manage': ['admin', 'monitor'],
  // Manual entry and .xlsx / .csv import of posts.
  'posts.import': ['admin', 'monitor'],
  // Analysis: admins keep the category list and retrain the model; staff confirm a post's category.
  'categories.manage': ['admin'],
  'posts.classify': ['admin', 'monitor', 'leader'],
  // 研判: marking collected posts 已阅 / 不予处理 is the monitor's daily triage.
  'posts.review': ['monitor'],
  // Watch periods and the duty roster (值班表), kept by the office with the monitors.
  'watch.read': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'watch.manage': ['admin', 'monitor', 'office'],
  // 预警: everyone who reads posts sees the alerts; the monitors write the rules and work the alerts.
  'alerts.read': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'alerts.manage': ['admin', 'monitor'],
  // 舆情事件: monitors, leaders and the office open and work incidents (the 党政办 on duty is often
  // the first to hear of an emergency at night, and makes the 首报); everyone who reads posts
  // follows them. Whoever may work incidents may own one.
  'incidents.read': ['admin', 'monitor', 'leader', 'office', 'viewer'],
  'incidents.manage': ['monitor', 'leader', 'office'],
  // 舆情报告: daily to annual reports; the office generates them and sets the daily schedule.
  'reports.read': ['admin', 'leader', 'office', 'monitor', 'viewer'],
  'reports.manage': ['admin', 'office'],
  // 当日舆情 on demand (a day off, a day whose report was missed): the monitor writes it up.
  'reports.daily': ['admin', 'office', 'monitor'],
  // 信息报送: monitors, leaders and the office write briefs, leaders review them, the office sets
  // quotas and records outcomes; 'info.read' lets them (and admins) see the list and the ranking.
  'info.read': ['admin', 'monitor', 'leader', 'office'],
  'info.write': ['monitor', 'leader', 'office'],
  'info.review': ['leader'],
  'info.manage': ['office', 'admin'],
  // 节假日安排: the statutory holidays that working-day deadlines and the daily report follow;
  // the office (督办) or an admin enters each year's arrangement once the State Council publishes it.
  'holidays.manage': ['admin', 'office'],
  // 数据备份: where the backups go and whether they are made; 立即备份. The files stay on the server.
  'backup.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_ROLES;

export function permissionsOf(roles: readonly string[]): Permission[] {
  return (Object.keys(PERMISSION_ROLES) as Permission[]).filter((p) =>
    (PERMISSION_ROLES[p] as readonly string[]).some((r) => roles.includes(r)),
  );
}
