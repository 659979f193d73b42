import { useMemo } from 'react';
import { LineChart } from 'echarts/charts';
import type { LineSeriesOption } from 'echarts/charts';
import { DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { use as registerCharts } from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from '../stats/EChart';

registerCharts([LineChart, DataZoomComponent, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  LineSeriesOption | DataZoomComponentOption | GridComponentOption | TooltipComponentOption
>;

const FONT =
  '-apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
// Past two months of days the line gets a zoom bar, starting on the latest weeks.
const ZOOM_FROM = 60;

/** A topic's posts per local day as a line; `data-points` says how many days it drew. */
export function VolumeChart({
  volume,
  name,
  ariaLabel,
}: {
  volume: { day: string; posts: number }[];
  name: string;
  ariaLabel: string;
}) {
  const option = useMemo<Option>(() => {
    const zoom = volume.length > ZOOM_FROM;
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: { trigger: 'axis', confine: true },
      grid: { top: 16, left: 8, right: 16, bottom: zoom ? 40 : 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: volume.map((d) => d.day) },
      yAxis: { type: 'value', minInterval: 1 },
      dataZoom: zoom
        ? [{ type: 'slider', startValue: volume.length - ZOOM_FROM, endValue: volume.length - 1 }]
        : [],
      series: [
        {
          name,
          type: 'line',
          symbolSize: 6,
          areaStyle: { opacity: 0.2 },
          data: volume.map((d) => d.posts),
        },
      ],
    };
  }, [volume, name]);
  return (
    <div data-testid="topic-volume" data-points={volume.length}>
      <EChart option={option} height={240} ariaLabel={ariaLabel} />
    </div>
  );
}
