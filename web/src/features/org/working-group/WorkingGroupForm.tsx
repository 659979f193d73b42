import { useCallback, useMemo, useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
import { usePermission } from '../../../app/auth';
import { inParens, useT } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { useApi } from '../../../app/use-api';
import { UnitTreeSelect } from '../shared/UnitTreeSelect';
import { UserMultiSelect } from '../shared/UserSelect';
import type { UserOption } from '../shared/UserSelect';
import { listUnits } from '../units/units.api';
import { saveWorkingGroup } from './working-group.api';
import type { Member, WorkingGroup, WorkingGroupInput } from './working-group.api';

function toOptions(members: Member[]): UserOption[] {
  return members.map((m) => ({
    value: m.userId,
    label: m.unitName ? `${m.name}${inParens(m.unitName)}` : m.name,
  }));
}

export function WorkingGroupForm({
  group,
  onCancel,
  onSaved,
}: {
  group: WorkingGroup;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const has = usePermission();
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);
  const loadUnits = useCallback((signal: AbortSignal) => listUnits(signal), []);
  const units = useApi(has('org.read') ? loadUnits : null).data ?? [];
  const known = useMemo(() => [...toOptions(group.leaders), ...toOptions(group.deputies)], [group]);

  const onFinish = async (values: WorkingGroupInput) => {
    setSaving(true);
    try {
      await saveWorkingGroup({
        leaderIds: values.leaderIds,
        deputyIds: values.deputyIds,
        unitIds: values.unitIds,
        ...(values.orgName?.trim() ? { orgName: values.orgName.trim() } : {}),
      });
      onSaved();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<WorkingGroupInput>
      name="working-group"
      layout="vertical"
      style={{ maxWidth: 720 }}
      initialValues={{
        orgName: group.orgName ?? '',
        leaderIds: group.leaders.map((m) => m.userId),
        deputyIds: group.deputies.map((m) => m.userId),
        unitIds: group.units.map((u) => u.unitId),
      }}
      onFinish={(values) => void onFinish(values)}
    >
      <Form.Item
        name="orgName"
        label={t('wg.orgName')}
        extra={t('wg.orgNameHelp')}
        rules={[
          { required: true, whitespace: true, message: t('wg.orgNameRequired') },
          {
            pattern: /^\s*[\p{Script=Han}A-Za-z0-9（）()·]{2,30}\s*$/u,
            message: t('wg.orgNameInvalid'),
          },
        ]}
      >
        <Input maxLength={30} placeholder={t('wg.orgNamePlaceholder')} style={{ maxWidth: 320 }} />
      </Form.Item>
      <Form.Item name="leaderIds" label={t('wg.leaders')} extra={t('wg.leadersHelp')}>
        <UserMultiSelect known={known} role="leader" placeholder={t('wg.leadersPlaceholder')} />
      </Form.Item>
      <Form.Item name="deputyIds" label={t('wg.deputies')}>
        <UserMultiSelect known={known} role="leader" placeholder={t('wg.deputiesPlaceholder')} />
      </Form.Item>
      <Form.Item name="unitIds" label={t('wg.units')}>
        <UnitTreeSelect multiple units={units} placeholder={t('wg.unitsPlaceholder')} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
