import { FileWordOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Flex, Table, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { FiguresCharts } from './IncidentCharts';
import { LevelTag } from './incident-labels';
import type { IncidentText } from './incident-text';
import type { IncidentDetail } from './incidents.api';
import { colon, joinList } from '../../app/i18n/i18n';

type Props = { incident: IncidentDetail; text: IncidentText };

const EVENT_COLORS: Record<string, string> = {
  opened: 'blue',
  immediate_report: 'red',
  assessment: 'purple',
  measure: 'green',
  level_changed: 'orange',
  closed: 'gray',
};

/** 时间线: every act, oldest first, with who and when. */
export function TimelineTab({ incident }: Props) {
  return (
    <Card size="small">
      <Timeline
        data-testid="incident-timeline"
        items={incident.events.map((e) => ({
          key: e.id,
          color: EVENT_COLORS[e.kind] ?? 'blue',
          content: (
            <Flex vertical gap={2} data-kind={e.kind}>
              <Typography.Text>{e.text}</Typography.Text>
              <Typography.Text type="secondary">
                {formatDateTime(e.at)} · {e.actorName}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

/** 研判: the figures now, then each assessment with the figures it was made on. */
export function AssessmentsTab({ incident, text }: Props) {
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={text('figures')}>
        <FiguresCharts snapshot={incident.figures} text={text} testId="figures-now" />
      </Card>
      {incident.assessments.length === 0 ? (
        <Empty description={text('noAssessments')} />
      ) : (
        [...incident.assessments].reverse().map((a) => (
          <Card
            key={a.id}
            size="small"
            data-testid="incident-assessment"
            title={
              <Flex wrap gap={8} align="center">
                <span>{formatDateTime(a.at)}</span>
                <Tag>{`${text('trend')}${colon()}${text(`trend.${a.trend}`)}`}</Tag>
                <span>{text('riskLevel')}</span>
                <LevelTag level={a.riskLevel} text={text} />
              </Flex>
            }
            extra={a.assessorName ? `${text('assessor')}${colon()}${a.assessorName}` : null}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {a.judgement}
            </Typography.Paragraph>
            <FiguresCharts snapshot={a.snapshot} text={text} testId={`assessment-${a.id}`} />
          </Card>
        ))
      )}
    </Flex>
  );
}

/** 处置措施: what was done, when, by whom, with its link. */
export function MeasuresTab({ incident, text }: Props) {
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={incident.measures}
        data-testid="incident-measures"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={text('noMeasures')} /> }}
        columns={[
          {
            title: text('takenAt'),
            dataIndex: 'takenAt',
            width: 150,
            render: (at: string) => formatDateTime(at),
          },
          {
            title: text('measureKind'),
            dataIndex: 'kind',
            width: 130,
            render: (kind: IncidentDetail['measures'][number]['kind']) => (
              <Tag color="green">{text(`measure.${kind}`)}</Tag>
            ),
          },
          {
            title: text('description'),
            dataIndex: 'description',
            render: (d: string, m) => (
              <Flex vertical gap={2}>
                <span>{d}</span>
                {m.url ? (
                  <Typography.Link href={m.url} target="_blank" rel="noopener noreferrer">
                    {m.url}
                  </Typography.Link>
                ) : null}
              </Flex>
            ),
          },
          { title: text('owner'), dataIndex: 'ownerName', width: 140 },
          { title: text('recordedBy'), dataIndex: 'recordedByName', width: 100 },
        ]}
      />
    </Card>
  );
}

/** 报告: the immediate reports and the closing report as sent, with whom they reached. */
export function ReportsTab({ incident, text }: Props) {
  if (incident.reports.length === 0) return <Empty description={text('noReports')} />;
  return (
    <Flex vertical gap={16}>
      {incident.reports.map((r) => (
        <Card
          key={r.id}
          size="small"
          data-testid="incident-report"
          title={
            <Flex wrap gap={8} align="center">
              <Tag color={r.kind === 'immediate' ? 'red' : 'default'}>
                {text(`report.${r.kind}`)}
              </Tag>
              <span>{formatDateTime(r.sentAt)}</span>
            </Flex>
          }
          extra={
            <Typography.Link
              href={`/api/incidents/${incident.id}/reports/${r.id}.docx`}
              download
              data-testid="incident-report-docx"
            >
              <FileWordOutlined /> {text('reportDocx')}
            </Typography.Link>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={text('sentBy')}>{r.sentByName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={text('recipients')}>
              {joinList(r.recipients.map((p) => p.name)) || text('noRecipients')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {r.text}
          </Typography.Paragraph>
        </Card>
      ))}
    </Flex>
  );
}
