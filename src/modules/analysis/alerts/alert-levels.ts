import type { AlertLevel, AlertStatus } from '../../../db/schema-alerts.js';

export const ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const satisfies AlertLevel[];
export const ALERT_STATUSES = ['active', 'acknowledged', 'closed'] as const satisfies AlertStatus[];

/** 蓝色 / 黄色 / 橙色 / 红色预警, the usual four grades of a Chinese early warning. */
export const LEVEL_NAMES: Record<AlertLevel, string> = {
  blue: '蓝色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};

export const STATUS_NAMES: Record<AlertStatus, string> = {
  active: '待处理',
  acknowledged: '已确认',
  closed: '已关闭',
};

export const levelRank = (level: AlertLevel): number => ALERT_LEVELS.indexOf(level);

export const higherLevel = (a: AlertLevel, b: AlertLevel): AlertLevel =>
  levelRank(a) >= levelRank(b) ? a : b;

/** 30 分钟, 2 小时, 1 天 12 小时: how a window reads in a message. */
export function durationText(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [
    days > 0 ? `${days} 天` : '',
    hours > 0 ? `${hours} 小时` : '',
    mins > 0 ? `${mins} 分钟` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0 分钟';
}

/** 0.625 → 62.5%. */
export const percentText = (share: number): string =>
  `${(Math.round(share * 1000) / 10).toString()}%`;
