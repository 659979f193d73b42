import { useCallback, useState } from 'react';
import { Form, InputNumber, Modal, Radio, Select } from 'antd';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import { listUnits } from '../org/units/units.api';
import { listUsers } from '../org/users/users.api';
import { setQuota } from './info-reports.api';
import { useInfoText } from './info-text';

interface Values {
  target: 'unit' | 'user';
  unitId?: number;
  userId?: number;
  quota: number;
}

/** 任务数: the office sets a unit's or a person's briefs owed in a month. */
export function QuotaModal({
  month,
  open,
  onClose,
  onSaved,
}: {
  month: string;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const text = useInfoText();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const target = Form.useWatch('target', form) ?? 'unit';
  const [saving, setSaving] = useState(false);
  const units = useApi(useCallback((signal: AbortSignal) => listUnits(signal), []));
  const users = useApi(
    useCallback((signal: AbortSignal) => listUsers({ pageSize: 200 }, signal), []),
  );

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await setQuota({
        month,
        quota: v.quota,
        ...(v.target === 'unit' ? { unitId: v.unitId } : { userId: v.userId }),
      });
      onSaved();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={`${text('setQuota')}（${month}）`}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ target: 'unit' }}>
        <Form.Item name="target" label={text('quotaTarget')}>
          <Radio.Group
            options={[
              { value: 'unit', label: text('target.unit') },
              { value: 'user', label: text('target.user') },
            ]}
          />
        </Form.Item>
        {target === 'unit' ? (
          <Form.Item name="unitId" label={text('target.unit')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={units.loading}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="userId" label={text('target.user')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={users.loading}
              options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="quota"
          label={text('quota')}
          extra={text('quotaHint')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
