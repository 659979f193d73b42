import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import type { Lang, Translate } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { periodText, rangeFromParams, rangePresets, thisMonth, toLocalDate } from './period';
import type { DateRange } from './period';
import { getUnitStats, unitStatsXlsxUrl } from './stats.api';
import type { UnitFigures, UnitStatsRow } from './stats.api';
import { UnitStatsChart } from './UnitStatsChart';
import type { Segment } from './UnitStatsChart';

type Column = TableColumnsType<UnitStatsRow>[number];
type NumberKey = Exclude<keyof UnitFigures, 'averageHours' | 'onTimeRate'>;

const byNumber =
  (key: keyof UnitFigures) =>
  (a: UnitStatsRow, b: UnitStatsRow): number =>
    (a[key] ?? -1) - (b[key] ?? -1);

function decimal(value: number | null, lang: Lang, suffix = ''): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value)}${suffix}`;
}

/** The case list behind a unit's figures: its slips issued in the ledger's period. */
export function unitCasesPath(
  unitId: number,
  period: { from: string; to: string },
  segment?: Segment | 'all',
): string {
  const params = new URLSearchParams({
    unitId: String(unitId),
    assignedFrom: period.from,
    assignedTo: period.to,
  });
  if (segment === 'overdueNow') params.set('overdue', 'true');
  return `/cases?${params.toString()}`;
}

function useColumns(
  t: Translate,
  lang: Lang,
  period: { from: string; to: string },
): TableColumnsType<UnitStatsRow> {
  const count = (key: NumberKey, title: string, extra: Partial<Column> = {}): Column => ({
    title,
    dataIndex: key,
    key,
    align: 'right',
    width: 88,
    sorter: byNumber(key),
    render: (n: number) => formatNumber(n, lang),
    ...extra,
  });
  return [
    {
      title: t('stats.unit'),
      dataIndex: 'unitName',
      key: 'unit',
      fixed: 'left',
      width: 130,
      render: (name: string, row) => (
        <Link
          to={unitCasesPath(row.unitId, period)}
          className="tap-target"
          data-testid={`stats-unit-${row.unitId}`}
        >
          {name}
        </Link>
      ),
    },
    count('received', t('stats.received')),
    count('onTime', t('stats.onTime')),
    count('late', t('stats.late'), {
      render: (n: number) =>
        n > 0 ? (
          <Typography.Text type="warning">{formatNumber(n, lang)}</Typography.Text>
        ) : (
          formatNumber(n, lang)
        ),
    }),
    count('pending', t('stats.pending')),
    count('extended', t('stats.extended')),
    count('overdueNow', t('stats.overdueNow'), {
      width: 100,
      render: (n: number, row) =>
        n > 0 ? (
          <Link to={unitCasesPath(row.unitId, period, 'overdueNow')} className="tap-target">
            <Typography.Text type="danger" strong>
              {formatNumber(n, lang)}
            </Typography.Text>
          </Link>
        ) : (
          formatNumber(n, lang)
        ),
    }),
    {
      title: t('stats.averageHours'),
      dataIndex: 'averageHours',
      key: 'averageHours',
      align: 'right',
      width: 110,
      sorter: byNumber('averageHours'),
      render: (n: number | null) => decimal(n, lang),
    },
    {
      title: t('stats.onTimeRate'),
      dataIndex: 'onTimeRate',
      key: 'onTimeRate',
      align: 'right',
      width: 90,
      sorter: byNumber('onTimeRate'),
      render: (n: number | null) => decimal(n, lang, '%'),
    },
  ];
}

/** The totals in the table's own columns, in the order they stand. */
function TotalsRow({ totals, lang }: { totals: UnitFigures; lang: Lang }) {
  const { t } = useI18n();
  const cells: [NumberKey | 'averageHours' | 'onTimeRate', string][] = [
    ['received', formatNumber(totals.received, lang)],
    ['onTime', formatNumber(totals.onTime, lang)],
    ['late', formatNumber(totals.late, lang)],
    ['pending', formatNumber(totals.pending, lang)],
    ['extended', formatNumber(totals.extended, lang)],
    ['overdueNow', formatNumber(totals.overdueNow, lang)],
    ['averageHours', decimal(totals.averageHours, lang)],
    ['onTimeRate', decimal(totals.onTimeRate, lang, '%')],
  ];
  return (
    <Table.Summary fixed="bottom">
      <Table.Summary.Row data-testid="stats-totals" style={{ fontWeight: 600 }}>
        <Table.Summary.Cell index={0}>{t('stats.totals')}</Table.Summary.Cell>
        {cells.map(([key, text], i) => (
          <Table.Summary.Cell key={key} index={i + 1} align="right">
            {text}
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );
}

/**
 * 单位办理统计 (DESIGN §2.7): per unit, the slips issued in the period and how their due times
 * were kept, as a chart that leads to the cases and as the ledger (台账) with its Excel file.
 */
export default function UnitStatsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const range = useMemo<DateRange>(() => rangeFromParams(params) ?? thisMonth(), [params]);
  const from = toLocalDate(range[0]);
  const to = toLocalDate(range[1]);
  const [showIdle, setShowIdle] = useState(false);

  const load = useCallback((signal: AbortSignal) => getUnitStats({ from, to }, signal), [from, to]);
  const { data, error, loading, reload } = useApi(load);
  const columns = useColumns(t, lang, { from, to });

  const active = useMemo(() => (data?.units ?? []).filter((u) => u.received > 0), [data]);
  const rows = showIdle ? (data?.units ?? []) : active;

  const onRange = (next: DateRange | null) => {
    if (!next) return;
    setParams({ from: toLocalDate(next[0]), to: toLocalDate(next[1]) }, { replace: true });
  };

  return (
    <Page
      title={t('stats.title')}
      extra={
        <Button
          icon={<FileExcelOutlined />}
          href={unitStatsXlsxUrl({ from, to })}
          download
          data-testid="stats-xlsx"
        >
          {t('stats.xlsx')}
        </Button>
      }
    >
      <Card style={{ marginBottom: 16 }} size="small">
        <Flex wrap gap={12} align="center">
          <Typography.Text>{t('stats.period')}</Typography.Text>
          <DatePicker.RangePicker
            value={range}
            onChange={(next) => {
              if (next?.[0] && next[1]) onRange([next[0], next[1]]);
            }}
            allowClear={false}
            presets={rangePresets(t)}
            style={{ maxWidth: 280 }}
            aria-label={t('stats.period')}
            data-testid="stats-period"
          />
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          <Checkbox checked={showIdle} onChange={(e) => setShowIdle(e.target.checked)}>
            {t('stats.showIdle')}
          </Checkbox>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('stats.basis')}
        </Typography.Paragraph>
      </Card>
      {error && !data ? (
        <Card>
          <LoadError error={error} onRetry={reload} />
        </Card>
      ) : (
        <>
          <Card
            size="small"
            title={t('stats.chartTitle')}
            extra={
              data ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {periodText(t, data.from, data.to)}
                </Typography.Text>
              ) : null
            }
            loading={loading && !data}
            style={{ marginBottom: 16 }}
          >
            {active.length > 0 ? (
              <>
                <UnitStatsChart
                  rows={active}
                  onSelect={(unitId, segment) =>
                    void navigate(unitCasesPath(unitId, { from, to }, segment))
                  }
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('stats.chartHint')}
                </Typography.Text>
              </>
            ) : (
              <Empty description={t('stats.empty')} />
            )}
          </Card>
          <Card
            size="small"
            title={t('stats.tableTitle')}
            extra={
              data ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('stats.generatedAt', { time: formatDateTime(data.generatedAt) })}
                </Typography.Text>
              ) : null
            }
            styles={{ body: { padding: 0 } }}
          >
            <Table<UnitStatsRow>
              rowKey="unitId"
              columns={columns}
              dataSource={rows}
              loading={loading}
              pagination={false}
              size="small"
              scroll={{ x: 'max-content' }}
              summary={() => (data ? <TotalsRow totals={data.totals} lang={lang} /> : null)}
              locale={{ emptyText: <Empty description={t('stats.empty')} /> }}
              data-testid="stats-table"
            />
          </Card>
        </>
      )}
    </Page>
  );
}
