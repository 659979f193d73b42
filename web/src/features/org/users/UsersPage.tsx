import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Table } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMe, usePermission } from '../../../app/auth';
import { useI18n } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { Page } from '../../../app/Page';
import { LoadError } from '../../../app/results';
import { useApi } from '../../../app/use-api';
import { ImportDrawer } from '../import/ImportDrawer';
import { listUnits } from '../units/units.api';
import { PasswordOnceModal } from './PasswordOnceModal';
import type { OncePassword } from './PasswordOnceModal';
import { UserFilters } from './UserFilters';
import type { UserFilterValues } from './UserFilters';
import { UserFormModal } from './UserFormModal';
import { useUserColumns } from './user-columns';
import { listUsers, resetPassword, unlockUser, updateUser } from './users.api';
import type { User } from './users.api';
import { useTablePagination } from '../../../app/pagination';
import { intField, oneOfField, textField, useListState } from '../../../app/list-state';
import { ROLES } from '../../../app/types';

const FILTERS = {
  q: textField,
  unitId: intField,
  role: oneOfField(ROLES),
  status: oneOfField(['active', 'inactive'] as const),
};

export default function UsersPage() {
  const { t } = useI18n();
  const has = usePermission();
  const canManage = has('users.manage');
  const canImport = has('org.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { filters, setFilters, page, setPage, formKey } = useListState<UserFilterValues>(FILTERS);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [once, setOnce] = useState<OncePassword | null>(null);
  const [importOpen, setImportOpen] = useState(false);

  const loadUnits = useCallback((signal: AbortSignal) => listUnits(signal), []);
  const units = useApi(has('org.read') ? loadUnits : null).data ?? [];

  const load = useCallback(
    (signal: AbortSignal) =>
      listUsers(
        {
          q: filters.q?.trim() || undefined,
          unitId: filters.unitId ?? undefined,
          role: filters.role,
          active: filters.status === undefined ? undefined : filters.status === 'active',
          page: page.page,
          pageSize: page.pageSize,
        },
        signal,
      ),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);

  const act = async (action: () => Promise<unknown>, success?: string) => {
    try {
      await action();
      if (success) void message.success(success);
      reload();
    } catch (cause) {
      notifyError(cause);
    }
  };

  const me = useMe();
  const columns = useUserColumns({
    canManage,
    selfId: me.id,
    onEdit: setEditing,
    onReset: (user) =>
      void act(async () => {
        const { initialPassword } = await resetPassword(user.id);
        setOnce({
          username: user.username,
          name: user.name,
          unit: user.unitName,
          roles: user.roles,
          password: initialPassword,
          reset: true,
        });
      }),
    onUnlock: (user) =>
      void act(() => unlockUser(user.id), t('users.unlocked', { name: user.name })),
    onToggle: (user) =>
      void act(
        () => updateUser(user.id, { active: !user.active }),
        t(user.active ? 'users.disabled' : 'users.enabled', { name: user.name }),
      ),
  });

  const filtered = Object.values(filters).some((v) => v !== undefined && v !== null && v !== '');
  const emptyText = filtered
    ? t('users.noMatch')
    : canManage
      ? t('users.empty')
      : t('users.emptyReadOnly');

  const pagination = useTablePagination(page, setPage, data?.total ?? 0);

  return (
    <Page
      title={t('users.title')}
      extra={
        <>
          {canImport ? (
            <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)}>
              {t('users.import')}
            </Button>
          ) : null}
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('users.add')}
            </Button>
          ) : null}
        </>
      }
    >
      <UserFilters
        key={formKey}
        units={units}
        values={filters}
        onSearch={setFilters}
        onRefresh={reload}
      />
      <Card>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<User>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={pagination}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={emptyText} /> }}
            data-testid="users-table"
          />
        )}
      </Card>
      {editing !== null ? (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          units={units}
          onClose={() => setEditing(null)}
          onSaved={(user, initialPassword) => {
            const created = editing === 'new';
            setEditing(null);
            void message.success(
              t(created ? 'users.created' : 'users.updated', { name: user.name }),
            );
            if (initialPassword) {
              setOnce({
                username: user.username,
                name: user.name,
                unit: user.unitName,
                roles: user.roles,
                password: initialPassword,
                reset: false,
              });
            }
            reload();
          }}
        />
      ) : null}
      <PasswordOnceModal value={once} onClose={() => setOnce(null)} />
      <ImportDrawer open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
    </Page>
  );
}
