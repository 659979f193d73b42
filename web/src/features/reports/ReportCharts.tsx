import { useMemo } from 'react';
import type { BarSeriesOption } from 'echarts/charts';
import { CHART_FONT as FONT, type LinePieBarOption as Option } from '../stats/echarts-setup';
import { EChart, type ChartClick } from '../stats/EChart';
import type { Count, ReportFigures, UnitRank } from './reports.api';
import { colon, inParens } from '../../app/i18n/i18n';

/** As the Word document colours them (src/modules/reports/documents/chart-xml.ts). */
const SENTIMENT_COLORS: Record<string, string> = {
  negative: '#D9534F',
  neutral: '#A6A6A6',
  positive: '#5CB85C',
  unknown: '#D9D9D9',
};

/** A chart whose box says how many data items it drew (`data-points`), for tests and people. */
function Chart({
  testId,
  points,
  label,
  option,
  height,
  onClick,
}: {
  testId: string;
  points: number;
  label: string;
  option: Option;
  height: number;
  onClick?: (event: ChartClick) => void;
}) {
  return (
    <div data-testid={testId} data-points={points}>
      <EChart option={option} height={height} ariaLabel={label} onClick={onClick} />
    </div>
  );
}

/** The data item a click landed on, handed on. */
function pick<T>(items: readonly T[], event: ChartClick, onSelect: (item: T) => void) {
  const item = event.dataIndex === undefined ? undefined : items[event.dataIndex];
  if (item !== undefined) onSelect(item);
}

/** Horizontal bars, the largest on top, each with its value. */
export function CountBars({
  items,
  label,
  testId,
  color,
  onSelect,
}: {
  items: Count[];
  label: string;
  testId: string;
  color: string;
  /** A click on a bar asks for the posts behind it. */
  onSelect?: (item: Count) => void;
}) {
  const shown = useMemo(() => items.slice(0, 12), [items]);
  const option = useMemo<Option>(
    () => ({
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      // Room beyond the longest bar for its value label.
      xAxis: {
        type: 'value',
        minInterval: 1,
        max: (extent: { max: number }) => Math.max(1, Math.ceil(extent.max * 1.15)),
        splitLine: { show: false },
        axisLabel: { show: false },
      },
      yAxis: { type: 'category', inverse: true, data: shown.map((i) => i.name) },
      series: [
        {
          type: 'bar',
          name: label,
          data: shown.map((i) => i.count),
          itemStyle: { color },
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [shown, label, color],
  );
  return (
    <Chart
      testId={testId}
      points={shown.length}
      label={label}
      option={option}
      height={Math.max(120, 36 + shown.length * 30)}
      onClick={onSelect ? (event) => pick(shown, event, onSelect) : undefined}
    />
  );
}

export function SentimentPie({
  items,
  label,
  onSelect,
}: {
  items: Count[];
  label: string;
  onSelect?: (item: Count) => void;
}) {
  const shown = useMemo(() => items.filter((i) => i.count > 0), [items]);
  const option = useMemo<Option>(
    () => ({
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'item', formatter: `{b}${colon()}{c}${inParens('{d}%')}` },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: label,
          radius: ['35%', '65%'],
          center: ['50%', '45%'],
          data: shown.map((i) => ({
            name: i.name,
            value: i.count,
            itemStyle: { color: SENTIMENT_COLORS[i.key] ?? '#7F7F7F' },
          })),
          // One decimal, as the Word report writes it (70.4%, not 70.37%).
          percentPrecision: 1,
          label: { formatter: '{b} {d}%' },
        },
      ],
    }),
    [shown, label],
  );
  return (
    <Chart
      testId="report-sentiment"
      points={shown.length}
      label={label}
      option={option}
      height={260}
      onClick={onSelect ? (event) => pick(shown, event, onSelect) : undefined}
    />
  );
}

export function VolumeLine({
  figures,
  label,
  onSelect,
}: {
  figures: ReportFigures;
  label: string;
  /** A click on a day asks for that day's posts (a local date, 2026-11-27). */
  onSelect?: (date: string) => void;
}) {
  const days = figures.posts.byDay;
  const option = useMemo<Option>(
    () => ({
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: label,
          data: days.map((d) => d.count),
          smooth: true,
          areaStyle: { opacity: 0.15 },
          showSymbol: days.length <= 31,
        },
      ],
    }),
    [days, label],
  );
  return (
    <Chart
      testId="report-volume"
      points={days.length}
      label={label}
      option={option}
      height={240}
      onClick={onSelect ? (event) => pick(days, event, (d) => onSelect(d.date)) : undefined}
    />
  );
}

export type SlipSegment = 'onTime' | 'late' | 'pending';
const SEGMENTS: readonly SlipSegment[] = ['onTime', 'late', 'pending'];

/**
 * The units' slips stacked: on time, late, pending, in ranking order. A click on a unit's bar
 * asks for the rows behind it (`onSelect`).
 */
export function UnitBars({
  units,
  label,
  names,
  onSelect,
}: {
  units: UnitRank[];
  label: string;
  names: { onTime: string; late: string; pending: string };
  onSelect?: (unit: UnitRank, segment: SlipSegment) => void;
}) {
  const shown = useMemo(() => units.slice(0, 15), [units]);
  const { onTime, late, pending } = names;
  const option = useMemo<Option>(() => {
    const bar = (name: string, color: string, values: number[]): BarSeriesOption => ({
      type: 'bar',
      stack: 'slips',
      name,
      data: values,
      itemStyle: { color },
      barMaxWidth: 22,
    });
    return {
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: shown.map((u) => u.unitName) },
      series: [
        bar(
          onTime,
          '#5CB85C',
          shown.map((u) => u.onTime),
        ),
        bar(
          late,
          '#D9534F',
          shown.map((u) => u.late),
        ),
        bar(
          pending,
          '#A6A6A6',
          shown.map((u) => u.pending),
        ),
      ],
    };
  }, [shown, onTime, late, pending]);
  const onClick = (event: ChartClick) => {
    const unit = event.dataIndex === undefined ? undefined : shown[event.dataIndex];
    const segment = SEGMENTS[event.seriesIndex ?? -1];
    if (unit && segment) onSelect?.(unit, segment);
  };
  return (
    <Chart
      testId="report-units"
      points={shown.length}
      label={label}
      option={option}
      height={Math.max(140, 60 + shown.length * 30)}
      onClick={onSelect ? onClick : undefined}
    />
  );
}
