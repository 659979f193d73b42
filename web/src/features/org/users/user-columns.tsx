import { Button, Grid, Popconfirm, Space, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { formatDateTime, isFuture } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import { ROLE_COLORS, roleLabel } from '../../../app/labels';
import type { Role } from '../../../app/types';
import type { User } from './users.api';

interface Handlers {
  canManage: boolean;
  /** The signed-in user: the server refuses to let them deactivate themselves. */
  selfId: number | null;
  onEdit: (user: User) => void;
  onReset: (user: User) => void;
  onUnlock: (user: User) => void;
  onToggle: (user: User) => void;
}

export function useUserColumns({
  canManage,
  selfId,
  onEdit,
  onReset,
  onUnlock,
  onToggle,
}: Handlers): TableColumnsType<User> {
  const t = useT();
  // On a phone a fixed action column would cover the table; there it scrolls with the rest.
  const wide = Boolean(Grid.useBreakpoint().md);
  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', width: 110 },
    { title: t('users.name'), dataIndex: 'name', key: 'name', width: 110 },
    {
      title: t('users.unit'),
      dataIndex: 'unitName',
      key: 'unit',
      width: 130,
      render: (unit: string | null) => unit ?? '—',
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: Role[]) => (
        <Space size={[0, 4]} wrap>
          {roles.map((role) => (
            <Tag key={role} color={ROLE_COLORS[role]}>
              {roleLabel(t, role)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.phone'),
      dataIndex: 'phone',
      key: 'phone',
      width: 120,
      responsive: ['xxl'],
      render: (phone: string | null) => phone ?? '—',
    },
    {
      title: t('users.email'),
      dataIndex: 'email',
      key: 'email',
      width: 180,
      ellipsis: true,
      // 电话 and 邮箱 are shown from 1600 px: on the common 1366 px screen 最后登录 (who has never
      // signed in, in the first week) was beyond the table's right edge; both are in the form.
      responsive: ['xxl'],
      render: (email: string | null) => email ?? '—',
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 90,
      render: (_value, user) => (
        <Space size={[0, 4]} wrap>
          {user.active ? (
            <Tag color="success">{t('users.active')}</Tag>
          ) : (
            <Tag>{t('users.inactive')}</Tag>
          )}
          {isFuture(user.lockedUntil) ? (
            <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
              <Tag color="error">{t('users.locked')}</Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at) : t('users.neverLoggedIn')),
    },
  ];
  if (!canManage) return columns;
  columns.push({
    title: t('common.actions'),
    key: 'actions',
    width: 210,
    fixed: wide ? 'right' : undefined,
    render: (_value, user) => (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => onEdit(user)}>
          {t('common.edit')}
        </Button>
        <Popconfirm
          title={t('users.resetConfirm', { name: user.name })}
          onConfirm={() => onReset(user)}
          okButtonProps={{ danger: true }}
        >
          <Button type="link" size="small">
            {t('users.resetPassword')}
          </Button>
        </Popconfirm>
        {isFuture(user.lockedUntil) ? (
          <Button type="link" size="small" onClick={() => onUnlock(user)}>
            {t('users.unlock')}
          </Button>
        ) : null}
        {user.id === selfId ? null : (
          <Popconfirm
            title={t(user.active ? 'users.disableConfirm' : 'users.enableConfirm', {
              name: user.name,
            })}
            onConfirm={() => onToggle(user)}
            okButtonProps={{ danger: user.active }}
          >
            <Button type="link" size="small" danger={user.active}>
              {user.active ? t('users.disable') : t('users.enable')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    ),
  });
  return columns;
}
