import { Tag } from 'antd';
import type { AlertText } from './alert-text';
import type { AlertLevel, AlertStatus } from './alerts.api';

/** The four grades in their own colours: 蓝 / 黄 / 橙 / 红. */
export const LEVEL_COLORS: Record<AlertLevel, string> = {
  blue: 'blue',
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
};

const STATUS_COLORS: Record<AlertStatus, string> = {
  active: 'error',
  acknowledged: 'processing',
  closed: 'default',
};

export function LevelTag({ level, text }: { level: AlertLevel; text: AlertText }) {
  return (
    <Tag color={LEVEL_COLORS[level]} data-level={level}>
      {text(`level.${level}`)}
    </Tag>
  );
}

export function StatusTag({ status, text }: { status: AlertStatus; text: AlertText }) {
  return <Tag color={STATUS_COLORS[status]}>{text(`status.${status}`)}</Tag>;
}

/** 0.625 → 62.5% */
export const percent = (share: number | null): string =>
  share === null ? '—' : `${Math.round(share * 1000) / 10}%`;

/** 90 → 1 小时 30 分钟 (or 1 h 30 min). */
export function durationLabel(minutes: number, lang: 'zh' | 'en'): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const units = lang === 'zh' ? ['天', '小时', '分钟'] : ['d', 'h', 'min'];
  const parts = [d, h, m].flatMap((n, i) => (n > 0 ? [`${n} ${units[i] ?? ''}`] : []));
  return parts.length > 0 ? parts.join(' ') : `0 ${units[2] ?? ''}`;
}
