import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApiOutlined,
  ApartmentOutlined,
  CalendarOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FireOutlined,
  FormOutlined,
  FundViewOutlined,
  InboxOutlined,
  NotificationOutlined,
  ProfileOutlined,
  RadarChartOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TableOutlined,
  TagsOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UploadOutlined,
  UsergroupAddOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n/i18n';
import type { Permission } from '../types';
import { hasTodo } from '../../features/cases/todo/todo-tabs';

export interface NavItem {
  key: string;
  label: MessageKey;
  icon: ReactNode;
  /** Hidden from users without it. Sections not enabled yet need none: they only say so. */
  permission?: Permission;
  /** Hidden unless this holds, where one permission does not say it (我的待办: any case work). */
  visible?: (has: (p: Permission) => boolean) => boolean;
  children?: NavItem[];
}

export const NAV: NavItem[] = [
  { key: '/', label: 'menu.home', icon: <DashboardOutlined /> },
  {
    key: '/situation',
    label: 'menu.situation',
    icon: <FundViewOutlined />,
    permission: 'posts.read',
  },
  { key: '/inbox', label: 'menu.inbox', icon: <BellOutlined /> },
  {
    key: 'monitoring',
    label: 'menu.monitoring',
    icon: <RadarChartOutlined />,
    children: [
      {
        key: '/monitoring',
        label: 'menu.posts',
        icon: <SearchOutlined />,
        permission: 'posts.read',
      },
      {
        key: '/monitoring/topics',
        label: 'menu.topics',
        icon: <FireOutlined />,
        permission: 'posts.read',
      },
      {
        key: '/monitoring/dictionary',
        label: 'menu.dictionary',
        icon: <BookOutlined />,
        permission: 'posts.dictionary',
      },
      {
        key: '/monitoring/sources',
        label: 'menu.sources',
        icon: <ApiOutlined />,
        permission: 'sources.read',
      },
      {
        key: '/monitoring/entry',
        label: 'menu.postEntry',
        icon: <FormOutlined />,
        permission: 'posts.import',
      },
      {
        key: '/monitoring/import',
        label: 'menu.postImport',
        icon: <UploadOutlined />,
        permission: 'posts.import',
      },
      {
        key: '/monitoring/alerts',
        label: 'menu.alerts',
        icon: <WarningOutlined />,
        permission: 'alerts.read',
      },
      {
        key: '/monitoring/alert-rules',
        label: 'menu.alertRules',
        icon: <ControlOutlined />,
        permission: 'alerts.read',
      },
      {
        key: '/watch',
        label: 'menu.watch',
        icon: <ScheduleOutlined />,
        permission: 'watch.read',
      },
    ],
  },
  {
    key: 'cases',
    label: 'menu.cases',
    icon: <FileTextOutlined />,
    children: [
      {
        key: '/cases',
        label: 'menu.caseList',
        icon: <UnorderedListOutlined />,
        permission: 'cases.read',
      },
      {
        key: '/cases/todo',
        label: 'menu.caseTodo',
        icon: <CarryOutOutlined />,
        visible: hasTodo,
      },
      {
        key: '/supervision',
        label: 'menu.supervision',
        icon: <FundViewOutlined />,
        permission: 'cases.supervise',
      },
      {
        key: '/notices',
        label: 'menu.notices',
        icon: <ProfileOutlined />,
        permission: 'cases.supervise',
      },
      {
        key: '/archive',
        label: 'menu.archive',
        icon: <InboxOutlined />,
        permission: 'cases.read',
      },
    ],
  },
  {
    key: '/incidents',
    label: 'menu.incidents',
    icon: <AlertOutlined />,
    permission: 'incidents.read',
  },
  {
    key: 'reports',
    label: 'menu.reports',
    icon: <BarChartOutlined />,
    children: [
      {
        key: '/reports',
        label: 'menu.reportList',
        icon: <FileDoneOutlined />,
        permission: 'reports.read',
      },
      {
        key: '/info-briefs',
        label: 'menu.infoBriefs',
        icon: <FileTextOutlined />,
        permission: 'info.read',
      },
      {
        key: '/info-ranking',
        label: 'menu.infoRanking',
        icon: <BarChartOutlined />,
        permission: 'info.read',
      },
      {
        key: '/reports/units',
        label: 'menu.unitStats',
        icon: <TableOutlined />,
        permission: 'cases.supervise',
      },
    ],
  },
  {
    key: 'admin',
    label: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      {
        key: '/admin/units',
        label: 'menu.units',
        icon: <ApartmentOutlined />,
        permission: 'org.read',
      },
      {
        key: '/admin/users',
        label: 'menu.users',
        icon: <TeamOutlined />,
        permission: 'users.read',
      },
      {
        key: '/admin/working-group',
        label: 'menu.workingGroup',
        icon: <UsergroupAddOutlined />,
        permission: 'org.read',
      },
      {
        key: '/admin/categories',
        label: 'menu.categories',
        icon: <TagsOutlined />,
        permission: 'categories.manage',
      },
      {
        key: '/admin/audit',
        label: 'menu.audit',
        icon: <AuditOutlined />,
        permission: 'audit.read',
      },
      {
        key: '/admin/backup',
        label: 'menu.backup',
        icon: <SafetyCertificateOutlined />,
        permission: 'backup.manage',
      },
      {
        key: '/admin/holidays',
        label: 'menu.holidays',
        icon: <CalendarOutlined />,
        permission: 'holidays.manage',
      },
      {
        key: '/admin/notifications',
        label: 'menu.notificationSettings',
        icon: <NotificationOutlined />,
        permission: 'notifications.manage',
      },
    ],
  },
];

/** The items this user may see; a submenu with no visible child disappears. */
export function visibleNav(items: NavItem[], has: (p: Permission) => boolean): NavItem[] {
  const result: NavItem[] = [];
  for (const item of items) {
    if (item.permission && !has(item.permission)) continue;
    if (item.visible && !item.visible(has)) continue;
    if (item.children) {
      const children = visibleNav(item.children, has);
      if (children.length > 0) result.push({ ...item, children });
    } else {
      result.push(item);
    }
  }
  return result;
}

/** The menu key for a path: the longest item path that is a prefix of it. */
export function selectedKey(items: NavItem[], pathname: string): string | undefined {
  let best: string | undefined;
  const visit = (list: NavItem[]) => {
    for (const item of list) {
      if (item.children) visit(item.children);
      else if (
        (item.key === '/' && pathname === '/') ||
        (item.key !== '/' && (pathname === item.key || pathname.startsWith(`${item.key}/`)))
      ) {
        if (!best || item.key.length > best.length) best = item.key;
      }
    }
  };
  visit(items);
  return best;
}
