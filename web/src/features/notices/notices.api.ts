import { api } from '../../app/api';
import type { Page } from '../../app/api';

/** Mirrors src/modules/cases/notices/notices.schemas.ts. */
export interface NoticeCase {
  caseId: number;
  slipNo: string | null;
  title: string;
  role: 'lead' | 'co';
  deadline: 'handling' | 'reply';
  /** 书面回复期限 / 公开答复期限 */
  deadlineLabel: string;
  dueAt: string;
  doneAt: string | null;
  lateMinutes: number;
  /** 超期 1 天 3 小时 */
  lateText: string;
  /** 至今未回复 / 逾期后补交 */
  status: string;
}

export interface NoticeUnit {
  unitId: number;
  unitName: string;
  cases: NoticeCase[];
}

export interface NoticeSummary {
  id: number;
  year: number;
  seq: number;
  /** 〔2026〕第3期 */
  number: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  createdAt: string;
  createdBy: string | null;
  unitCount: number;
  caseCount: number;
}

export interface Notice extends NoticeSummary {
  units: NoticeUnit[];
  /** The township (云溪镇) for the masthead, as on the .docx; null where not set up. */
  orgName?: string | null;
}

export function listNotices(
  query: { year?: number; page?: number; pageSize?: number },
  signal?: AbortSignal,
): Promise<Page<NoticeSummary>> {
  return api<Page<NoticeSummary>>('/api/notices', { query: { ...query }, signal });
}

export function getNotice(id: number, signal?: AbortSignal): Promise<Notice> {
  return api<Notice>(`/api/notices/${id}`, { signal });
}

/** 生成通报 for a period of whole local days, both included. */
/** What a notice for the period would name, before it is numbered. */
export async function previewNotice(
  period: { from: string; to: string },
  signal?: AbortSignal,
): Promise<NoticeUnit[]> {
  const { units } = await api<{ units: NoticeUnit[] }>('/api/notices/preview', {
    method: 'POST',
    body: period,
    signal,
  });
  return units;
}

export function issueNotice(period: { from: string; to: string }): Promise<Notice> {
  return api<Notice>('/api/notices', { method: 'POST', body: period });
}

export const noticeDocxUrl = (id: number): string => `/api/notices/${id}.docx`;
