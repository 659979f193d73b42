import type {
  IncidentLevel,
  IncidentReportKind,
  IncidentStatus,
  IncidentTrend,
  MeasureKind,
} from '../../db/schema-incidents.js';

export const INCIDENT_LEVELS = [
  'general',
  'major',
  'serious',
  'critical',
] as const satisfies IncidentLevel[];
export const INCIDENT_STATUSES = ['open', 'closed'] as const satisfies IncidentStatus[];
export const INCIDENT_TRENDS = ['rising', 'stable', 'falling'] as const satisfies IncidentTrend[];
export const MEASURE_KINDS = [
  'official_reply',
  'press_release',
  'clarification',
  'follow_up_monitoring',
  'meeting',
  'other',
] as const satisfies MeasureKind[];

/** The four grades of a public-opinion incident, from the lowest. */
export const LEVEL_NAMES: Record<IncidentLevel, string> = {
  general: '一般',
  major: '较大',
  serious: '重大',
  critical: '特别重大',
};

export const STATUS_NAMES: Record<IncidentStatus, string> = { open: '处置中', closed: '已结束' };

export const TREND_NAMES: Record<IncidentTrend, string> = {
  rising: '上升',
  stable: '平稳',
  falling: '回落',
};

export const MEASURE_NAMES: Record<MeasureKind, string> = {
  official_reply: '官方回复',
  press_release: '主流媒体发布',
  clarification: '澄清不实信息',
  follow_up_monitoring: '跟踪监测',
  meeting: '召开会议',
  other: '其他',
};

export const REPORT_NAMES: Record<IncidentReportKind, string> = {
  immediate: '第一时间报告',
  closing: '处置结束报告',
};

/**
 * How long after an incident is opened its first report (首报) is due, by level: a 重大 or 特别重大
 * emergency is reported upward in writing within an hour (by telephone within 30 minutes). Lower
 * levels carry no clock.
 */
export const FIRST_REPORT_MINUTES: Partial<Record<IncidentLevel, number>> = {
  serious: 60,
  critical: 60,
};

/** 「标题」（较大）: how an incident is named in timeline entries, audit rows and messages. */
export const incidentName = (row: { title: string; level: IncidentLevel }) =>
  `「${row.title}」（${LEVEL_NAMES[row.level]}）`;
