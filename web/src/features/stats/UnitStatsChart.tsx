import { useMemo } from 'react';
import { theme } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { MessageKey } from '../../app/i18n/i18n';
import { EChart } from './EChart';
import type { ChartClick, ChartOption } from './EChart';
import type { UnitStatsRow } from './stats.api';

/** The parts of a unit's bar: they add up to what it received. */
export const SEGMENTS = ['onTime', 'lateDone', 'overdueNow', 'pending'] as const;
export type Segment = (typeof SEGMENTS)[number];

const LABELS: Record<Segment, MessageKey> = {
  onTime: 'stats.onTime',
  lateDone: 'stats.lateDone',
  overdueNow: 'stats.overdueNow',
  pending: 'stats.pending',
};

function value(row: UnitStatsRow, segment: Segment): number {
  switch (segment) {
    case 'onTime':
      return row.onTime;
    case 'lateDone':
      return row.late - row.overdueNow;
    case 'overdueNow':
      return row.overdueNow;
    case 'pending':
      return row.pending;
  }
}

const BAR = 22;
const FONT =
  '-apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';

/**
 * Per unit, one horizontal stacked bar: on time, late but done since, overdue and still owed,
 * not yet due. Units read down the side, so long Chinese names fit on a phone too. Clicking a
 * bar hands the unit and the segment to `onSelect`.
 */
export function UnitStatsChart({
  rows,
  onSelect,
}: {
  rows: UnitStatsRow[];
  onSelect: (unitId: number, segment: Segment | 'all') => void;
}) {
  const t = useT();
  const { token } = theme.useToken();

  const option = useMemo<ChartOption>(() => {
    const colors: Record<Segment, string> = {
      onTime: token.colorSuccess,
      lateDone: token.colorWarning,
      overdueNow: token.colorError,
      pending: token.colorBorder,
    };
    // ECharts draws the first category at the bottom: reverse, so the list reads like the table.
    const units = [...rows].reverse();
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      color: SEGMENTS.map((s) => colors[s]),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
      grid: { top: 36, left: 8, right: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: units.map((u) => u.unitName),
        axisTick: { show: false },
        axisLabel: { width: 96, overflow: 'truncate' },
        // A unit's name leads to its cases as well as its bar does.
        triggerEvent: true,
      },
      series: SEGMENTS.map((segment) => ({
        name: t(LABELS[segment]),
        type: 'bar' as const,
        stack: 'received',
        barMaxWidth: BAR,
        emphasis: { focus: 'series' as const },
        data: units.map((u) => ({ value: value(u, segment), unitId: u.unitId })),
      })),
    };
  }, [rows, t, token]);

  const onClick = (event: ChartClick) => {
    if (event.componentType === 'yAxis') {
      const unit = rows.find((u) => u.unitName === event.value);
      if (unit) onSelect(unit.unitId, 'all');
      return;
    }
    const datum = event.data as { unitId?: unknown } | undefined;
    const segment = SEGMENTS[event.seriesIndex ?? -1];
    if (typeof datum?.unitId === 'number' && segment) onSelect(datum.unitId, segment);
  };

  return (
    <EChart
      option={option}
      height={Math.max(160, rows.length * (BAR + 14) + 60)}
      onClick={onClick}
      testId="unit-stats-chart"
      ariaLabel={t('stats.chartTitle')}
    />
  );
}
