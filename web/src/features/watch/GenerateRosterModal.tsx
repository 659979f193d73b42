import { useState } from 'react';
import { Alert, Form, Modal, Select } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { generateDuties } from './watch.api';
import type { CoverageDay, GenerateInput, WatchDuty } from './watch.api';
import { useReturnFocus } from '../../app/use-return-focus';

const SHIFT_HOURS = [6, 8, 12, 24] as const;

/** 自动排班: who takes turns, how long a shift lasts and when shifts change. */
export function GenerateRosterModal({
  periodId,
  monitors,
  onClose,
  onGenerated,
}: {
  periodId: number;
  monitors: { value: number; label: string }[];
  onClose: () => void;
  onGenerated: (result: { duties: WatchDuty[]; coverage: CoverageDay[] }) => void;
}) {
  useReturnFocus();
  const t = useT();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<GenerateInput>();
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: GenerateInput) => {
    setBusy(true);
    try {
      onGenerated(await generateDuties(periodId, values));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('watch.generateTitle')}
      okText={t('watch.generate')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {monitors.length === 0 ? (
        <Alert type="warning" showIcon title={t('watch.noMonitors')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<GenerateInput>
        form={form}
        layout="vertical"
        name="watch-generate"
        initialValues={{ userIds: [], shiftHours: 8, firstShiftStartsAt: 8 }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item
          name="userIds"
          label={t('watch.generateUsers')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('watch.generateUsersRequired') },
          ]}
        >
          <Select mode="multiple" options={monitors} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="shiftHours" label={t('watch.shiftHours')}>
          <Select
            options={SHIFT_HOURS.map((hours) => ({
              value: hours,
              label: t('watch.shiftHoursValue', { hours }),
            }))}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item name="firstShiftStartsAt" label={t('watch.firstShift')}>
          <Select
            options={Array.from({ length: 24 }, (_, hour) => ({
              value: hour,
              label: t('watch.firstShiftValue', { hour }),
            }))}
            style={{ width: 160 }}
          />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('watch.generateHint')} />
    </Modal>
  );
}
