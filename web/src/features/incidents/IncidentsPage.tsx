import { useCallback, useMemo, useState } from 'react';
import { Button, Empty, Form, Input, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { usePermission } from '../../app/auth';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { ListTable } from '../../app/ListTable';
import { Page } from '../../app/Page';
import { useTablePagination } from '../../app/pagination';
import { QueryForm, queryItem } from '../../app/QueryForm';
import { useApi } from '../../app/use-api';
import { LevelTag, StatusTag } from './incident-labels';
import { useIncidentText } from './incident-text';
import {
  INCIDENT_LEVELS,
  INCIDENT_STATUSES,
  listIncidents,
  type IncidentLevel,
  type IncidentStatus,
  type IncidentSummary,
} from './incidents.api';
import { OpenIncidentModal } from './OpenIncidentModal';

interface Filters {
  status?: IncidentStatus;
  level?: IncidentLevel;
  q?: string;
}

/** 舆情事件: open ones first, then the newest; each row opens the incident. */
export default function IncidentsPage() {
  const { lang } = useI18n();
  const text = useIncidentText();
  const has = usePermission();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [opening, setOpening] = useState(false);
  const load = useCallback(
    (signal: AbortSignal) => listIncidents({ ...filters, ...page }, signal),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const pagination = useTablePagination(page, setPage, data?.total ?? 0);

  const columns = useMemo<TableColumnsType<IncidentSummary>>(
    () => [
      {
        title: text('level'),
        dataIndex: 'level',
        width: 100,
        render: (_: unknown, row) => <LevelTag level={row.level} text={text} />,
      },
      {
        title: text('name'),
        dataIndex: 'title',
        render: (title: string) => <Typography.Text strong>{title}</Typography.Text>,
      },
      {
        title: text('status'),
        dataIndex: 'status',
        width: 90,
        render: (_: unknown, row) => <StatusTag status={row.status} text={text} />,
      },
      { title: text('owner'), dataIndex: 'ownerName', width: 100 },
      {
        title: text('postCount'),
        dataIndex: 'postCount',
        width: 80,
        align: 'right',
        render: (n: number) => formatNumber(n, lang),
      },
      {
        title: text('caseCount'),
        dataIndex: 'caseCount',
        width: 80,
        align: 'right',
        render: (n: number) => formatNumber(n, lang),
      },
      {
        title: text('openedAt'),
        dataIndex: 'openedAt',
        width: 150,
        render: (at: string) => formatDateTime(at),
      },
      {
        title: text('closedAt'),
        dataIndex: 'closedAt',
        width: 150,
        render: (at: string | null) => formatDateTime(at),
      },
    ],
    [lang, text],
  );

  return (
    <Page
      title={text('title')}
      extra={
        has('incidents.manage') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpening(true)}
            data-testid="open-incident"
          >
            {text('openIncident')}
          </Button>
        ) : null
      }
    >
      <QueryForm<Filters>
        name="incidents"
        onSearch={(values) => {
          setFilters({ ...values, q: values.q?.trim() || undefined });
          setPage((p) => ({ ...p, page: 1 }));
        }}
        onRefresh={reload}
      >
        {(showAll) => (
          <>
            <Form.Item name="q" label={text('searchTitle')} {...queryItem}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            {showAll ? (
              <>
                <Form.Item name="status" label={text('status')} {...queryItem}>
                  <Select
                    allowClear
                    placeholder={text('allStatuses')}
                    style={{ width: 130 }}
                    options={INCIDENT_STATUSES.map((s) => ({
                      value: s,
                      label: text(`status.${s}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="level" label={text('level')} {...queryItem}>
                  <Select
                    allowClear
                    placeholder={text('allLevels')}
                    style={{ width: 130 }}
                    options={INCIDENT_LEVELS.map((l) => ({ value: l, label: text(`level.${l}`) }))}
                  />
                </Form.Item>
              </>
            ) : null}
          </>
        )}
      </QueryForm>
      <ListTable<IncidentSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide
        rowHref={(row) => `/incidents/${row.id}`}
        testId="incidents"
        empty={
          <Empty description={text('empty')}>
            <Typography.Text type="secondary">{text('emptyHint')}</Typography.Text>
          </Empty>
        }
      />
      {opening ? <OpenIncidentModal onClose={() => setOpening(false)} /> : null}
    </Page>
  );
}
