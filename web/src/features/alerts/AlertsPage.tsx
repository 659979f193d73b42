import { useCallback, useMemo, useState } from 'react';
import { App, Badge, Button, Empty, Form, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { ListTable } from '../../app/ListTable';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { useTablePagination } from '../../app/pagination';
import { oneOfField, useListState } from '../../app/list-state';
import { QueryForm, queryItem } from '../../app/QueryForm';
import { useApi } from '../../app/use-api';
import { LevelTag, percent, StatusTag } from './alert-labels';
import { useAlertText } from './alert-text';
import {
  acknowledgeAlert,
  ALERT_LEVELS,
  ALERT_STATUSES,
  listAlerts,
  type AlertLevel,
  type AlertStatus,
  type AlertSummary,
} from './alerts.api';
import { CloseAlertModal } from './CloseAlertModal';
import { LinkButton } from '../../app/LinkButton';

interface Filters {
  status?: AlertStatus | 'open';
  level?: AlertLevel;
}

const FILTERS = {
  status: oneOfField<AlertStatus | 'open'>(['open', ...ALERT_STATUSES]),
  level: oneOfField<AlertLevel>(ALERT_LEVELS),
};

/** 预警: open alerts first, the most severe first; confirm or close them with a note. */
export default function AlertsPage() {
  const { t } = useI18n();
  const text = useAlertText();
  const has = usePermission();
  const canManage = has('alerts.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { filters, setFilters, page, setPage, formKey } = useListState<Filters>(FILTERS);
  const [closing, setClosing] = useState<AlertSummary | null>(null);

  const load = useCallback(
    (signal: AbortSignal) => listAlerts({ ...filters, ...page }, signal),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);

  const acknowledge = useCallback(
    async (alert: AlertSummary) => {
      try {
        await acknowledgeAlert(alert.id);
        void message.success(text('acknowledged'));
      } catch (cause) {
        notifyError(cause);
      }
      reload();
    },
    [message, notifyError, reload, text],
  );

  const columns = useMemo<TableColumnsType<AlertSummary>>(
    () => [
      {
        title: text('level'),
        dataIndex: 'level',
        width: 80,
        render: (_: unknown, row) => <LevelTag level={row.level} text={text} />,
      },
      {
        title: text('rule'),
        dataIndex: 'ruleName',
        render: (name: string, row) =>
          row.status === 'active' ? (
            <Badge status="processing" text={<Typography.Text strong>{name}</Typography.Text>} />
          ) : (
            name
          ),
      },
      {
        title: text('status'),
        dataIndex: 'status',
        width: 90,
        render: (_: unknown, row) => <StatusTag status={row.status} text={text} />,
      },
      {
        title: text('matched'),
        key: 'matched',
        width: 130,
        render: (_: unknown, row) =>
          text('matchedValue', { count: row.matchedCount, peak: row.peakCount }),
      },
      {
        title: text('negative'),
        dataIndex: 'negativeShare',
        width: 90,
        render: (share: number | null) => percent(share),
      },
      {
        title: text('burst'),
        dataIndex: 'burstRatio',
        width: 90,
        render: (ratio: number | null) =>
          ratio === null ? '—' : `${Math.round(ratio * 10) / 10}×`,
      },
      {
        title: text('lastTriggered'),
        dataIndex: 'lastTriggeredAt',
        width: 150,
        render: (at: string) => formatDateTime(at),
      },
      {
        title: text('firstTriggered'),
        dataIndex: 'firstTriggeredAt',
        width: 150,
        render: (at: string) => formatDateTime(at),
      },
      ...(canManage
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 150,
              render: (_: unknown, row: AlertSummary) =>
                row.status === 'closed' ? null : (
                  // The row opens the alert: its buttons must not.
                  <Space size={0} onClick={(e) => e.stopPropagation()}>
                    {row.status === 'active' ? (
                      <Button type="link" size="small" onClick={() => void acknowledge(row)}>
                        {text('acknowledge')}
                      </Button>
                    ) : null}
                    <Button type="link" size="small" danger onClick={() => setClosing(row)}>
                      {text('close')}
                    </Button>
                  </Space>
                ),
            },
          ]
        : []),
    ],
    [acknowledge, canManage, t, text],
  );

  const pagination = useTablePagination(page, setPage, data?.total ?? 0);
  const statusOptions = [
    { value: 'open', label: text('status.open') },
    ...ALERT_STATUSES.map((s) => ({ value: s, label: text(`status.${s}`) })),
  ];

  return (
    <Page
      title={text('alertsTitle')}
      extra={
        <LinkButton to="/monitoring/alert-rules" icon={<SettingOutlined />}>
          {text('rulesLink')}
        </LinkButton>
      }
    >
      <QueryForm<Filters>
        key={formKey}
        name="alerts"
        initialValues={filters}
        onSearch={setFilters}
        onRefresh={reload}
      >
        {(showAll) => (
          <>
            <Form.Item name="status" label={text('status')} {...queryItem}>
              <Select
                allowClear
                placeholder={text('allStatuses')}
                style={{ width: 140 }}
                options={statusOptions}
              />
            </Form.Item>
            {showAll ? (
              <Form.Item name="level" label={text('level')} {...queryItem}>
                <Select
                  allowClear
                  placeholder={text('allLevels')}
                  style={{ width: 120 }}
                  options={ALERT_LEVELS.map((l) => ({ value: l, label: text(`level.${l}`) }))}
                />
              </Form.Item>
            ) : null}
          </>
        )}
      </QueryForm>
      <ListTable<AlertSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide
        rowHref={(row) => `/monitoring/alerts/${row.id}`}
        testId="alerts"
        empty={
          <Empty description={text('noAlerts')}>
            <Typography.Text type="secondary">{text('noAlertsHint')}</Typography.Text>
          </Empty>
        }
      />
      {closing ? (
        <CloseAlertModal
          alert={closing}
          onClose={() => setClosing(null)}
          onClosed={() => {
            void message.success(text('closed'));
            setClosing(null);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
