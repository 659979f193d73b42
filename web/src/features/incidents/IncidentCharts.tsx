import { useMemo } from 'react';
import { Col, Empty, Row, theme, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { use as registerCharts } from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from '../stats/EChart';
import type { IncidentText } from './incident-text';
import type { Snapshot } from './incidents.api';

registerCharts([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption
>;

const FONT =
  '-apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
const SENTIMENTS = ['negative', 'neutral', 'positive', 'unknown'] as const;

/**
 * One chart with how many data items it drew in `data-points`, so a test (or a person with
 * devtools) can tell a painted chart from an empty one.
 */
function Chart({
  title,
  testId,
  points,
  option,
}: {
  title: string;
  testId: string;
  points: number;
  option: Option;
}) {
  return (
    <div data-testid={testId} data-points={points}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <EChart option={option} height={220} ariaLabel={title} />
    </div>
  );
}

/** 每日信息量 as a line, 来源分布 and 情感分布 as bars: the figures of an assessment or of now. */
export function FiguresCharts({
  snapshot,
  text,
  testId,
}: {
  snapshot: Snapshot;
  text: IncidentText;
  testId: string;
}) {
  const { token } = theme.useToken();
  const volume = useMemo<Option>(() => {
    // The day the figures were taken is not over: its label says until when, so a day an hour
    // old does not read as a fall.
    const last = snapshot.volume.length - 1;
    const labels = snapshot.volume.map((d, i) =>
      i === last && snapshot.lastDayUntil
        ? `${d.day.slice(5)}${text('until', { time: snapshot.lastDayUntil })}`
        : d.day.slice(5),
    );
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: { trigger: 'axis', confine: true },
      grid: { top: 16, left: 8, right: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: labels,
        // The last day's label is the one that says 截至: never the one left out for room.
        axisLabel: { showMaxLabel: true },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: text('volume'),
          type: 'line',
          symbolSize: 6,
          areaStyle: { opacity: 0.2 },
          data: snapshot.volume.map((d) => d.posts),
        },
      ],
    };
  }, [snapshot, text]);
  const sources = useMemo<Option>(() => {
    // Largest on top: a horizontal bar chart draws its first category at the bottom.
    const rows = [...snapshot.sources].slice(0, 8).reverse();
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { top: 8, left: 8, right: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      // Long source names are cut short (the tooltip has them whole), so the bars keep their room.
      yAxis: {
        type: 'category',
        data: rows.map((s) => s.source),
        axisLabel: { width: 84, overflow: 'truncate' },
      },
      series: [
        {
          name: text('spread'),
          type: 'bar',
          barMaxWidth: 18,
          label: { show: true, position: 'right' },
          itemStyle: { color: token.colorPrimary },
          data: rows.map((s) => s.posts),
        },
      ],
    };
  }, [snapshot, text, token]);
  const sentiment = useMemo<Option>(() => {
    const colors = {
      negative: token.colorError,
      neutral: token.colorTextQuaternary,
      positive: token.colorSuccess,
      unknown: token.colorBorder,
    };
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { top: 16, left: 8, right: 16, bottom: 8, containLabel: true },
      // Every sentiment named, even where ECharts would skip labels for room (中性 was dropped).
      xAxis: {
        type: 'category',
        data: SENTIMENTS.map((s) => text(`sentiment.${s}`)),
        axisLabel: { interval: 0, fontSize: 11 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: text('sentimentChart'),
          type: 'bar',
          barMaxWidth: 32,
          data: SENTIMENTS.map((s) => ({
            value: snapshot.sentiment[s],
            itemStyle: { color: colors[s] },
          })),
        },
      ],
    };
  }, [snapshot, text, token]);

  if (snapshot.posts === 0) return <Empty description={text('noPosts')} />;
  return (
    <Row gutter={[16, 16]} data-testid={testId}>
      <Col xs={24} lg={10}>
        <Chart
          title={text('volume')}
          testId={`${testId}-volume`}
          points={snapshot.volume.length}
          option={volume}
        />
      </Col>
      <Col xs={24} md={12} lg={7}>
        <Chart
          title={text('spread')}
          testId={`${testId}-sources`}
          points={snapshot.sources.length}
          option={sources}
        />
      </Col>
      <Col xs={24} md={12} lg={7}>
        <Chart
          title={text('sentimentChart')}
          testId={`${testId}-sentiment`}
          points={SENTIMENTS.filter((s) => snapshot.sentiment[s] > 0).length}
          option={sentiment}
        />
      </Col>
    </Row>
  );
}
