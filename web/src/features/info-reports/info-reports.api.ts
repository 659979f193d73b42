import { api } from '../../app/api';
import type { Page } from '../../app/api';

/** Mirrors src/modules/info-reports/info-reports.schemas.ts. */
export const BRIEF_STATUSES = ['draft', 'reviewing', 'approved', 'submitted', 'returned'] as const;
export type BriefStatus = (typeof BRIEF_STATUSES)[number];
export type BriefSourceKind = 'post' | 'topic' | 'incident';
export type OutcomeKind = 'adopted' | 'instruction';

export interface BriefOutcome {
  id: number;
  kind: OutcomeKind;
  byWhom: string;
  level: string;
  note: string | null;
  recordedAt: string;
}

export interface Brief {
  id: number;
  title: string;
  body: string;
  sourceKind: BriefSourceKind | null;
  sourceId: number | null;
  author: { id: number; name: string };
  unitName: string | null;
  status: BriefStatus;
  reviewerName: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  issueNo: number | null;
  submittedAt: string | null;
  submittedTo: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  outcomes: BriefOutcome[];
}

export interface RankingRow {
  id: number;
  name: string;
  unitName: string | null;
  submitted: number;
  adopted: number;
  instructions: number;
  quota: number | null;
  completion: number | null;
  score: number;
  rank: number;
}

export interface Ranking {
  period: string;
  units: RankingRow[];
  people: RankingRow[];
}

export interface Handover {
  id: number;
  watchPeriodId: number | null;
  fromUser: { id: number; name: string };
  toUser: { id: number; name: string } | null;
  note: string;
  at: string;
}

export function listBriefs(
  query: { status?: BriefStatus; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<Page<Brief>> {
  return api('/api/info-briefs', { query, signal });
}

export function getBrief(id: number, signal?: AbortSignal): Promise<Brief> {
  return api(`/api/info-briefs/${id}`, { signal });
}

export function writeBrief(input: {
  title?: string;
  body?: string;
  source?: { kind: BriefSourceKind; id: number };
}): Promise<Brief> {
  return api('/api/info-briefs', { method: 'POST', body: input });
}

export function editBrief(
  id: number,
  input: { title: string; body: string; version: number },
): Promise<Brief> {
  return api(`/api/info-briefs/${id}`, { method: 'PATCH', body: input });
}

export function sendForReview(id: number, version: number): Promise<Brief> {
  return api(`/api/info-briefs/${id}/send`, { method: 'POST', body: { version } });
}

export function reviewBrief(
  id: number,
  input: { decision: 'approve' | 'return'; comment?: string; version: number },
): Promise<Brief> {
  return api(`/api/info-briefs/${id}/review`, { method: 'POST', body: input });
}

export function markSubmitted(id: number, submittedTo: string, version: number): Promise<Brief> {
  return api(`/api/info-briefs/${id}/submit`, { method: 'POST', body: { submittedTo, version } });
}

export function recordOutcome(
  id: number,
  input: { kind: OutcomeKind; byWhom: string; level: string; note?: string; version: number },
): Promise<Brief> {
  return api(`/api/info-briefs/${id}/outcomes`, { method: 'POST', body: input });
}

export const briefDocxUrl = (id: number) => `/api/info-briefs/${id}/brief.docx`;

export function getRanking(period: string, signal?: AbortSignal): Promise<Ranking> {
  return api('/api/info-ranking', { query: { period }, signal });
}

export const rankingXlsxUrl = (period: string) =>
  `/api/info-ranking.xlsx?period=${encodeURIComponent(period)}`;

/** Who can be given a quota: people whose roles let them write briefs, and their units. */
export interface QuotaTargets {
  units: { id: number; name: string }[];
  users: { id: number; name: string; unitName: string | null }[];
}

export function getQuotaTargets(signal?: AbortSignal): Promise<QuotaTargets> {
  return api('/api/info-quotas/targets', { signal });
}

export function setQuota(input: {
  month: string;
  unitId?: number;
  userId?: number;
  quota: number;
}): Promise<void> {
  return api('/api/info-quotas', { method: 'PUT', body: input });
}

/** Many units' quotas for one month at once: all are saved or none. */
export function setUnitQuotas(input: {
  month: string;
  quotas: { unitId: number; quota: number }[];
}): Promise<{ changed: number }> {
  return api('/api/info-quotas/units', { method: 'PUT', body: input });
}

export function listHandovers(watchPeriodId: number, signal?: AbortSignal): Promise<Handover[]> {
  return api('/api/watch/handovers', { query: { watchPeriodId }, signal });
}

export function addHandover(input: {
  watchPeriodId: number;
  toUserId?: number;
  note: string;
}): Promise<Handover[]> {
  return api('/api/watch/handovers', { method: 'POST', body: input });
}
