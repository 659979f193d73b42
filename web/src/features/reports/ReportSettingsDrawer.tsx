import { useCallback, useState } from 'react';
import { App, Button, Drawer, Form, Select, Space, Switch, TimePicker } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { inParens, useI18n } from '../../app/i18n/i18n';
import { roleOptions } from '../../app/labels';
import { useNotifyError } from '../../app/notify';
import type { Role } from '../../app/types';
import { useApi } from '../../app/use-api';
import { listUsers } from '../org/users/users.api';
import { saveReportSettings } from './reports.api';
import type { ReportSettings } from './reports.api';
import { useReportText } from './report-text';
import { useReturnFocus } from '../../app/use-return-focus';

interface Values {
  dailyEnabled: boolean;
  dailyTime: Dayjs;
  periodicEnabled: boolean;
  recipientRoles: Role[];
  recipientUserIds: number[];
}

/** 报告设置: when the daily report is made and who receives the reports. */
export function ReportSettingsDrawer({
  settings,
  onClose,
  onSaved,
}: {
  settings: ReportSettings;
  onClose: () => void;
  onSaved: (settings: ReportSettings) => void;
}) {
  useReturnFocus();
  const { t } = useI18n();
  const text = useReportText();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const users = useApi(
    useCallback(
      (signal: AbortSignal) => listUsers({ active: true, page: 1, pageSize: 200 }, signal),
      [],
    ),
  );

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const saved = await saveReportSettings({
        dailyEnabled: values.dailyEnabled,
        dailyTime: values.dailyTime.format('HH:mm'),
        periodicEnabled: values.periodicEnabled,
        recipientRoles: values.recipientRoles,
        recipientUserIds: values.recipientUserIds,
      });
      void message.success(text('settings.saved'));
      onSaved(saved);
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={text('settings')}
      size={480}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="report-settings"
        initialValues={{
          ...settings,
          dailyTime: dayjs(`2000-01-01T${settings.dailyTime}:00`),
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="dailyEnabled"
          label={text('settings.dailyEnabled')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="dailyTime"
          label={text('settings.dailyTime')}
          extra={text('settings.dailyTimeHint')}
          rules={[{ required: true }]}
        >
          <TimePicker format="HH:mm" minuteStep={5} allowClear={false} needConfirm={false} />
        </Form.Item>
        <Form.Item
          name="periodicEnabled"
          label={text('settings.periodicEnabled')}
          extra={text('settings.periodicHint')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item name="recipientRoles" label={text('settings.roles')}>
          <Select mode="multiple" options={roleOptions(t)} />
        </Form.Item>
        <Form.Item name="recipientUserIds" label={text('settings.users')}>
          <Select
            mode="multiple"
            loading={users.loading}
            optionFilterProp="label"
            options={(users.data?.items ?? []).map((u) => ({
              value: u.id,
              label: u.unitName ? `${u.name}${inParens(u.unitName)}` : u.name,
            }))}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
