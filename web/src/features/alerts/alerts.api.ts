import { api } from '../../app/api';
import type { Page } from '../../app/api';
import type { Role } from '../../app/types';

export const ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const ALERT_STATUSES = ['active', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertRule {
  id: number;
  name: string;
  expression: string;
  canonical: string | null;
  level: AlertLevel;
  windowMinutes: number;
  minCount: number;
  minNegativeShare: number | null;
  burstFactor: number | null;
  onlyRelevant: boolean;
  enabled: boolean;
  notifyRoles: Role[];
  cooldownMinutes: number;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  lastEvaluatedAt: string | null;
  lastMatchedCount: number | null;
  alertCount: number;
  openAlert: { id: number; level: AlertLevel; status: AlertStatus } | null;
}

export interface AlertRuleInput {
  name: string;
  expression: string;
  level: AlertLevel;
  windowMinutes: number;
  minCount: number;
  minNegativeShare: number | null;
  burstFactor: number | null;
  onlyRelevant: boolean;
  enabled: boolean;
  notifyRoles: Role[];
  cooldownMinutes: number;
}

export interface SyntaxProblem {
  message: string;
  /** 0-based offset into the expression, and how many characters to underline (0: missing here). */
  position: number;
  length: number;
}

export type ValidateResult =
  { ok: true; canonical: string; terms: string[] } | { ok: false; error: SyntaxProblem };

export type Mark = [number, number];

export interface MatchedPost {
  id: number;
  title: string | null;
  source: string;
  url: string | null;
  postedAt: string;
  sentiment: string | null;
  caseId: number | null;
  titleMarks: Mark[];
  excerpt: string;
  excerptMarks: Mark[];
  terms: string[];
}

export interface TestResult {
  measurement: {
    windowStart: string;
    windowEnd: string;
    matchedCount: number;
    negativeShare: number | null;
    baseline: number | null;
    burstRatio: number | null;
    met: boolean;
    checks: { met: boolean; text: string }[];
  };
  wouldFire: boolean;
  days: number;
  total: number;
  posts: MatchedPost[];
}

export interface AlertSummary {
  id: number;
  ruleId: number;
  ruleName: string;
  level: AlertLevel;
  status: AlertStatus;
  windowStart: string;
  windowEnd: string;
  matchedCount: number;
  peakCount: number;
  negativeShare: number | null;
  burstRatio: number | null;
  firstTriggeredAt: string;
  lastTriggeredAt: string;
  triggerCount: number;
  acknowledgedByName: string | null;
  acknowledgedAt: string | null;
  closedByName: string | null;
  closedAt: string | null;
  note: string | null;
}

export interface AlertDetail extends AlertSummary {
  ruleExpression: string;
  ruleWindowMinutes: number;
  samplePosts: MatchedPost[];
}

export interface AlertListQuery {
  status?: AlertStatus | 'open';
  level?: AlertLevel;
  ruleId?: number;
  page?: number;
  pageSize?: number;
}

export const listAlertRules = (signal?: AbortSignal) =>
  api<{ items: AlertRule[] }>('/api/alert-rules', { signal });

export const createAlertRule = (input: AlertRuleInput) =>
  api<AlertRule>('/api/alert-rules', { method: 'POST', body: input });

export const updateAlertRule = (id: number, input: AlertRuleInput) =>
  api<AlertRule>(`/api/alert-rules/${id}`, { method: 'PUT', body: input });

export const deleteAlertRule = (id: number) =>
  api<{ deleted: boolean; rule: AlertRule | null }>(`/api/alert-rules/${id}`, {
    method: 'DELETE',
  });

export const validateExpression = (expression: string, signal?: AbortSignal) =>
  api<ValidateResult>('/api/alert-rules/validate', {
    method: 'POST',
    body: { expression },
    signal,
  });

export const testAlertRule = (id: number, days = 7) =>
  api<TestResult>(`/api/alert-rules/${id}/test`, { method: 'POST', body: { days } });

export const testDraftRule = (
  input: Omit<AlertRuleInput, 'name' | 'enabled' | 'notifyRoles' | 'cooldownMinutes'>,
  days = 7,
) => api<TestResult>('/api/alert-rules/test', { method: 'POST', body: { ...input, days } });

export const listAlerts = (query: AlertListQuery, signal?: AbortSignal) =>
  api<Page<AlertSummary>>('/api/alerts', { query: { ...query }, signal });

export const getAlert = (id: number, signal?: AbortSignal) =>
  api<AlertDetail>(`/api/alerts/${id}`, { signal });

export const acknowledgeAlert = (id: number) =>
  api<AlertDetail>(`/api/alerts/${id}/acknowledge`, { method: 'POST' });

export const closeAlert = (id: number, note: string) =>
  api<AlertDetail>(`/api/alerts/${id}/close`, { method: 'POST', body: { note } });

/** A saved rule as the body that saves it again (PUT replaces the whole rule). */
export const ruleInput = (rule: AlertRule): AlertRuleInput => ({
  name: rule.name,
  expression: rule.expression,
  level: rule.level,
  windowMinutes: rule.windowMinutes,
  minCount: rule.minCount,
  minNegativeShare: rule.minNegativeShare,
  burstFactor: rule.burstFactor,
  onlyRelevant: rule.onlyRelevant,
  enabled: rule.enabled,
  notifyRoles: rule.notifyRoles,
  cooldownMinutes: rule.cooldownMinutes,
});
