import { useCallback, useState } from 'react';
import { App, Button, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { colon, inParens, useI18n } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError, NotFound } from '../../app/results';
import { useApi } from '../../app/use-api';
import { OpenIncidentFromPosts } from '../incidents/OpenIncidentFromPosts';
import { durationLabel, LevelTag, percent, StatusTag } from './alert-labels';
import { useAlertText } from './alert-text';
import { acknowledgeAlert, getAlert } from './alerts.api';
import { CloseAlertModal } from './CloseAlertModal';
import { MatchedPostList } from './MatchedPostList';
import { LinkButton } from '../../app/LinkButton';

/** One alert: what the rule saw, who confirmed or closed it, and the posts behind it. */
export default function AlertPage() {
  const { lang } = useI18n();
  const text = useAlertText();
  const has = usePermission();
  const canManage = has('alerts.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const id = Number(useParams().id);
  const [closing, setClosing] = useState(false);
  const [acking, setAcking] = useState(false);
  const load = useCallback((signal: AbortSignal) => getAlert(id, signal), [id]);
  const {
    data: alert,
    error,
    loading,
    reload,
  } = useApi(Number.isInteger(id) && id > 0 ? load : null);

  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (error && !alert) return <LoadError error={error} onRetry={reload} />;
  if (!alert) return <Spin spinning={loading} />;

  const acknowledge = async () => {
    setAcking(true);
    try {
      await acknowledgeAlert(alert.id);
      void message.success(text('acknowledged'));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setAcking(false);
      reload();
    }
  };

  return (
    <Page
      title={`${text(`level.${alert.level}`)}${lang === 'zh' ? '预警' : ' alert'}${colon()}${alert.ruleName}`}
      extra={
        <>
          <LinkButton to="/monitoring/alerts" icon={<ArrowLeftOutlined />}>
            {text('backToAlerts')}
          </LinkButton>
          {canManage && alert.status === 'active' ? (
            <Button type="primary" loading={acking} onClick={() => void acknowledge()}>
              {text('acknowledge')}
            </Button>
          ) : null}
          {canManage && alert.status !== 'closed' ? (
            <Button danger onClick={() => setClosing(true)}>
              {text('close')}
            </Button>
          ) : null}
          {/* A matter that needs more than confirming: monitors and leaders open an incident. */}
          {alert.status !== 'closed' ? <OpenIncidentFromPosts posts={alert.samplePosts} /> : null}
        </>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="alert-detail">
            <Descriptions.Item label={text('level')}>
              <LevelTag level={alert.level} text={text} />
            </Descriptions.Item>
            <Descriptions.Item label={text('status')}>
              <StatusTag status={alert.status} text={text} />
            </Descriptions.Item>
            <Descriptions.Item label={text('rule')}>
              <Link to="/monitoring/alert-rules" className="tap-target">
                {alert.ruleName}
              </Link>
            </Descriptions.Item>
            <Descriptions.Item label={text('expression')}>
              <Typography.Text code>{alert.ruleExpression}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={text('window2')}>
              {`${formatDateTime(alert.windowStart)} ~ ${formatDateTime(alert.windowEnd)}${inParens(durationLabel(alert.ruleWindowMinutes, lang))}`}
            </Descriptions.Item>
            <Descriptions.Item label={text('matched')}>
              {text('matchedValue', { count: alert.matchedCount, peak: alert.peakCount })}
            </Descriptions.Item>
            <Descriptions.Item label={text('negative')}>
              {percent(alert.negativeShare)}
            </Descriptions.Item>
            <Descriptions.Item label={text('burst')}>
              {alert.burstRatio === null ? '—' : `${Math.round(alert.burstRatio * 10) / 10}×`}
            </Descriptions.Item>
            <Descriptions.Item label={text('firstTriggered')}>
              {formatDateTime(alert.firstTriggeredAt)}
            </Descriptions.Item>
            <Descriptions.Item label={text('lastTriggered')}>
              {formatDateTime(alert.lastTriggeredAt)}
              {inParens(`${text('triggerCount')} ${alert.triggerCount}`)}
            </Descriptions.Item>
            {alert.acknowledgedAt ? (
              <Descriptions.Item label={text('acknowledgedBy')}>
                {`${alert.acknowledgedByName ?? '—'} ${formatDateTime(alert.acknowledgedAt)}`}
              </Descriptions.Item>
            ) : null}
            {alert.closedAt ? (
              <Descriptions.Item label={text('closedBy')}>
                {`${alert.closedByName ?? '—'} ${formatDateTime(alert.closedAt)}`}
              </Descriptions.Item>
            ) : null}
            {alert.note ? (
              <Descriptions.Item label={text('closeNote')} span={2}>
                {alert.note}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Card title={text('samplePosts')}>
          <MatchedPostList
            posts={alert.samplePosts}
            text={text}
            empty={text('noSamples')}
            testId="alert-samples"
          />
        </Card>
      </Space>
      {closing ? (
        <CloseAlertModal
          alert={alert}
          onClose={() => setClosing(false)}
          onClosed={() => {
            void message.success(text('closed'));
            setClosing(false);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
