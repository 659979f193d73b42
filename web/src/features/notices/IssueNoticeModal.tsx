import { useCallback, useState } from 'react';
import { Alert, DatePicker, Form, Modal, Spin, Typography } from 'antd';
import { errorMessage } from '../../app/api';
import { useT } from '../../app/i18n/i18n';
import { previousMonth, rangePresets, toLocalDate } from '../stats/period';
import type { DateRange } from '../stats/period';
import { useApi } from '../../app/use-api';
import { issueNotice, previewNotice } from './notices.api';
import type { Notice } from './notices.api';
import { useReturnFocus } from '../../app/use-return-focus';

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
  useReturnFocus();
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The units the notice would name, for the period chosen: seen before a number is taken.
  const [period, setPeriod] = useState<DateRange>(previousMonth);
  const loadPreview = useCallback(
    (signal: AbortSignal) =>
      previewNotice({ from: toLocalDate(period[0]), to: toLocalDate(period[1]) }, signal),
    [period],
  );
  const preview = useApi(loadPreview);
  // Distinct cases: one named for its lead and its co-unit counts once.
  const caseCount = new Set(preview.data?.flatMap((u) => u.cases.map((c) => c.caseId))).size;
  const nothing = preview.data !== undefined && preview.data.length === 0;

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
      okButtonProps={{ disabled: nothing || preview.loading }}
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
        initialValues={{ period }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.period) setPeriod(changed.period);
        }}
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
      <Spin spinning={preview.loading}>
        {preview.error ? (
          <Alert type="error" showIcon title={errorMessage(preview.error)} />
        ) : nothing ? (
          <Alert
            type="success"
            showIcon
            title={t('notices.previewNone')}
            data-testid="notice-preview"
          />
        ) : preview.data ? (
          <Alert
            type="warning"
            showIcon
            data-testid="notice-preview"
            title={t('notices.previewSome', {
              units: preview.data.length,
              cases: caseCount,
            })}
            description={preview.data
              .map((u) => t('notices.previewUnit', { name: u.unitName, n: u.cases.length }))
              .join(t('common.listSeparator'))}
          />
        ) : null}
      </Spin>
    </Modal>
  );
}
