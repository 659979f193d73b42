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
import { BellOutlined, QuestionCircleOutlined } from '@ant-design/icons';
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

/** Rows whose case is with someone else now: the unit's part is done, the public clock still runs. */
const WAITING_BADGE = '#8c8c8c';

const WAITING_KEYS: Record<Exclude<SupervisionRow['waitingOn'], 'unit'>, MessageKey> = {
  lead: 'supervision.waitingLead',
  leader: 'supervision.waitingLeader',
  monitor: 'supervision.waitingMonitor',
};
const WAITING_COLORS: Record<SupervisionRow['waitingOn'], string> = {
  unit: 'default',
  lead: 'blue',
  leader: 'purple',
  monitor: 'cyan',
};

function WaitingTag({ row }: { row: SupervisionRow }) {
  const { t } = useI18n();
  const key =
    row.waitingOn === 'unit'
      ? row.signedAt
        ? 'supervision.waitingUnit'
        : 'supervision.waitingUnitUnsigned'
      : WAITING_KEYS[row.waitingOn];
  return (
    <Tag
      color={row.unitOverdue ? 'red' : WAITING_COLORS[row.waitingOn]}
      data-testid="supervision-waiting-on"
      style={{ marginInlineEnd: 0 }}
    >
      {t(key)}
    </Tag>
  );
}

/** The clock with its name: the written reply's while the unit races it, else the public reply's. */
function RowClock({ row }: { row: SupervisionRow }) {
  const { t } = useI18n();
  return (
    <DeadlineTag
      clock={row}
      label={t(
        row.deadline === 'handling' ? 'supervision.clockHandling' : 'supervision.clockReply',
      )}
    />
  );
}

interface Filters {
  unitId?: number;
  overdue?: boolean;
}

/**
 * 督办看板: every unit on every open slip with the clock it is racing. Rows whose case waits for the
 * leader, the monitor or the lead unit are listed apart, so that the unit is not shown as late.
 */
export default function SupervisionPage() {
  const { t, lang } = useI18n();
  const has = usePermission();
  const canUrge = has('cases.urge');
  const { units } = useUnits();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.sm);
  // 催办次数 has a column on a screen of 1600 px or more; below, a count on the 催办 button, so that
  // on the common 1366 px screen the table fits beside the menu and 期限 is not cut off.
  const urgesColumn = Boolean(screens.xxl);
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
            <Link to={`/cases/${row.caseId}`} className="tap-target">
              {row.title}
            </Link>
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
            <WaitingTag row={row} />
          </Flex>
          <Flex gap={6} align="center" wrap>
            <RowClock row={row} />
            {row.urges > 0 ? (
              <Typography.Text type="secondary">
                {t('supervision.urgedTimes', { n: row.urges })}
              </Typography.Text>
            ) : null}
            {canUrge && row.waitingOn === 'unit' ? (
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
      width: 240,
      responsive: ['sm'],
      render: (_v, row) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center" wrap>
            {row.urgent ? <UrgentTag /> : null}
            <Link to={`/cases/${row.caseId}`} className="tap-target">
              {row.title}
            </Link>
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
      width: 150,
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
      width: 80,
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
      width: 80,
      responsive: ['sm'],
      render: (_v, row) =>
        row.done ? (
          <Badge status="success" text={t('supervision.doneYes')} />
        ) : (
          <Badge status="default" text={t('supervision.doneNo')} />
        ),
    },
    {
      title: t('supervision.waiting'),
      key: 'waiting',
      width: 150,
      responsive: ['sm'],
      render: (_v, row) => <WaitingTag row={row} />,
    },
    {
      title: t('supervision.deadline'),
      key: 'deadline',
      width: 190,
      responsive: ['sm'],
      render: (_v, row) => (
        <Flex vertical gap={2}>
          <RowClock row={row} />
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
      responsive: ['xxl'],
      render: (urges: number) => formatNumber(urges, lang),
    },
  ];
  if (canUrge) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      // On a narrower screen the table scrolls sideways, and 催办 stays in view at its right edge.
      fixed: 'right',
      responsive: ['sm'],
      render: (_v, row) =>
        row.waitingOn !== 'unit' ? null : (
          <Badge
            count={urgesColumn ? 0 : row.urges}
            size="small"
            title={t('supervision.urgedTimes', { n: formatNumber(row.urges, lang) })}
          >
            <Button
              size="small"
              icon={<BellOutlined />}
              onClick={() => setUrging(row)}
              data-testid={`urge-${row.caseId}-${row.unitId}`}
            >
              {t('caseAct.urge')}
            </Button>
          </Badge>
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
          {[
            ...LEVELS.map(({ level, label, badge }) => ({
              key: level,
              title: t(label),
              hint: null,
              badge,
              group: rows.filter((row) => row.waitingOn === 'unit' && row.level === level),
            })),
            {
              key: 'waiting',
              title: t('supervision.groupWaiting'),
              hint: t('supervision.groupWaitingHint'),
              badge: WAITING_BADGE,
              group: rows.filter((row) => row.waitingOn !== 'unit'),
            },
          ].map(({ key, title, hint, badge, group }) => {
            if (group.length === 0) return null;
            return (
              <Card
                key={key}
                size="small"
                title={
                  <Space>
                    <Badge color={badge} />
                    <span>{title}</span>
                    <Badge count={group.length} color={badge} overflowCount={999} />
                    {hint ? (
                      <Tooltip title={hint}>
                        <QuestionCircleOutlined style={{ color: WAITING_BADGE }} />
                      </Tooltip>
                    ) : null}
                  </Space>
                }
                data-testid={`supervision-${key}`}
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
