import { useCallback, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Grid,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { roleLabel } from '../../app/labels';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { durationLabel, LevelTag, percent, StatusTag } from './alert-labels';
import { useAlertText } from './alert-text';
import {
  deleteAlertRule,
  listAlertRules,
  testAlertRule,
  ruleInput,
  updateAlertRule,
  type AlertRule,
  type TestResult,
} from './alerts.api';
import { DryRunResult } from './DryRunResult';
import { RuleFormDrawer } from './RuleFormDrawer';
import { LinkButton } from '../../app/LinkButton';

/** 预警规则: the rules, their levels and thresholds, the alert each has open; edit and try them. */
export default function AlertRulesPage() {
  const { t, lang } = useI18n();
  const text = useAlertText();
  const has = usePermission();
  const canManage = has('alerts.manage');
  // On a phone fixed columns would cover the table; there they scroll with the rest.
  const fixed = Grid.useBreakpoint().md ? ('right' as const) : undefined;
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { data, error, loading, reload } = useApi(listAlertRules);
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const [dryRun, setDryRun] = useState<{ rule: AlertRule; result: TestResult | null } | null>(null);

  const setEnabled = useCallback(
    async (rule: AlertRule, enabled: boolean) => {
      try {
        await updateAlertRule(rule.id, { ...ruleInput(rule), enabled });
        void message.success(text('enabledChanged'));
      } catch (cause) {
        notifyError(cause);
      }
      reload();
    },
    [message, notifyError, reload, text],
  );

  const remove = useCallback(
    async (rule: AlertRule) => {
      try {
        const result = await deleteAlertRule(rule.id);
        void message.success(result.deleted ? text('deleted') : text('disabledInstead'));
      } catch (cause) {
        notifyError(cause);
      }
      reload();
    },
    [message, notifyError, reload, text],
  );

  const tryRule = useCallback(
    async (rule: AlertRule) => {
      setDryRun({ rule, result: null });
      try {
        const result = await testAlertRule(rule.id);
        setDryRun({ rule, result });
      } catch (cause) {
        setDryRun(null);
        notifyError(cause);
      }
    },
    [notifyError],
  );

  const columns = useMemo<TableColumnsType<AlertRule>>(
    () => [
      {
        title: text('name'),
        dataIndex: 'name',
        render: (name: string, row) =>
          row.enabled ? (
            <Typography.Text strong>{name}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">{name}</Typography.Text>
          ),
      },
      {
        title: text('level'),
        dataIndex: 'level',
        width: 80,
        render: (_: unknown, row) => <LevelTag level={row.level} text={text} />,
      },
      {
        title: text('expression'),
        dataIndex: 'expression',
        // Wrapped, so that more of the table fits beside the fixed switch and actions.
        width: 260,
        render: (expression: string, row) => (
          // Three lines at most: a rule with hundreds of terms made its row a page tall.
          <Typography.Paragraph
            code
            title={row.canonical ?? expression}
            ellipsis={{ rows: 3 }}
            style={{ marginBottom: 0 }}
          >
            {expression}
          </Typography.Paragraph>
        ),
      },
      {
        title: text('thresholds'),
        key: 'thresholds',
        width: 160,
        render: (_: unknown, row) => (
          <Space orientation="vertical" size={0}>
            <span>
              {durationLabel(row.windowMinutes, lang)}{' '}
              {text('countThreshold', { count: row.minCount })}
            </span>
            {row.minNegativeShare !== null ? (
              <span>{text('negativeThreshold', { share: percent(row.minNegativeShare) })}</span>
            ) : null}
            {row.burstFactor !== null ? (
              <span>{text('burstThreshold', { factor: row.burstFactor })}</span>
            ) : null}
          </Space>
        ),
      },
      {
        title: text('notifyRoles'),
        dataIndex: 'notifyRoles',
        width: 160,
        // Shown from 1600 px: on the common 1366 px screen the table then fits beside the menu
        // (the roles are in the rule's form; the last check is on the alerts it raised).
        responsive: ['xxl'],
        render: (_: unknown, row) => (
          <Space wrap size={4}>
            {row.notifyRoles.map((r) => (
              <Tag key={r}>{roleLabel(t, r)}</Tag>
            ))}
          </Space>
        ),
      },
      {
        title: text('openAlert'),
        key: 'openAlert',
        width: 150,
        render: (_: unknown, row) =>
          row.openAlert ? (
            <Link to={`/monitoring/alerts/${row.openAlert.id}`}>
              <Space size={4}>
                <LevelTag level={row.openAlert.level} text={text} />
                <StatusTag status={row.openAlert.status} text={text} />
              </Space>
            </Link>
          ) : (
            '—'
          ),
      },
      {
        title: text('lastEvaluated'),
        key: 'lastEvaluated',
        width: 150,
        responsive: ['xxl'],
        render: (_: unknown, row) =>
          row.lastEvaluatedAt ? (
            <Space orientation="vertical" size={0}>
              <span>{formatDateTime(row.lastEvaluatedAt)}</span>
              <Typography.Text type="secondary">
                {text('lastMatched', { count: row.lastMatchedCount ?? 0 })}
              </Typography.Text>
            </Space>
          ) : (
            '—'
          ),
      },
      {
        title: text('enabled'),
        dataIndex: 'enabled',
        width: 80,
        fixed,
        render: (enabled: boolean, row) => (
          <Switch
            size="small"
            checked={enabled}
            disabled={!canManage}
            onChange={(checked) => void setEnabled(row, checked)}
            aria-label={text('enabled')}
          />
        ),
      },
      ...(canManage
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 190,
              fixed,
              render: (_: unknown, row: AlertRule) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(row)}>
                    {t('common.edit')}
                  </Button>
                  <Button type="link" size="small" onClick={() => void tryRule(row)}>
                    {text('dryRun')}
                  </Button>
                  <Popconfirm title={text('deleteConfirm')} onConfirm={() => void remove(row)}>
                    <Button type="link" size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]
        : []),
    ],
    [canManage, fixed, lang, remove, setEnabled, t, text, tryRule],
  );

  return (
    <Page
      title={text('rulesTitle')}
      extra={
        <>
          <LinkButton to="/monitoring/alerts">{text('alertsTitle')}</LinkButton>
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {text('addRule')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card styles={{ body: { padding: 0 } }}>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<AlertRule>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            size="middle"
            data-testid="alert-rules"
            locale={{
              emptyText: (
                <Empty description={text('noRules')}>
                  {canManage ? (
                    <Typography.Text type="secondary">{text('noRulesHint')}</Typography.Text>
                  ) : null}
                </Empty>
              ),
            }}
          />
        )}
      </Card>
      {editing ? (
        <RuleFormDrawer
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            void message.success(t('common.saved'));
            setEditing(null);
            reload();
          }}
        />
      ) : null}
      <Modal
        open={dryRun !== null}
        title={dryRun ? text('dryRunTitle', { name: dryRun.rule.name }) : ''}
        footer={null}
        width={760}
        onCancel={() => setDryRun(null)}
        destroyOnHidden
      >
        {dryRun?.result ? <DryRunResult result={dryRun.result} text={text} /> : <Spin />}
      </Modal>
    </Page>
  );
}
