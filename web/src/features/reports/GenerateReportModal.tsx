import { useState } from 'react';
import { App, DatePicker, Form, Modal, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useNotifyError } from '../../app/notify';
import { localToday } from '../stats/period';
import { REPORT_KINDS, generateReport } from './reports.api';
import type { ReportKind } from './reports.api';
import { useReportText } from './report-text';
import { translate } from '../../app/i18n/i18n';
import { useReturnFocus } from '../../app/use-return-focus';

const PICKERS: Record<ReportKind, 'date' | 'week' | 'month' | 'quarter' | 'year'> = {
  daily: 'date',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  annual: 'year',
};

interface Values {
  kind: ReportKind;
  date: Dayjs;
}

function weekLabel(d: Dayjs): string {
  const monday = d.subtract((d.day() + 6) % 7, 'day');
  return translate('common.dateSpan', {
    from: monday.format('YYYY-MM-DD'),
    to: monday.add(6, 'day').format('MM-DD'),
  });
}

/** 生成报告: a kind and any day of its period; the server finds the period and numbers it. */
export function GenerateReportModal({
  initialKind,
  kinds = REPORT_KINDS,
  onClose,
  onGenerated,
}: {
  initialKind: ReportKind;
  /** The kinds this user may make (a monitor: the daily report only). */
  kinds?: readonly ReportKind[];
  onClose: () => void;
  onGenerated: (id: number) => void;
}) {
  useReturnFocus();
  const text = useReportText();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const [saving, setSaving] = useState(false);
  const today = dayjs(localToday());

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const made = await generateReport({
        kind: values.kind,
        date: values.date.format('YYYY-MM-DD'),
      });
      void message.success(text('generated', { title: made.title }));
      onGenerated(made.id);
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={text('generateTitle')}
      okText={text('generate')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: initialKind, date: today }}
        onFinish={(values) => void submit(values)}
        data-testid="generate-report-form"
      >
        <Form.Item name="kind" label={text('kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={kinds.map((k) => ({ value: k, label: text(`kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={text('period')}
          rules={[{ required: true }]}
          extra={<Typography.Text type="secondary">{text('periodHint')}</Typography.Text>}
        >
          <DatePicker
            picker={PICKERS[kind]}
            // A week reads as its days, Monday to Sunday as the server counts it
            // (2026-11-23 至 11-29), not as 2026-48周.
            format={kind === 'weekly' ? weekLabel : undefined}
            allowClear={false}
            disabledDate={(d) => d.isAfter(today, 'day')}
            style={{ width: 220 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
