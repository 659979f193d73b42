import { api } from '../../app/api';
import type { Page } from '../../app/api';

export const WATCH_KINDS = ['meeting', 'celebration', 'project', 'other'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];
export const WATCH_STATUSES = ['active', 'upcoming', 'ended'] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];

export interface WatchPeriodSummary {
  id: number;
  name: string;
  kind: WatchKind;
  startsOn: string;
  endsOn: string;
  intervalMinutes: number;
  note: string | null;
  status: WatchStatus;
  sourceCount: number;
  dutyCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface WatchSource {
  id: number;
  name: string;
  kind: string;
  enabled: boolean;
}

export interface WatchDuty {
  id: number | null;
  userId: number;
  userName: string;
  startsAt: string;
  endsAt: string;
  note: string | null;
}

export interface CoverageDay {
  date: string;
  uncoveredHours: number[];
  onDuty: number[][];
}

export interface WatchPeriodDetail extends WatchPeriodSummary {
  sources: WatchSource[];
  duties: WatchDuty[];
  coverage: CoverageDay[];
}

export interface WatchPeriodInput {
  name: string;
  kind: WatchKind;
  startsOn: string;
  endsOn: string;
  intervalMinutes: number;
  note: string | null;
  sourceIds: number[];
}

export interface DutyInput {
  userId: number;
  startsAt: string;
  endsAt: string;
  note?: string | null;
}

export interface GenerateInput {
  userIds: number[];
  shiftHours: 6 | 8 | 12 | 24;
  firstShiftStartsAt: number;
}

export interface SourceOption {
  id: number;
  name: string;
  kind: string;
}

export interface DutyPerson {
  userId: number;
  userName: string;
  startsAt: string;
  endsAt: string;
}

export interface WatchToday {
  date: string;
  now: string;
  periods: {
    id: number;
    name: string;
    kind: WatchKind;
    startsOn: string;
    endsOn: string;
    onDuty: DutyPerson[];
    next: DutyPerson[];
    uncoveredHours: number[];
  }[];
}

export interface WatchPeriodQuery {
  status?: WatchStatus;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function listWatchPeriods(
  query: WatchPeriodQuery,
  signal?: AbortSignal,
): Promise<Page<WatchPeriodSummary>> {
  return api('/api/watch-periods', { query: { ...query }, signal });
}

export function getWatchPeriod(id: number, signal?: AbortSignal): Promise<WatchPeriodDetail> {
  return api(`/api/watch-periods/${id}`, { signal });
}

export function createWatchPeriod(input: WatchPeriodInput): Promise<WatchPeriodDetail> {
  return api('/api/watch-periods', { method: 'POST', body: input });
}

export function updateWatchPeriod(
  id: number,
  patch: Partial<WatchPeriodInput>,
): Promise<WatchPeriodDetail> {
  return api(`/api/watch-periods/${id}`, { method: 'PATCH', body: patch });
}

export function deleteWatchPeriod(id: number): Promise<void> {
  return api(`/api/watch-periods/${id}`, { method: 'DELETE' });
}

export function saveDuties(id: number, duties: DutyInput[]): Promise<WatchPeriodDetail> {
  return api(`/api/watch-periods/${id}/duties`, { method: 'PUT', body: { duties } });
}

export function generateDuties(
  id: number,
  input: GenerateInput,
): Promise<{ duties: WatchDuty[]; coverage: CoverageDay[] }> {
  return api(`/api/watch-periods/${id}/duties/generate`, { method: 'POST', body: input });
}

export function listSourceOptions(signal?: AbortSignal): Promise<{ items: SourceOption[] }> {
  return api('/api/watch/source-options', { signal });
}

export function getWatchToday(signal?: AbortSignal): Promise<WatchToday> {
  return api('/api/watch/today', { signal });
}

/** i18n-allow: reads the server's Chinese message. The rows a roster error names: "第 3 行：与第 1 行时间重叠；第 5 行：…" → {3: '…', 5: '…'}. */
export function rowErrors(message: string): Map<number, string> {
  const rows = new Map<number, string>();
  for (const part of message.split('；')) {
    const match = /^第 (\d+) 行：(.+)$/.exec(part.trim());
    if (match?.[1] && match[2]) {
      const row = Number(match[1]);
      rows.set(row, rows.has(row) ? `${rows.get(row) ?? ''}；${match[2]}` : match[2]);
    }
  }
  return rows;
}
