import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Key } from 'react';
import {
  App,
  Badge,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { usePermission } from '../../../app/auth';
import { formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { Page } from '../../../app/Page';
import { QueryForm, queryItem } from '../../../app/QueryForm';
import { LoadError } from '../../../app/results';
import { useApi } from '../../../app/use-api';
import { ImportDrawer } from '../import/ImportDrawer';
import { buildUnitTree, filterTree, keysWithChildren } from '../shared/unit-tree';
import type { UnitNode } from '../shared/unit-tree';
import { UnitFormModal } from './UnitFormModal';
import { UNIT_TYPES, deleteUnit, listUnits } from './units.api';
import type { Unit, UnitType } from './units.api';

const TYPE_COLORS: Record<UnitType, string> = {
  department: 'blue',
  community: 'green',
  higher: 'purple',
};

interface Filters {
  name?: string;
  type?: UnitType;
}

export default function UnitsPage() {
  const { t, lang } = useI18n();
  const has = usePermission();
  const canManage = has('org.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);

  const load = useCallback((signal: AbortSignal) => listUnits(signal), []);
  const { data: units, error, loading, reload } = useApi(load);

  const tree = useMemo(() => {
    const all = buildUnitTree(units ?? []);
    const name = filters.name?.trim();
    if (!name && !filters.type) return all;
    return filterTree(
      all,
      (unit) =>
        (!name || unit.name.includes(name)) && (!filters.type || unit.type === filters.type),
    );
  }, [units, filters]);

  // A township has tens of units: show the whole tree, and all matches after filtering.
  useEffect(() => {
    setExpanded(keysWithChildren(tree));
  }, [tree]);

  const onDelete = async (unit: Unit) => {
    try {
      await deleteUnit(unit.id);
      void message.success(t('units.deleted', { name: unit.name }));
      reload();
    } catch (cause) {
      notifyError(cause);
    }
  };

  const columns: TableColumnsType<UnitNode> = [
    { title: t('units.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('units.type'),
      dataIndex: 'type',
      key: 'type',
      width: 150,
      render: (type: UnitType) => <Tag color={TYPE_COLORS[type]}>{t(`unitType.${type}`)}</Tag>,
    },
    {
      title: t('units.liaison'),
      dataIndex: 'liaisonName',
      key: 'liaison',
      width: 120,
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('units.phone'),
      dataIndex: 'phone',
      key: 'phone',
      width: 140,
      render: (phone: string | null) => phone ?? '—',
    },
    {
      title: t('units.userCount'),
      dataIndex: 'userCount',
      key: 'userCount',
      width: 90,
      align: 'right',
      render: (count: number) => formatNumber(count, lang),
    },
    {
      title: t('units.status'),
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (active: boolean) => (
        <Badge
          status={active ? 'success' : 'default'}
          text={active ? t('units.active') : t('units.inactive')}
        />
      ),
    },
  ];
  // A unit with users or sub-units is refused: its 删除 says why instead of asking first.
  const deleteBlocked = (unit: Unit): string | null =>
    unit.userCount > 0
      ? t('units.deleteHasUsers')
      : (units ?? []).some((u) => u.parentId === unit.id)
        ? t('units.deleteHasChildren')
        : null;
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_value, unit) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(unit)}>
            {t('common.edit')}
          </Button>
          {deleteBlocked(unit) ? (
            <Tooltip title={deleteBlocked(unit)}>
              <Button type="link" size="small" danger disabled icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={t('units.deleteConfirm', { name: unit.name })}
              description={t('units.deleteHint')}
              onConfirm={() => void onDelete(unit)}
              okButtonProps={{ danger: true }}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  const filtered = Boolean(filters.name?.trim() || filters.type);
  const emptyText = filtered
    ? t('units.noMatch')
    : canManage
      ? t('units.empty')
      : t('units.emptyReadOnly');

  return (
    <Page
      title={t('units.title')}
      extra={
        canManage ? (
          <>
            <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)}>
              {t('units.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('units.add')}
            </Button>
          </>
        ) : null
      }
    >
      <QueryForm<Filters>
        name="unit-filters"
        collapsible={false}
        onSearch={setFilters}
        onRefresh={reload}
      >
        {() => (
          <>
            <Form.Item name="name" label={t('units.name')} {...queryItem}>
              <Input placeholder={t('units.namePlaceholder')} allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="type" label={t('units.type')} {...queryItem}>
              <Select
                placeholder={t('units.typePlaceholder')}
                allowClear
                style={{ width: 180 }}
                options={UNIT_TYPES.map((type) => ({ value: type, label: t(`unitType.${type}`) }))}
              />
            </Form.Item>
          </>
        )}
      </QueryForm>
      <Card>
        {error && !units ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<UnitNode>
            rowKey="id"
            columns={columns}
            dataSource={tree}
            loading={loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: setExpanded }}
            locale={{ emptyText: <Empty description={emptyText} /> }}
            data-testid="units-table"
          />
        )}
      </Card>
      {editing !== null ? (
        <UnitFormModal
          unit={editing === 'new' ? null : editing}
          units={units ?? []}
          onClose={() => setEditing(null)}
          onSaved={(unit, created) => {
            setEditing(null);
            void message.success(
              t(created ? 'units.created' : 'units.updated', { name: unit.name }),
            );
            reload();
          }}
        />
      ) : null}
      <ImportDrawer open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
    </Page>
  );
}
