import { useState } from 'react';
import { Alert, DatePicker, Form, Modal, Typography } from 'antd';
import { errorMessage } from '../../app/api';
import { useT } from '../../app/i18n/i18n';
import { previousMonth, rangePresets, toLocalDate } from '../stats/period';
import type { DateRange } from '../stats/period';
import { issueNotice } from './notices.api';
import type { Notice } from './notices.api';

interface Values {
  period: DateRange;
}

/** 生成通报: the office picks the period (last month by default); the server finds the late units. */
export function IssueNoticeModal({
  onClose,
  onIssued,
}: {
  onClose: () => void;
  onIssued: (notice: Notice) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async ({ period }: Values) => {
    setSaving(true);
    setError(null);
    try {
      onIssued(await issueNotice({ from: toLocalDate(period[0]), to: toLocalDate(period[1]) }));
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('notices.issue')}
      okText={t('notices.issueSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary">{t('notices.issueHint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="issue-notice"
        initialValues={{ period: previousMonth() }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item
          name="period"
          label={t('notices.period')}
          rules={[{ required: true, message: t('notices.periodRequired') }]}
          extra={t('notices.periodHint')}
        >
          <DatePicker.RangePicker
            presets={rangePresets(t)}
            allowClear={false}
            style={{ width: '100%', maxWidth: 300 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
