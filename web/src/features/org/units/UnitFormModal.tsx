import { useCallback, useMemo, useState } from 'react';
import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { usePermission } from '../../../app/auth';
import { useT } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { useApi } from '../../../app/use-api';
import { subtreeIds } from '../shared/unit-tree';
import { UnitTreeSelect } from '../shared/UnitTreeSelect';
import { userOption } from '../shared/UserSelect';
import { listUsers } from '../users/users.api';
import { UNIT_TYPES, createUnit, updateUnit } from './units.api';
import type { Unit, UnitType } from './units.api';
import { useReturnFocus } from '../../../app/use-return-focus';

interface Values {
  name: string;
  type: UnitType;
  parentId: number | null;
  liaisonUserId: number | null;
  phone: string;
  sortOrder: number | null;
  active: boolean;
}

const PHONE = /^[0-9+\-() ]{3,30}$/;

/** Creates (`unit` null) or edits a unit. */
export function UnitFormModal({
  unit,
  units,
  onClose,
  onSaved,
}: {
  unit: Unit | null;
  units: Unit[];
  onClose: () => void;
  onSaved: (unit: Unit, created: boolean) => void;
}) {
  useReturnFocus();
  const t = useT();
  const has = usePermission();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  // A unit cannot be placed under itself or under one of its own sub-units.
  const exclude = useMemo(() => (unit ? subtreeIds(units, unit.id) : undefined), [unit, units]);

  // The liaison is one of the unit's own users; a new unit has none yet.
  const unitId = unit?.id;
  const canListUsers = has('users.read');
  const loadMembers = useCallback(
    (signal: AbortSignal) => listUsers({ unitId, active: true, pageSize: 100 }, signal),
    [unitId],
  );
  const members = useApi(unitId !== undefined && canListUsers ? loadMembers : null);
  const liaisonOptions = useMemo(() => {
    const options = (members.data?.items ?? []).map(userOption);
    if (unit?.liaisonUserId && !options.some((o) => o.value === unit.liaisonUserId)) {
      options.unshift({
        value: unit.liaisonUserId,
        label: unit.liaisonName ?? `#${unit.liaisonUserId}`,
      });
    }
    return options;
  }, [members.data, unit]);

  const initialValues: Partial<Values> = unit
    ? {
        name: unit.name,
        type: unit.type,
        parentId: unit.parentId,
        liaisonUserId: unit.liaisonUserId,
        phone: unit.phone ?? '',
        sortOrder: unit.sortOrder,
        active: unit.active,
      }
    : { parentId: null, phone: '', sortOrder: null, active: true };

  const onFinish = async (values: Values) => {
    setSaving(true);
    const phone = values.phone.trim() || null;
    const name = values.name.trim();
    try {
      if (unit) {
        const saved = await updateUnit(unit.id, {
          name,
          type: values.type,
          parentId: values.parentId ?? null,
          liaisonUserId: values.liaisonUserId ?? null,
          phone,
          ...(values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
          active: values.active,
        });
        onSaved(saved, false);
      } else {
        const saved = await createUnit({
          name,
          type: values.type,
          ...(values.parentId !== null ? { parentId: values.parentId } : {}),
          ...(phone ? { phone } : {}),
          ...(values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
        });
        onSaved(saved, true);
      }
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={unit ? t('units.edit') : t('units.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void onFinish(values)}
        name="unit"
      >
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[
            { required: true, whitespace: true, message: t('units.nameRequired') },
            { max: 50, message: t('units.nameTooLong') },
          ]}
        >
          <Input maxLength={50} showCount autoFocus />
        </Form.Item>
        <Form.Item
          name="type"
          label={t('units.type')}
          rules={[{ required: true, message: t('units.typeRequired') }]}
        >
          <Select
            options={UNIT_TYPES.map((type) => ({ value: type, label: t(`unitType.${type}`) }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')}>
          <UnitTreeSelect
            units={units}
            exclude={exclude}
            placeholder={t('units.parentPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="liaisonUserId"
          label={t('units.liaison')}
          extra={unit ? undefined : t('units.liaisonAfterSave')}
        >
          <Select
            allowClear
            disabled={!unit}
            loading={members.loading}
            placeholder={t('units.liaisonPlaceholder')}
            options={liaisonOptions}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('units.phone')}
          rules={[{ pattern: PHONE, message: t('units.phoneInvalid') }]}
        >
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('units.sortOrder')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {unit ? (
          <Form.Item
            name="active"
            label={t('units.status')}
            valuePropName="checked"
            extra={t('units.activeHint')}
          >
            <Switch checkedChildren={t('units.active')} unCheckedChildren={t('units.inactive')} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
