import { useCallback } from 'react';
import { Card, Col, List, Progress, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n/i18n';
import type { MessageKey } from '../../app/i18n/i18n';
import { stepDetail, type SetupStatus, type StepKey } from './setup-detail';
import { useApi } from '../../app/use-api';

/** Where each step is done. */
const STEP_LINKS: Record<StepKey, string> = {
  orgName: '/admin/working-group',
  units: '/admin/units',
  liaisons: '/admin/units',
  monitor: '/admin/users',
  leader: '/admin/users',
  office: '/admin/users',
  workingGroup: '/admin/working-group',
  sources: '/monitoring/sources',
  dictionary: '/monitoring/dictionary',
  demoAccounts: '/admin/users',
};

/** Why a step matters, where its name does not say it (one line under what is missing). */
const STEP_WHY: Partial<Record<StepKey, MessageKey>> = {
  dictionary: 'setup.why.dictionary',
};

/**
 * 上线准备, on the admin's 工作台 while a new installation still lacks something a case needs on
 * its way from registration to the archive (a column of the page's row); it goes away once every
 * step is done.
 */
export function SetupCard() {
  const { t } = useI18n();
  const load = useCallback(
    (signal: AbortSignal) => api<SetupStatus>('/api/system/setup', { signal }),
    [],
  );
  const { data } = useApi(load);
  if (!data || data.done) return null;
  const done = data.steps.filter((s) => s.done).length;
  return (
    <Col span={24}>
      <Card
        title={t('setup.title')}
        extra={
          <Progress
            percent={Math.round((done / data.steps.length) * 100)}
            size="small"
            aria-label={t('setup.title')}
            style={{ width: 140, margin: 0 }}
            format={() => `${done}/${data.steps.length}`}
          />
        }
        data-testid="setup-card"
      >
        <Typography.Paragraph type="secondary">{t('setup.hint')}</Typography.Paragraph>
        <List
          size="small"
          dataSource={data.steps}
          renderItem={(step) => {
            const why = step.done ? undefined : STEP_WHY[step.key];
            return (
              <List.Item
                key={step.key}
                extra={step.done ? null : <Link to={STEP_LINKS[step.key]}>{t('setup.go')}</Link>}
              >
                <List.Item.Meta
                  avatar={
                    step.done ? (
                      <CheckCircleFilled style={{ color: '#52c41a' }} />
                    ) : (
                      <ExclamationCircleOutlined style={{ color: '#faad14' }} />
                    )
                  }
                  title={t(`setup.step.${step.key}` as MessageKey)}
                  description={
                    <>
                      {stepDetail(step, t)}
                      {why ? (
                        <Typography.Text
                          type="secondary"
                          style={{ display: 'block', fontSize: 12 }}
                          data-testid={`setup-why-${step.key}`}
                        >
                          {t(why)}
                        </Typography.Text>
                      ) : null}
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
    </Col>
  );
}
