import { useCallback, useEffect } from 'react';
import { Alert, Form, Input, Spin } from 'antd';
import { useApi } from '../../app/use-api';
import { DeadlineTag } from '../cases/DeadlineTag';
import { ActModal } from './ActModal';
import { closingResult } from './closing-result';
import { useIncidentText } from './incident-text';
import {
  closeIncident,
  reportDraft,
  sendImmediateReport,
  type IncidentDetail,
  type ReportKind,
} from './incidents.api';
import { colon } from '../../app/i18n/i18n';

interface Values {
  text: string;
}

/**
 * 第一时间报告 (or 续报) and 结束处置: both start from a draft the server composes from the
 * incident's record, which staff edit; the text is required.
 */
export function ReportModal({
  incident,
  kind,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  kind: ReportKind;
  onClose: () => void;
  onDone: (incident: IncidentDetail) => void;
}) {
  const text = useIncidentText();
  const [form] = Form.useForm<Values>();
  const load = useCallback(
    (signal: AbortSignal) => reportDraft(incident.id, kind, signal),
    [incident.id, kind],
  );
  const { data: draft, loading } = useApi(load);
  useEffect(() => {
    if (draft !== undefined && !form.isFieldTouched('text')) form.setFieldValue('text', draft);
  }, [draft, form]);
  const closing = kind === 'closing';
  const followUp = !closing && incident.reports.some((r) => r.kind === 'immediate');
  const title = closing
    ? text('close')
    : followUp
      ? text('followUpReport')
      : text('immediateReport');
  return (
    <ActModal<Values>
      title={`${title}${colon()}${incident.title}`}
      okText={closing ? text('close') : text('send')}
      danger={closing}
      form={form}
      width={720}
      testId={closing ? 'close-incident' : 'immediate-report'}
      submit={(values) =>
        closing
          ? closeIncident(incident.id, incident.version, values.text)
          : sendImmediateReport(incident.id, incident.version, values.text)
      }
      done={closing ? text('closedDone') : text('reported')}
      onClose={onClose}
      onDone={onDone}
    >
      <Alert
        type={closing ? 'warning' : 'info'}
        showIcon
        title={closing ? text('closeHint') : text('reportHint')}
        style={{ marginBottom: 16 }}
      />
      {!closing && incident.firstReportClock ? (
        <Form.Item label={text('firstReportDue')}>
          <DeadlineTag clock={incident.firstReportClock} />
        </Form.Item>
      ) : null}
      <Spin spinning={loading}>
        <Form.Item
          name="text"
          label={closing ? text('closingReport') : title}
          rules={[
            {
              required: true,
              whitespace: true,
              message: closing ? text('closingRequired') : text('reportRequired'),
            },
            ...(closing
              ? [
                  {
                    validator: (_: unknown, value: string | undefined) =>
                      !value?.trim() || closingResult(value)
                        ? Promise.resolve()
                        : Promise.reject(new Error(text('resultRequired'))),
                  },
                ]
              : []),
          ]}
        >
          <Input.TextArea maxLength={8000} showCount autoSize={{ minRows: 10, maxRows: 20 }} />
        </Form.Item>
      </Spin>
    </ActModal>
  );
}
