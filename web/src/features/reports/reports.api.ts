import { api, buildQuery } from '../../app/api';
import type { Page } from '../../app/api';
import type { Role } from '../../app/types';

/** Mirrors src/modules/reports/report.schemas.ts and report-settings.ts. */
export const REPORT_KINDS = ['daily', 'weekly', 'monthly', 'quarterly', 'annual'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Count {
  key: string;
  name: string;
  count: number;
}

export interface NotablePost {
  id: number;
  title: string;
  source: string;
  postedAt: string;
  likes: number | null;
  sentiment: string | null;
  urgent: boolean;
  url: string | null;
}

export interface UnitRank {
  rank: number;
  unitId: number;
  unitName: string;
  received: number;
  onTime: number;
  late: number;
  pending: number;
  extended: number;
  overdueNow: number;
  averageHours: number | null;
  onTimeRate: number | null;
}

export interface ReportFigures {
  kind: ReportKind;
  from: string;
  to: string;
  /** A daily report's span: its posts are counted by when they were collected within it. */
  span?: { start: string; end: string; name: string } | null;
  generatedAt: string;
  orgName: string | null;
  posts: {
    total: number;
    negative: number;
    urgent: number;
    bySource: Count[];
    byCategory: Count[];
    bySentiment: Count[];
    byDay: { date: string; count: number }[];
  };
  cases: {
    registered: number;
    published: number;
    /** Absent in reports stored before it was counted. */
    publishedOnTime?: number;
    firstResponse: {
      count: number;
      medianMinutes: number | null;
      averageMinutes: number | null;
    };
    slips: {
      received: number;
      onTime: number;
      late: number;
      pending: number;
      extended: number;
      overdueNow: number;
      averageHours: number | null;
      onTimeRate: number | null;
    };
  };
  units: UnitRank[];
  /** Null where the incidents module has no table yet. */
  incidents: {
    opened: number;
    closed: number;
    byLevel: Count[];
    /** Opened or closed in the period; absent from older reports. */
    list?: ReportIncident[];
  } | null;
  topics: { id: number; label: string; keywords: string[]; posts: number }[];
  notable: { mostLiked: NotablePost[]; urgent: NotablePost[]; negative: NotablePost[] };
  duty: {
    shifts: {
      periodName: string;
      userName: string;
      startsAt: string;
      endsAt: string;
      note: string | null;
    }[];
  } | null;
  /** 研判 of a daily report's posts at its making; absent from other and older reports. */
  review?: ReviewFigures | null;
  /** 环比: weekly and longer reports; absent from daily and older reports. */
  previous?: PreviousFigures | null;
}

/** An incident a report names (report.schemas.ts, IncidentFigures.list). */
export interface ReportIncident {
  id: number;
  title: string;
  level: string;
  openedAt: string;
  closedAt: string | null;
}

/** Mirrors PreviousFigures in src/modules/reports/report.schemas.ts. */
export interface PreviousFigures {
  from: string;
  to: string;
  /** This period was not over: as much of the previous one as had passed of this one. */
  partial: boolean;
  posts: number;
  negative: number;
  registered: number;
}

/** Mirrors ReviewFigures in src/modules/reports/report.schemas.ts. */
export interface ReviewFigures {
  collected: number;
  read: number;
  dismissed: number;
  registered: number;
  pending: number;
  urgentPending: number;
  pendingEarlier: number;
}

export interface ReportSummary {
  id: number;
  kind: ReportKind;
  from: string;
  to: string;
  seq: number;
  title: string;
  generatedAt: string;
  /** Null when the schedule generated it. */
  generatedByName: string | null;
  deliveredAt: string | null;
  docxSize: number;
  xlsxSize: number;
}

export interface ReportDetail extends ReportSummary {
  figures: ReportFigures;
}

export interface ReportSettings {
  dailyEnabled: boolean;
  /** HH:mm, local time. */
  dailyTime: string;
  periodicEnabled: boolean;
  recipientRoles: Role[];
  recipientUserIds: number[];
}

export function listReports(
  query: { kind?: ReportKind | undefined; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<Page<ReportSummary>> {
  return api<Page<ReportSummary>>('/api/reports', { query: { ...query }, signal });
}

export function getReport(id: number, signal?: AbortSignal): Promise<ReportDetail> {
  return api<ReportDetail>(`/api/reports/${id}`, { signal });
}

export function generateReport(input: {
  kind: ReportKind;
  date: string;
}): Promise<{ id: number; seq: number; title: string }> {
  return api('/api/reports', { method: 'POST', body: input });
}

export function getReportSettings(signal?: AbortSignal): Promise<ReportSettings> {
  return api<ReportSettings>('/api/reports/settings', { signal });
}

export function saveReportSettings(settings: ReportSettings): Promise<ReportSettings> {
  return api<ReportSettings>('/api/reports/settings', { method: 'PUT', body: settings });
}

export const reportDocxUrl = (id: number) => `/api/reports/${id}.docx`;
export const reportXlsxUrl = (id: number) => `/api/reports/${id}.xlsx`;
export const workSummaryUrl = (id: number) => `/api/reports/${id}/summary.docx`;

/** For links that keep the list's tab in the address. */
export const reportsPath = (kind?: ReportKind) => `/reports${buildQuery({ kind })}`;
