import { Tag } from 'antd';
import type { IncidentText } from './incident-text';
import type { IncidentLevel, IncidentStatus } from './incidents.api';

/** 一般 blue, 较大 yellow, 重大 orange, 特别重大 red: the usual colours of the four grades. */
export const LEVEL_COLORS: Record<IncidentLevel, string> = {
  general: 'blue',
  major: 'gold',
  serious: 'orange',
  critical: 'red',
};

export function LevelTag({ level, text }: { level: IncidentLevel; text: IncidentText }) {
  return (
    <Tag color={LEVEL_COLORS[level]} data-level={level}>
      {text(`level.${level}`)}
    </Tag>
  );
}

export function StatusTag({ status, text }: { status: IncidentStatus; text: IncidentText }) {
  return (
    <Tag color={status === 'open' ? 'processing' : 'default'} data-status={status}>
      {text(`status.${status}`)}
    </Tag>
  );
}
