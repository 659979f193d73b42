import { Form, Input, Select } from 'antd';
import { useT } from '../../../app/i18n/i18n';
import { QueryForm, queryItem } from '../../../app/QueryForm';
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
  values,
  onSearch,
  onRefresh,
}: {
  units: Unit[];
  /** The filters in force, shown in the form. */
  values: UserFilterValues;
  onSearch: (values: UserFilterValues) => void;
  onRefresh: () => void;
}) {
  const t = useT();
  return (
    <QueryForm<UserFilterValues>
      name="user-filters"
      initialValues={values}
      onSearch={onSearch}
      onRefresh={onRefresh}
    >
      {(showAll) => (
        <>
          <Form.Item name="q" label={t('users.keyword')} {...queryItem}>
            <Input placeholder={t('users.keywordPlaceholder')} allowClear style={{ width: 200 }} />
          </Form.Item>
          {units.length > 0 ? (
            <Form.Item name="unitId" label={t('users.unit')} hidden={!showAll} {...queryItem}>
              <UnitTreeSelect
                units={units}
                placeholder={t('users.unitPlaceholder')}
                style={{ width: 200 }}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="role" label={t('users.roles')} hidden={!showAll} {...queryItem}>
            <Select
              placeholder={t('users.rolePlaceholder')}
              allowClear
              options={roleOptions(t)}
              style={{ width: 150 }}
            />
          </Form.Item>
          <Form.Item name="status" label={t('users.status')} hidden={!showAll} {...queryItem}>
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
        </>
      )}
    </QueryForm>
  );
}
