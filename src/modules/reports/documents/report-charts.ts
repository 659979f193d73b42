import type { ReportFigures } from '../report.schemas.js';
import { SENTIMENT_COLORS, type ChartSpec } from './chart-xml.js';

/** More bars than this and the chart shows the largest, the rest summed as 其他. */
const MAX_BARS = 10;

function top(items: { name: string; count: number }[]): { name: string; count: number }[] {
  if (items.length <= MAX_BARS) return items;
  const head = items.slice(0, MAX_BARS - 1);
  const rest = items.slice(MAX_BARS - 1).reduce((n, i) => n + i.count, 0);
  return [...head, { name: '其他', count: rest }];
}

const barHeight = (bars: number) => Math.min(9, 2.2 + bars * 0.7);

export function sourceChart(f: ReportFigures): ChartSpec | null {
  const items = top(f.posts.bySource);
  if (items.length === 0) return null;
  return {
    type: 'bar',
    title: '信息来源分布（条）',
    categories: items.map((i) => i.name),
    series: [{ name: '信息条数', values: items.map((i) => i.count) }],
    height: barHeight(items.length),
  };
}

export function categoryChart(f: ReportFigures): ChartSpec | null {
  const items = top(f.posts.byCategory);
  if (items.length === 0) return null;
  return {
    type: 'bar',
    title: '信息分类分布（条）',
    categories: items.map((i) => i.name),
    series: [{ name: '信息条数', values: items.map((i) => i.count), color: '4BACC6' }],
    height: barHeight(items.length),
  };
}

export function sentimentChart(f: ReportFigures): ChartSpec | null {
  const items = f.posts.bySentiment.filter((s) => s.count > 0);
  if (items.length === 0) return null;
  return {
    type: 'pie',
    title: '情感倾向分布',
    categories: items.map((i) => i.name),
    series: [{ name: '信息条数', values: items.map((i) => i.count) }],
    colors: items.map((i) => SENTIMENT_COLORS[i.key] ?? '7F7F7F'),
    width: 11,
    height: 6.5,
  };
}

/**
 * Posts per day: for a period longer than a day. Not for a daily report: its span starts and
 * ends in the afternoon, so its first and last days are partial and a line of them misleads.
 */
export function volumeChart(f: ReportFigures): ChartSpec | null {
  if (f.kind === 'daily' || f.posts.byDay.length < 2) return null;
  const monthly = f.posts.byDay.length > 62;
  const points = new Map<string, number>();
  for (const d of f.posts.byDay) {
    // A quarter's or a year's line is drawn per month; a month's by day of month; a week 11-26.
    const key = monthly
      ? `${Number(d.date.slice(5, 7))}月`
      : f.posts.byDay.length > 14
        ? String(Number(d.date.slice(8)))
        : d.date.slice(5);
    points.set(key, (points.get(key) ?? 0) + d.count);
  }
  return {
    type: 'line',
    title: monthly ? '信息量走势（按月，条）' : '信息量走势（按日，条）',
    categories: [...points.keys()],
    series: [{ name: '信息条数', values: [...points.values()] }],
  };
}

/** The units' slips, stacked: on time, late, pending; the ranking's order. */
export function unitChart(f: ReportFigures): ChartSpec | null {
  const units = f.units.slice(0, 12);
  if (units.length === 0) return null;
  return {
    type: 'bar',
    title: '各单位抄告单办理情况（件）',
    categories: units.map((u) => u.unitName),
    series: [
      { name: '按期', values: units.map((u) => u.onTime), color: '5CB85C' },
      { name: '超期', values: units.map((u) => u.late), color: 'D9534F' },
      { name: '在办未到期', values: units.map((u) => u.pending), color: 'A6A6A6' },
    ],
    stacked: true,
    height: barHeight(units.length) + 1,
  };
}
