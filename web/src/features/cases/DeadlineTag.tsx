import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import {
  ClockCircleOutlined,
  ExclamationCircleFilled,
  ExclamationCircleOutlined,
} from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import type { Translate } from '../../app/i18n/i18n';
import type { DeadlineLevel } from './cases.api';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const LOOK: Record<DeadlineLevel, { color: string; variant?: 'solid'; icon: ReactNode }> = {
  green: { color: 'success', icon: <ClockCircleOutlined /> },
  amber: { color: 'warning', icon: <ClockCircleOutlined /> },
  red: { color: 'error', icon: <ExclamationCircleOutlined /> },
  // Overdue is louder than red: a filled tag, so the two are told apart without reading.
  overdue: { color: 'red', variant: 'solid', icon: <ExclamationCircleFilled /> },
};

/** The same words as the server's (two units at most, rounded down), in the UI's language. */
export function remainingText(t: Translate, dueAt: string, now: number = Date.now()): string {
  const left = new Date(dueAt).getTime() - now;
  const span = Math.abs(left);
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  const minutes = Math.floor((span % HOUR) / MINUTE);
  let time: string;
  if (span < MINUTE) time = t('deadline.underMinute');
  else if (days > 0)
    time =
      hours > 0
        ? `${t('deadline.days', { n: days })} ${t('deadline.hours', { n: hours })}`
        : t('deadline.days', { n: days });
  else if (hours > 0)
    time =
      minutes > 0
        ? `${t('deadline.hours', { n: hours })} ${t('deadline.minutes', { n: minutes })}`
        : t('deadline.hours', { n: hours });
  else time = t('deadline.minutes', { n: minutes });
  return t(left >= 0 ? 'deadline.left' : 'deadline.overdue', { time });
}

/**
 * A deadline as a colour (DESIGN §9): green, amber under a day, red under two hours, overdue;
 * with the time left in words and the due time on hover. `clock` null: no clock runs (—).
 */
export function DeadlineTag({
  clock,
  label,
}: {
  clock: { dueAt: string; level: DeadlineLevel; text: string } | null;
  /** Shown before the time, e.g. 回复 / 办理, where two clocks stand side by side. */
  label?: string;
}) {
  const { t, lang } = useI18n();
  if (!clock) return <span aria-label={t('deadline.none')}>—</span>;
  const look = LOOK[clock.level];
  const text = lang === 'zh' ? clock.text : remainingText(t, clock.dueAt);
  return (
    <Tooltip title={t('deadline.dueAt', { time: formatDateTime(clock.dueAt) })}>
      <Tag
        color={look.color}
        variant={look.variant}
        icon={look.icon}
        data-level={clock.level}
        data-testid="deadline-tag"
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      >
        {label ? `${label} ` : ''}
        {text}
      </Tag>
    </Tooltip>
  );
}
