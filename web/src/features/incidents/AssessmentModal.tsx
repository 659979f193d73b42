import { Flex, Form, Input, Select, Typography } from 'antd';
import { ActModal } from './ActModal';
import { FiguresCharts } from './IncidentCharts';
import { useIncidentText } from './incident-text';
import {
  addAssessment,
  INCIDENT_LEVELS,
  TRENDS,
  type IncidentDetail,
  type IncidentLevel,
  type Trend,
} from './incidents.api';
import { colon } from '../../app/i18n/i18n';

interface Values {
  judgement: string;
  trend: Trend;
  riskLevel: IncidentLevel;
}

/** 研判: the figures now (saved with it) above the assessor's judgement, trend and risk level. */
export function AssessmentModal({
  incident,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  onClose: () => void;
  onDone: (incident: IncidentDetail) => void;
}) {
  const text = useIncidentText();
  const [form] = Form.useForm<Values>();
  return (
    <ActModal<Values>
      title={`${text('assessTitle')}${colon()}${incident.title}`}
      okText={text('assess')}
      form={form}
      // The trend the last 24 hours say against the 24 before; the assessor may judge otherwise.
      initialValues={{
        trend: incident.figures.suggestedTrend ?? 'stable',
        riskLevel: incident.level,
      }}
      width={860}
      testId="assessment"
      submit={(values) => addAssessment(incident.id, { version: incident.version, ...values })}
      done={text('assessed')}
      onClose={onClose}
      onDone={onDone}
    >
      <Typography.Paragraph type="secondary">{text('figuresNow')}</Typography.Paragraph>
      <FiguresCharts snapshot={incident.figures} text={text} testId="assessment-figures" />
      <Flex gap={16} wrap style={{ marginTop: 16 }}>
        <Form.Item
          name="trend"
          label={text('trend')}
          style={{ minWidth: 160 }}
          extra={
            incident.figures.last24h === undefined
              ? undefined
              : text('trendFrom', {
                  last: incident.figures.last24h,
                  previous: incident.figures.previous24h ?? 0,
                })
          }
        >
          <Select
            data-testid="assessment-trend"
            options={TRENDS.map((t) => ({ value: t, label: text(`trend.${t}`) }))}
          />
        </Form.Item>
        <Form.Item name="riskLevel" label={text('riskLevel')} style={{ minWidth: 160 }}>
          <Select options={INCIDENT_LEVELS.map((l) => ({ value: l, label: text(`level.${l}`) }))} />
        </Form.Item>
      </Flex>
      <Form.Item
        name="judgement"
        label={text('judgement')}
        rules={[{ required: true, whitespace: true, message: text('judgementRequired') }]}
      >
        <Input.TextArea maxLength={4000} showCount autoSize={{ minRows: 4, maxRows: 10 }} />
      </Form.Item>
    </ActModal>
  );
}
