import { useCallback, useMemo, useState } from 'react';
import { App, Badge, Button, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { useI18n } from '../../app/i18n/i18n';
import { ListTable } from '../../app/ListTable';
import { Page } from '../../app/Page';
import { QueryForm, queryItem } from '../../app/QueryForm';
import { useApi } from '../../app/use-api';
import { PeriodFormDrawer } from './PeriodFormDrawer';
import { listWatchPeriods, WATCH_STATUSES } from './watch.api';
import type { WatchPeriodSummary, WatchStatus } from './watch.api';
import { KIND_COLORS, kindLabel, STATUS_COLORS, statusLabel } from './watch-labels';
import { useTablePagination } from '../../app/pagination';

interface Filters {
  q?: string;
  status?: WatchStatus;
}

/** 值班/重点时段: the watch periods, those under way first and highlighted. */
export default function WatchPeriodsPage() {
  const { t } = useI18n();
  const has = usePermission();
  const canManage = has('watch.manage');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) =>
      listWatchPeriods(
        {
          q: filters.q?.trim() || undefined,
          status: filters.status,
          page: page.page,
          pageSize: page.pageSize,
        },
        signal,
      ),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);

  const columns = useMemo<TableColumnsType<WatchPeriodSummary>>(
    () => [
      {
        title: t('watch.name'),
        dataIndex: 'name',
        // Periods under way stand out: a pulsing dot and bold text.
        render: (name: string, row) =>
          row.status === 'active' ? (
            <Badge status="processing" text={<Typography.Text strong>{name}</Typography.Text>} />
          ) : (
            name
          ),
      },
      {
        title: t('watch.kind'),
        dataIndex: 'kind',
        width: 110,
        render: (_: unknown, row) => (
          <Tag color={KIND_COLORS[row.kind]}>{kindLabel(t, row.kind)}</Tag>
        ),
      },
      {
        title: t('watch.status'),
        dataIndex: 'status',
        width: 100,
        render: (_: unknown, row) => (
          <Tag color={STATUS_COLORS[row.status]}>{statusLabel(t, row.status)}</Tag>
        ),
      },
      {
        title: t('watch.dates'),
        key: 'dates',
        width: 220,
        render: (_: unknown, row) =>
          row.startsOn === row.endsOn ? row.startsOn : `${row.startsOn} ~ ${row.endsOn}`,
      },
      {
        title: t('watch.interval'),
        dataIndex: 'intervalMinutes',
        width: 130,
        render: (minutes: number) => t('watch.intervalValue', { minutes }),
      },
      {
        title: t('watch.sources'),
        dataIndex: 'sourceCount',
        width: 150,
        render: (count: number) => t('watch.sourceCount', { count }),
      },
      {
        title: t('watch.shifts'),
        dataIndex: 'dutyCount',
        width: 110,
        render: (count: number) =>
          count === 0 ? (
            <Typography.Text type="warning">{t('watch.dutyCount', { count })}</Typography.Text>
          ) : (
            t('watch.dutyCount', { count })
          ),
      },
    ],
    [t],
  );

  const filtered = Boolean(filters.q?.trim() || filters.status);
  const pagination = useTablePagination(page, setPage, data?.total ?? 0);

  return (
    <Page
      title={t('watch.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('watch.add')}
          </Button>
        ) : null
      }
    >
      <QueryForm<Filters>
        name="watch-periods"
        onSearch={(values) => {
          setFilters(values);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        onRefresh={reload}
      >
        {(showAll) => (
          <>
            <Form.Item name="q" label={t('watch.searchName')} {...queryItem}>
              <Input allowClear maxLength={60} style={{ width: 200 }} />
            </Form.Item>
            {showAll ? (
              <Form.Item name="status" label={t('watch.status')} {...queryItem}>
                <Select
                  allowClear
                  placeholder={t('watch.allStatuses')}
                  style={{ width: 140 }}
                  options={WATCH_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
                />
              </Form.Item>
            ) : null}
          </>
        )}
      </QueryForm>
      <ListTable<WatchPeriodSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide
        rowHref={(row) => `/watch/${row.id}`}
        empty={
          <Empty
            description={
              filtered
                ? t('watch.noMatch')
                : canManage
                  ? t('watch.empty')
                  : t('watch.emptyReadOnly')
            }
          >
            {!filtered && canManage ? (
              <Space>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  {t('watch.add')}
                </Button>
              </Space>
            ) : null}
          </Empty>
        }
        testId="watch-periods-table"
      />
      {adding ? (
        <PeriodFormDrawer
          period={null}
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            void message.success(t('watch.created', { name: saved.name }));
            void navigate(`/watch/${saved.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
