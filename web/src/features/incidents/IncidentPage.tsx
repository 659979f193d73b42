import { useCallback, useState } from 'react';
import { Button, Card, Descriptions, Flex, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime, formatNumber } from '../../app/format';
import { inParens, useI18n } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { LoadError, NotFound } from '../../app/results';
import { useApi } from '../../app/use-api';
import { AssessmentModal } from './AssessmentModal';
import { EditIncidentModal } from './EditIncidentModal';
import { IncidentCasesTab } from './IncidentCasesTab';
import { IncidentPostsTab } from './IncidentPostsTab';
import { AssessmentsTab, MeasuresTab, ReportsTab, TimelineTab } from './IncidentRecords';
import { LevelTag, StatusTag } from './incident-labels';
import { useIncidentText } from './incident-text';
import { getIncident, type IncidentDetail } from './incidents.api';
import { MeasureModal } from './MeasureModal';
import { ReportModal } from './ReportModals';
import { LinkButton } from '../../app/LinkButton';
import { DeadlineTag } from '../cases/DeadlineTag';

type Form = 'edit' | 'immediate' | 'assess' | 'measure' | 'close';

/**
 * One incident: its key facts, the acts this user may take, and its record in tabs (timeline,
 * posts with suggestions, cases, assessments with their charts, measures, reports).
 */
export default function IncidentPage() {
  const { lang } = useI18n();
  const text = useIncidentText();
  const has = usePermission();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [form, setForm] = useState<Form | null>(null);
  const [tab, setTab] = useState('timeline');
  const load = useCallback((signal: AbortSignal) => getIncident(id, signal), [id]);
  const { data: loaded, error, loading, reload } = useApi(valid ? load : null);
  // An act answers with the incident as it now is: shown at once, no second request.
  const [updated, setUpdated] = useState<IncidentDetail | null>(null);
  const incident =
    updated && loaded && updated.id === loaded.id && updated.version >= loaded.version
      ? updated
      : loaded;

  if (!valid) return <NotFound />;
  if (error && !incident) return <LoadError error={error} onRetry={reload} />;
  if (!incident) return <Spin spinning={loading} />;

  const canAct = has('incidents.manage') && incident.status === 'open';
  const changed = (next: IncidentDetail) => {
    setUpdated(next);
    setForm(null);
  };
  const reported = incident.reports.some((r) => r.kind === 'immediate');

  return (
    <Page
      title={incident.title}
      extra={
        <>
          <LinkButton to="/incidents" icon={<ArrowLeftOutlined />}>
            {text('back')}
          </LinkButton>
          {canAct ? (
            <>
              <Button onClick={() => setForm('edit')}>{text('edit')}</Button>
              <Button
                type={reported ? 'default' : 'primary'}
                danger={!reported}
                onClick={() => setForm('immediate')}
                data-testid="act-immediate"
              >
                {reported ? text('followUpReport') : text('immediateReport')}
              </Button>
              <Button onClick={() => setForm('assess')} data-testid="act-assess">
                {text('assess')}
              </Button>
              <Button onClick={() => setForm('measure')} data-testid="act-measure">
                {text('addMeasure')}
              </Button>
              <Button danger onClick={() => setForm('close')} data-testid="act-close">
                {text('close')}
              </Button>
            </>
          ) : null}
        </>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="incident-facts">
            <Descriptions.Item label={text('level')}>
              <LevelTag level={incident.level} text={text} />
            </Descriptions.Item>
            <Descriptions.Item label={text('status')}>
              <StatusTag status={incident.status} text={text} />
            </Descriptions.Item>
            {incident.firstReportClock ? (
              <Descriptions.Item label={text('firstReportDue')}>
                <span data-testid="first-report-clock">
                  <DeadlineTag clock={incident.firstReportClock} />
                </span>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={text('owner')}>{incident.ownerName}</Descriptions.Item>
            <Descriptions.Item label={text('openedAt')}>
              {`${formatDateTime(incident.openedAt)} ${incident.openedByName ?? ''}`}
            </Descriptions.Item>
            {incident.closedAt ? (
              <Descriptions.Item label={text('closedAt')}>
                {`${formatDateTime(incident.closedAt)} ${incident.closedByName ?? ''}`}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={text('postCount')}>
              {formatNumber(incident.postCount, lang)} · {text('caseCount')}{' '}
              {formatNumber(incident.caseCount, lang)}
            </Descriptions.Item>
            {incident.topic ? (
              <Descriptions.Item label={text('topic')}>
                <Link to={`/monitoring/topics/${incident.topic.id}`}>{incident.topic.label}</Link>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={text('keywords')}>
              {incident.keywords.length > 0 ? (
                <Flex wrap gap={4}>
                  {incident.keywords.map((k) => (
                    <Tag key={k}>{k}</Tag>
                  ))}
                </Flex>
              ) : (
                text('keywordsNone')
              )}
            </Descriptions.Item>
            {incident.summary ? (
              <Descriptions.Item label={text('summary')} span={3}>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                  {incident.summary}
                </Typography.Text>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'timeline',
              label: text('timeline'),
              children: <TimelineTab incident={incident} text={text} />,
            },
            {
              key: 'posts',
              label: `${text('posts')}${inParens(incident.postCount)}`,
              children: (
                <IncidentPostsTab
                  incident={incident}
                  canAct={canAct}
                  text={text}
                  onChanged={changed}
                />
              ),
            },
            {
              key: 'cases',
              label: `${text('cases')}${inParens(incident.caseCount)}`,
              children: (
                <IncidentCasesTab
                  incident={incident}
                  canAct={canAct}
                  text={text}
                  onChanged={changed}
                />
              ),
            },
            {
              key: 'assessments',
              label: `${text('assessments')}${inParens(incident.assessments.length)}`,
              children: <AssessmentsTab incident={incident} text={text} />,
            },
            {
              key: 'measures',
              label: `${text('measures')}${inParens(incident.measures.length)}`,
              children: <MeasuresTab incident={incident} text={text} />,
            },
            {
              key: 'reports',
              label: `${text('reports')}${inParens(incident.reports.length)}`,
              children: <ReportsTab incident={incident} text={text} />,
            },
          ]}
        />
      </Space>
      {form === 'edit' ? (
        <EditIncidentModal incident={incident} onClose={() => setForm(null)} onDone={changed} />
      ) : null}
      {form === 'immediate' || form === 'close' ? (
        <ReportModal
          incident={incident}
          kind={form === 'close' ? 'closing' : 'immediate'}
          onClose={() => setForm(null)}
          onDone={changed}
        />
      ) : null}
      {form === 'assess' ? (
        <AssessmentModal incident={incident} onClose={() => setForm(null)} onDone={changed} />
      ) : null}
      {form === 'measure' ? (
        <MeasureModal incident={incident} onClose={() => setForm(null)} onDone={changed} />
      ) : null}
    </Page>
  );
}
