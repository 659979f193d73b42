import { useMemo } from 'react';
import { theme } from 'antd';
import { CHART_FONT as FONT, type LinePieBarOption as Option } from '../stats/echarts-setup';
import { EChart } from '../stats/EChart';
import type { ChartClick } from '../stats/EChart';
import type { Sentiment, Series } from './situation.api';
import { colon, inParens } from '../../app/i18n/i18n';

/**
 * A chart in a box that says what it holds: `data-points` is how many data items it drew, so a
 * test (or a person with devtools) can tell a painted chart from an empty one.
 */
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
      <EChart option={option} height={height} onClick={onClick} ariaLabel={label} />
    </div>
  );
}

/** Posts per day, one stacked area per source; a point opens that source's posts of that day. */
export function VolumeChart({
  days,
  series,
  label,
  onSelect,
}: {
  days: string[];
  series: Series[];
  label: string;
  /** A source's posts (on a day); null: every source's, when the point clicked has none. */
  onSelect: (key: string | null, day: string | null) => void;
}) {
  const option = useMemo<Option>(
    () => ({
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: { trigger: 'axis', confine: true },
      // One row, paged where the sources do not fit (a phone): wrapped rows ran into the plot.
      legend: { top: 0, left: 0, right: 0, type: 'scroll', itemWidth: 14, itemHeight: 10 },
      grid: { top: 40, left: 8, right: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: days.map((d) => d.slice(5)),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({
        name: s.name,
        type: 'line' as const,
        stack: 'posts',
        areaStyle: { opacity: 0.35 },
        symbolSize: 6,
        triggerLineEvent: true,
        emphasis: { focus: 'series' as const },
        data: s.counts,
      })),
    }),
    [days, series],
  );
  const onClick = (event: ChartClick) => {
    const s = series[event.seriesIndex ?? -1];
    if (!s) return;
    const day = event.dataIndex === undefined ? null : (days[event.dataIndex] ?? null);
    // Stacked points of empty series lie on top of one another: a click on one of them meant
    // that day, not a source with nothing on it.
    const empty = event.dataIndex !== undefined && s.counts[event.dataIndex] === 0;
    onSelect(empty ? null : s.key, day);
  };
  return (
    <Chart
      testId="chart-volume"
      points={series.reduce((n, s) => n + s.total, 0)}
      label={label}
      option={option}
      height={300}
      onClick={onClick}
    />
  );
}

/** The three sentiments as a donut in their own colours: 负面 red, 中性 grey, 正面 green. */
export function SentimentChart({
  series,
  names,
  label,
  onSelect,
}: {
  series: (Series & { key: Sentiment })[];
  names: Record<Sentiment, string>;
  label: string;
  onSelect: (sentiment: Sentiment) => void;
}) {
  const { token } = theme.useToken();
  const shown = series.filter((s) => s.total > 0);
  const option = useMemo<Option>(() => {
    const colors: Record<Sentiment, string> = {
      negative: token.colorError,
      neutral: token.colorTextQuaternary,
      positive: token.colorSuccess,
    };
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: { trigger: 'item', formatter: `{b}${colon()}{c}${inParens('{d}%')}`, confine: true },
      legend: { bottom: 0, itemWidth: 14, itemHeight: 10 },
      series: [
        {
          type: 'pie',
          radius: ['38%', '58%'],
          center: ['50%', '46%'],
          // One decimal: 「71.43%」 did not fit beside the donut in its desktop column and was cut.
          percentPrecision: 1,
          label: { formatter: '{b}\n{d}%', lineHeight: 16, overflow: 'none' },
          data: shown.map((s) => ({
            name: names[s.key],
            value: s.total,
            itemStyle: { color: colors[s.key] },
          })),
        },
      ],
    };
  }, [shown, names, token]);
  return (
    <Chart
      testId="chart-sentiment"
      points={shown.length}
      label={label}
      option={option}
      height={300}
      onClick={(event) => {
        const s = shown[event.dataIndex];
        if (s) onSelect(s.key);
      }}
    />
  );
}

export interface BarItem {
  key: string;
  name: string;
  value: number;
}

/**
 * Horizontal bars, largest on top: long Chinese names (units, places, topics) read down the side,
 * on a phone too. Used for categories, key words, places, units and topics alike.
 */
export function BarList({
  testId,
  items,
  label,
  color,
  onSelect,
}: {
  testId: string;
  items: BarItem[];
  label: string;
  color?: string;
  onSelect: (item: BarItem) => void;
}) {
  const { token } = theme.useToken();
  const option = useMemo<Option>(() => {
    // ECharts draws the first category at the bottom: reverse, so the largest is on top.
    const rows = [...items].reverse();
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      color: [color ?? token.colorPrimary],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { top: 8, left: 8, right: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { show: false } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisTick: { show: false },
        axisLabel: { width: 110, overflow: 'truncate' },
        triggerEvent: true,
      },
      series: [
        {
          type: 'bar',
          name: label,
          barMaxWidth: 18,
          label: { show: true, position: 'right' },
          data: rows.map((r) => r.value),
        },
      ],
    };
  }, [items, label, color, token]);
  const onClick = (event: ChartClick) => {
    const rows = [...items].reverse();
    const item =
      event.componentType === 'yAxis'
        ? items.find((i) => i.name === event.value)
        : rows[event.dataIndex];
    if (item) onSelect(item);
  };
  return (
    <Chart
      testId={testId}
      points={items.length}
      label={label}
      option={option}
      height={Math.min(340, Math.max(200, items.length * 22 + 24))}
      onClick={onClick}
    />
  );
}
