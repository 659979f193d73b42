import type { Clock } from '../cases/cases.api';
import { api } from '../../app/api';
import type { Page } from '../../app/api';

/** Mirrors src/modules/incidents/incidents.schemas.ts. */
export const INCIDENT_LEVELS = ['general', 'major', 'serious', 'critical'] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];
export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const TRENDS = ['rising', 'stable', 'falling'] as const;
export type Trend = (typeof TRENDS)[number];
export const MEASURE_KINDS = [
  'official_reply',
  'press_release',
  'clarification',
  'follow_up_monitoring',
  'meeting',
  'other',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type ReportKind = 'immediate' | 'closing';
export type Sentiment = 'negative' | 'neutral' | 'positive';
export type SuggestionReason = 'topic' | 'keywords' | 'duplicate';

export interface IncidentSummary {
  id: number;
  version: number;
  title: string;
  level: IncidentLevel;
  status: IncidentStatus;
  ownerId: number;
  ownerName: string;
  openedAt: string;
  openedByName: string | null;
  closedAt: string | null;
  topicId: number | null;
  postCount: number;
  caseCount: number;
}

export interface Snapshot {
  posts: number;
  volume: { day: string; posts: number }[];
  sources: { source: string; posts: number }[];
  sentiment: { negative: number; neutral: number; positive: number; unknown: number };
  cases: number;
  firstPostAt: string | null;
  lastPostAt: string | null;
  /** HH:mm when the last day of `volume` is the day the figures were taken (not over yet). */
  lastDayUntil?: string | null;
  last24h?: number;
  previous24h?: number;
  suggestedTrend?: Trend;
}

export interface IncidentDetail extends IncidentSummary {
  summary: string;
  keywords: string[];
  topic: { id: number; label: string } | null;
  closedByName: string | null;
  closingReport: string | null;
  updatedAt: string;
  /** The 首报 due while an open 重大 / 特别重大 incident has sent none. */
  firstReportClock: Clock | null;
  figures: Snapshot;
  cases: { id: number; slipNo: string | null; title: string; state: string; addedAt: string }[];
  events: { id: number; kind: string; text: string; actorName: string; at: string }[];
  assessments: {
    id: number;
    at: string;
    assessorName: string | null;
    judgement: string;
    trend: Trend;
    riskLevel: IncidentLevel;
    snapshot: Snapshot;
  }[];
  measures: {
    id: number;
    kind: MeasureKind;
    description: string;
    takenAt: string;
    ownerUserId: number | null;
    ownerName: string;
    url: string | null;
    recordedByName: string | null;
    recordedAt: string;
  }[];
  reports: {
    id: number;
    kind: ReportKind;
    text: string;
    sentAt: string;
    sentByName: string | null;
    recipients: { id: number; name: string }[];
  }[];
}

export interface IncidentPost {
  id: number;
  source: string;
  title: string | null;
  excerpt: string;
  url: string | null;
  postedAt: string;
  sentiment: Sentiment | null;
  duplicateOf: number | null;
  caseId: number | null;
}

export interface LinkedPost extends IncidentPost {
  how: 'opened' | 'added' | 'suggested-accepted';
  addedAt: string;
  addedByName: string | null;
}

export interface SuggestedPost extends IncidentPost {
  reasons: SuggestionReason[];
}

export interface IncidentQuery {
  status?: IncidentStatus;
  level?: IncidentLevel;
  q?: string;
  page: number;
  pageSize: number;
}

export interface OpenIncidentInput {
  title: string;
  summary?: string;
  level: IncidentLevel;
  ownerId: number;
  postIds?: number[];
  topicId?: number;
  keywords?: string[];
}

export interface Owner {
  id: number;
  name: string;
  roles: string[];
}

export interface TopicOption {
  id: number;
  label: string;
  keywords: string[];
  size: number;
}

const base = (id: number) => `/api/incidents/${id}`;
const post = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body });

export const listIncidents = (query: IncidentQuery, signal?: AbortSignal) =>
  api<Page<IncidentSummary>>('/api/incidents', { query: { ...query }, signal });
export const getIncident = (id: number, signal?: AbortSignal) =>
  api<IncidentDetail>(base(id), { signal });
export const openIncident = (input: OpenIncidentInput) =>
  post<IncidentDetail>('/api/incidents', input);
export const listOwners = (signal?: AbortSignal) =>
  api<{ items: Owner[] }>('/api/incidents/owners', { signal }).then((r) => r.items);
/** 热点话题 to open an incident from, hottest first. */
export const listTopics = (signal?: AbortSignal) =>
  api<Page<TopicOption>>('/api/topics', { query: { pageSize: 50 }, signal }).then((r) => r.items);

export const listLinkedPosts = (
  id: number,
  page: { page: number; pageSize: number },
  signal?: AbortSignal,
) => api<Page<LinkedPost>>(`${base(id)}/posts`, { query: { ...page }, signal });
export const listSuggestions = (id: number, signal?: AbortSignal) =>
  api<{ items: SuggestedPost[]; total: number }>(`${base(id)}/suggestions`, { signal });

export const updateIncident = (
  id: number,
  body: {
    version: number;
    title?: string;
    summary?: string;
    level?: IncidentLevel;
    ownerId?: number;
    keywords?: string[];
  },
) => api<IncidentDetail>(base(id), { method: 'PATCH', body });

type PostAct = 'posts' | 'suggestions/accept' | 'suggestions/dismiss';
export const actOnPosts = (id: number, act: PostAct, version: number, postIds: number[]) =>
  post<IncidentDetail>(`${base(id)}/${act}`, { version, postIds });
export const removePosts = (id: number, version: number, postIds: number[], reason?: string) =>
  post<IncidentDetail>(`${base(id)}/posts/remove`, { version, postIds, reason });
export const addCases = (id: number, version: number, caseIds: number[]) =>
  post<IncidentDetail>(`${base(id)}/cases`, { version, caseIds });
export const removeCases = (id: number, version: number, caseIds: number[]) =>
  post<IncidentDetail>(`${base(id)}/cases/remove`, { version, caseIds });

export const reportDraft = (id: number, kind: ReportKind, signal?: AbortSignal) =>
  api<{ text: string }>(`${base(id)}/report-draft`, { query: { kind }, signal }).then(
    (r) => r.text,
  );
export const sendImmediateReport = (id: number, version: number, text: string) =>
  post<IncidentDetail>(`${base(id)}/immediate-report`, { version, text });
export const addAssessment = (
  id: number,
  body: { version: number; judgement: string; trend: Trend; riskLevel: IncidentLevel },
) => post<IncidentDetail>(`${base(id)}/assessments`, body);
export const addMeasure = (
  id: number,
  body: {
    version: number;
    kind: MeasureKind;
    description: string;
    takenAt: string;
    ownerUserId?: number;
    ownerUnit?: string;
    url?: string;
  },
) => post<IncidentDetail>(`${base(id)}/measures`, body);
export const closeIncident = (id: number, version: number, closingReport: string) =>
  post<IncidentDetail>(`${base(id)}/close`, { version, closingReport });
