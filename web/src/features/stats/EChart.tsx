import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { BarChart } from 'echarts/charts';
import type { BarSeriesOption } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  DatasetComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerCharts } from 'echarts/core';
import type { ComposeOption, ECElementEvent, ECharts, EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the charts use, so the page's chunk stays small.
registerCharts([
  BarChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | DatasetComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export type ChartClick = ECElementEvent;

/**
 * An ECharts chart in a div: created once, given each new option whole, resized with its box,
 * disposed on unmount. A thin wrapper of our own rather than echarts-for-react: it is a dozen
 * lines, and it keeps the click handler current without re-creating the chart.
 */
export function EChart({
  option,
  height,
  onClick,
  style,
  testId,
  ariaLabel,
}: {
  /** Any option: pages that register more chart types (line, pie) pass their own. */
  option: ChartOption | EChartsCoreOption;
  height: number;
  onClick?: (event: ChartClick) => void;
  style?: CSSProperties;
  testId?: string;
  ariaLabel?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event) => click.current?.(event));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }}
    />
  );
}
