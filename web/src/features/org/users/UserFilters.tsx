import { useState } from 'react';
import { Button, Card, Form, Grid, Input, Select, Space } from 'antd';
import { DownOutlined, ReloadOutlined, UpOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n/i18n';
import { roleOptions } from '../../../app/labels';
import type { Role } from '../../../app/types';
import { UnitTreeSelect } from '../shared/UnitTreeSelect';
import type { Unit } from '../units/units.api';

export interface UserFilterValues {
  q?: string;
  unitId?: number | null;
  role?: Role;
  status?: 'active' | 'inactive';
}

/** The query form above the user table; on a phone only the keyword shows until expanded. */
export function UserFilters({
  units,
  onSearch,
  onRefresh,
}: {
  units: Unit[];
  onSearch: (values: UserFilterValues) => void;
  onRefresh: () => void;
}) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [more, setMore] = useState(false);
  const showAll = Boolean(screens.md) || more;
  const item = { style: { marginBottom: 16 } };

  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      <Form<UserFilterValues>
        layout="inline"
        name="user-filters"
        onFinish={onSearch}
        onReset={() => onSearch({})}
      >
        <Form.Item name="q" label={t('users.keyword')} {...item}>
          <Input placeholder={t('users.keywordPlaceholder')} allowClear style={{ width: 200 }} />
        </Form.Item>
        {units.length > 0 ? (
          <Form.Item name="unitId" label={t('users.unit')} hidden={!showAll} {...item}>
            <UnitTreeSelect
              units={units}
              placeholder={t('users.unitPlaceholder')}
              style={{ width: 200 }}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="role" label={t('users.roles')} hidden={!showAll} {...item}>
          <Select
            placeholder={t('users.rolePlaceholder')}
            allowClear
            options={roleOptions(t)}
            style={{ width: 150 }}
          />
        </Form.Item>
        <Form.Item name="status" label={t('users.status')} hidden={!showAll} {...item}>
          <Select
            placeholder={t('users.statusPlaceholder')}
            allowClear
            style={{ width: 120 }}
            options={[
              { value: 'active', label: t('users.active') },
              { value: 'inactive', label: t('users.inactive') },
            ]}
          />
        </Form.Item>
        <Form.Item {...item}>
          <Space wrap>
            <Button type="primary" htmlType="submit">
              {t('common.query')}
            </Button>
            <Button htmlType="reset">{t('common.reset')}</Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={onRefresh}
              aria-label={t('common.refresh')}
            />
            {screens.md ? null : (
              <Button
                type="link"
                icon={more ? <UpOutlined /> : <DownOutlined />}
                onClick={() => setMore(!more)}
              >
                {more ? t('common.collapseFilters') : t('common.expandFilters')}
              </Button>
            )}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
