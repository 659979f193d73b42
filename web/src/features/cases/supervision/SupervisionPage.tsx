import { useCallback, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Grid,
  Pagination,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { usePermission } from '../../../app/auth';
import { formatDateTime, formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n/i18n';
import type { MessageKey } from '../../../app/i18n/i18n';
import { Page } from '../../../app/Page';
import { QueryForm, queryItem } from '../../../app/QueryForm';
import { LoadError } from '../../../app/results';
import { useApi } from '../../../app/use-api';
import { StateTag, UNIT_ROLE_KEYS, UrgentTag, caseName, extensionLabel } from '../case-labels';
import { listSupervision } from '../cases.api';
import type { DeadlineLevel, SupervisionRow } from '../cases.api';
import { DeadlineTag } from '../DeadlineTag';
import { unitOptionGroups, useUnits } from '../use-units';
import { UrgeModal } from './UrgeModal';

const PAGE_SIZE = 200;

/** Overdue first: the board is read from the top. */
const LEVELS: { level: DeadlineLevel; label: MessageKey; badge: string }[] = [
  { level: 'overdue', label: 'supervision.levelOverdue', badge: '#cf1322' },
  { level: 'red', label: 'supervision.levelRed', badge: '#ff4d4f' },
  { level: 'amber', label: 'supervision.levelAmber', badge: '#faad14' },
  { level: 'green', label: 'supervision.levelGreen', badge: '#52c41a' },
];

interface Filters {
  unitId?: number;
  overdue?: boolean;
}

/** 督办看板: every unit on every open slip with the clock it is racing. */
export default function SupervisionPage() {
  const { t, lang } = useI18n();
  const has = usePermission();
  const canUrge = has('cases.urge');
  const { units } = useUnits();
  const wide = Boolean(Grid.useBreakpoint().sm);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [urging, setUrging] = useState<SupervisionRow | null>(null);

  const load = useCallback(
    (signal: AbortSignal) =>
      listSupervision(
        {
          unitId: filters.unitId ?? undefined,
          overdue: filters.overdue ? true : undefined,
          page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const rows = data?.items ?? [];

  const columns: TableColumnsType<SupervisionRow> = [
    {
      // On a phone: one column, the row as a small card.
      title: t('supervision.case'),
      key: 'phone',
      responsive: ['xs'],
      render: (_v, row) => (
        <Flex vertical gap={6}>
          <Flex gap={6} align="center" wrap>
            {row.urgent ? <UrgentTag /> : null}
            <Link to={`/cases/${row.caseId}`}>{row.title}</Link>
          </Flex>
          <Flex gap={6} align="center" wrap>
            <span>{row.unitName}</span>
            <Tag color={row.role === 'lead' ? 'blue' : 'default'}>
              {t(UNIT_ROLE_KEYS[row.role])}
            </Tag>
            {row.signedAt ? (
              <Badge status="success" text={t('cases.signed')} />
            ) : (
              <Badge status="warning" text={t('cases.unsigned')} />
            )}
          </Flex>
          <Flex gap={6} align="center" wrap>
            <DeadlineTag clock={row} />
            {row.urges > 0 ? (
              <Typography.Text type="secondary">
                {t('supervision.urgedTimes', { n: row.urges })}
              </Typography.Text>
            ) : null}
            {canUrge && !row.done ? (
              <Button size="small" icon={<BellOutlined />} onClick={() => setUrging(row)}>
                {t('caseAct.urge')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('supervision.case'),
      key: 'case',
      width: 300,
      responsive: ['sm'],
      render: (_v, row) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center" wrap>
            {row.urgent ? <UrgentTag /> : null}
            <Link to={`/cases/${row.caseId}`}>{row.title}</Link>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {caseName(t, { id: row.caseId, slipNo: row.slipNo })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('supervision.unit'),
      key: 'unit',
      width: 170,
      responsive: ['sm'],
      render: (_v, row) => (
        <Space size={4} wrap>
          <span>{row.unitName}</span>
          <Tag color={row.role === 'lead' ? 'blue' : 'default'}>{t(UNIT_ROLE_KEYS[row.role])}</Tag>
        </Space>
      ),
    },
    {
      title: t('cases.state'),
      dataIndex: 'state',
      key: 'state',
      width: 90,
      responsive: ['md'],
      render: (_v, row) => <StateTag state={row.state} />,
    },
    {
      title: t('supervision.signed'),
      key: 'signed',
      width: 90,
      responsive: ['sm'],
      render: (_v, row) =>
        row.signedAt ? (
          <Tooltip title={formatDateTime(row.signedAt)}>
            <Badge status="success" text={t('cases.signed')} />
          </Tooltip>
        ) : (
          <Badge status="warning" text={t('cases.unsigned')} />
        ),
    },
    {
      title: t('supervision.done'),
      key: 'done',
      width: 90,
      responsive: ['sm'],
      render: (_v, row) =>
        row.done ? (
          <Badge status="success" text={t('supervision.doneYes')} />
        ) : (
          <Badge status="default" text={t('supervision.doneNo')} />
        ),
    },
    {
      title: t('supervision.deadline'),
      key: 'deadline',
      width: 170,
      responsive: ['sm'],
      render: (_v, row) => (
        <Flex vertical gap={2}>
          <DeadlineTag clock={row} />
          {row.extensionState ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {extensionLabel(t, row.extensionState)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('supervision.urges'),
      dataIndex: 'urges',
      key: 'urges',
      width: 90,
      align: 'right',
      responsive: ['sm'],
      render: (urges: number) => formatNumber(urges, lang),
    },
  ];
  if (canUrge) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      responsive: ['sm'],
      render: (_v, row) =>
        row.done ? null : (
          <Button
            size="small"
            icon={<BellOutlined />}
            onClick={() => setUrging(row)}
            data-testid={`urge-${row.caseId}-${row.unitId}`}
          >
            {t('caseAct.urge')}
          </Button>
        ),
    });
  }

  const filtered = filters.unitId !== undefined || Boolean(filters.overdue);

  return (
    <Page title={t('supervision.title')}>
      <QueryForm<Filters>
        name="supervision-filters"
        collapsible={false}
        onSearch={(values) => {
          setFilters(values);
          setPage(1);
        }}
        onRefresh={reload}
      >
        {() => (
          <>
            <Form.Item name="unitId" label={t('supervision.unit')} {...queryItem}>
              <Select
                placeholder={t('cases.unitPlaceholder')}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptionGroups(t, units)}
                style={{ width: 180 }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item name="overdue" valuePropName="checked" {...queryItem}>
              <Checkbox>{t('supervision.onlyOverdue')}</Checkbox>
            </Form.Item>
          </>
        )}
      </QueryForm>
      {error && !data ? (
        <Card>
          <LoadError error={error} onRetry={reload} />
        </Card>
      ) : rows.length === 0 ? (
        <Card loading={loading}>
          <Empty description={filtered ? t('supervision.noMatch') : t('supervision.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {LEVELS.map(({ level, label, badge }) => {
            const group = rows.filter((row) => row.level === level);
            if (group.length === 0) return null;
            return (
              <Card
                key={level}
                size="small"
                title={
                  <Space>
                    <Badge color={badge} />
                    <span>{t(label)}</span>
                    <Badge count={group.length} color={badge} overflowCount={999} />
                  </Space>
                }
                data-testid={`supervision-${level}`}
                styles={{ body: { padding: 0 } }}
              >
                <Table<SupervisionRow>
                  rowKey={(row) => `${row.caseId}-${row.unitId}`}
                  columns={columns}
                  dataSource={group}
                  loading={loading}
                  pagination={false}
                  size="small"
                  tableLayout="fixed"
                  scroll={wide ? { x: 'max-content' } : undefined}
                />
              </Card>
            );
          })}
          {(data?.total ?? 0) > PAGE_SIZE ? (
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={data?.total ?? 0}
              onChange={setPage}
              showSizeChanger={false}
              showTotal={(total) => t('common.total', { total: formatNumber(total, lang) })}
            />
          ) : null}
        </Flex>
      )}
      {urging ? (
        <UrgeModal
          row={urging}
          onClose={() => setUrging(null)}
          onDone={() => {
            setUrging(null);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
