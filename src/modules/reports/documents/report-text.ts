/** Figures as the documents write them. */

import type { ReportFigures } from '../report.schemas.js';

/** 12.5%, or a dash when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—';
}

/** 45分钟, 2小时5分钟, 1天3小时; a dash for none. */
export function minutesText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes}分钟`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  return rest > 0 ? `${hours}小时${rest}分钟` : `${hours}小时`;
}

export const rateText = (rate: number | null) => (rate === null ? '—' : `${rate.toFixed(1)}%`);

export const hoursText = (hours: number | null) => (hours === null ? '—' : `${hours.toFixed(1)}`);

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、 二、 … as sections are numbered in Chinese official documents. */
export const sectionNumber = (index: number) => `${NUMERALS[index] ?? String(index + 1)}、`;

/** （一） （二） … for the parts of a section. */
export const partNumber = (index: number) => `（${NUMERALS[index] ?? String(index + 1)}）`;

/** （其中按期N件，按期率x%）, or nothing for a report stored before it was counted. */
export function publicOnTime(c: ReportFigures['cases']): string {
  if (c.publishedOnTime === undefined || c.published === 0) return '';
  const rate = ((c.publishedOnTime / c.published) * 100).toFixed(1);
  return `（其中按期答复${c.publishedOnTime}件，按期率${rate}%）`;
}

/**
 * The categories a report names as what people wrote about: 其他 and 未分类 say what a problem is
 * not, so they are never named as a subject (they stay in the tables and charts).
 */
export function namedSubjects<T extends { name: string }>(byCategory: readonly T[]): T[] {
  return byCategory.filter((c) => c.name !== '其他' && c.name !== '未分类');
}

const PREVIOUS_NAMES: Record<ReportFigures['kind'], string> = {
  daily: '上期',
  weekly: '上周',
  monthly: '上月',
  quarterly: '上季度',
  annual: '上年',
};

/** 上周, 上月同期 …: what a report's 环比 compares with. */
export function previousName(f: Pick<ReportFigures, 'kind' | 'previous'>): string {
  return `${PREVIOUS_NAMES[f.kind]}${f.previous?.partial ? '同期' : ''}`;
}

/**
 * 环比 as a clause: 较上周增加5条（增长22.7%）, 较上月同期减少2件（下降10.0%）, 与上周持平; empty
 * for a report without a previous period (a daily one, or one stored before it was counted),
 * and when the previous period had none: there is no base to grow from, and on a new
 * installation the period before is simply before monitoring began (较上月增加28条 of 28).
 */
export function comparedText(
  f: Pick<ReportFigures, 'kind' | 'previous'>,
  now: number,
  before: number,
  unit: string,
): string {
  if (!f.previous || before === 0) return '';
  const name = previousName(f);
  if (now === before) return `与${name}持平`;
  const rate = ((Math.abs(now - before) / before) * 100).toFixed(1);
  return now > before
    ? `较${name}增加${now - before}${unit}（增长${rate}%）`
    : `较${name}减少${before - now}${unit}（下降${rate}%）`;
}
