import { api } from '../../app/api';
import type { Page } from '../../app/api';

/** Mirrors src/modules/cases/case-status.ts. */
export const CASE_STATES = [
  'registered',
  'assigned',
  'handling',
  'reviewing',
  'approved',
  'published',
  'closed',
  'archived',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Every act the server knows; `actions` on a case lists those this user may take now. */
export const CASE_ACTS = [
  'acknowledge',
  'assign',
  'close',
  'sign',
  'start',
  'contribute',
  'reply',
  'extension.request',
  'return-slip',
  'withdraw-slip',
  'decline-co',
  'extension.decide',
  'approve',
  'return',
  'publish',
  'rate',
  'reopen',
  'urge',
  'archive',
] as const;
export type CaseAct = (typeof CASE_ACTS)[number];

export function isCaseAct(value: string): value is CaseAct {
  return (CASE_ACTS as readonly string[]).includes(value);
}

export type DeadlineLevel = 'green' | 'amber' | 'red' | 'overdue';

export interface Clock {
  dueAt: string;
  level: DeadlineLevel;
  /** The server's words: 剩余 1 天 3 小时 / 超期 5 小时. */
  text: string;
}

export type ExtensionState = 'requested' | 'granted' | 'refused';
export type Rating = 'satisfied' | 'basically' | 'unsatisfied';

export interface CaseSummary {
  id: number;
  version: number;
  state: CaseState;
  urgent: boolean;
  slipNo: string | null;
  title: string;
  source: string;
  postedAt: string;
  registeredAt: string;
  leadUnitId: number | null;
  leadUnitName: string | null;
  extensionState: string | null;
  replyClock: Clock | null;
  handlingClock: Clock | null;
  lastDecision: 'approved' | 'returned' | null;
  archivedAt: string | null;
  /** 历史台账导入: the file and row it came from (closed, read-only history). */
  imported: { importId: number; fileName: string; row: number } | null;
  /** The due times, also once the clocks have stopped. */
  replyDueAt: string;
  handlingDueAt: string | null;
  /** A liaison's list only: the own unit's part in the case. */
  myUnits?: {
    unitId: number;
    role: 'lead' | 'co';
    signedAt: string | null;
    contributedAt: string | null;
  }[];
}

export interface CaseUnit {
  unitId: number;
  name: string;
  role: 'lead' | 'co';
  signedAt: string | null;
  signedBy: string | null;
  contribution: string | null;
  contributedAt: string | null;
  /** The signed-in liaison serves this unit. */
  mine: boolean;
}

export interface CaseReply {
  round: number;
  text: string;
  submittedAt: string;
  submittedBy: string | null;
  decision: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
}

export interface CaseEvent {
  id: number;
  at: string;
  actorName: string;
  action: string;
  label: string;
  fromState: string | null;
  toState: string | null;
  unitName: string | null;
  comment: string | null;
}

/** A file attached to the case (a screenshot of the post, photos, a unit's documents). */
export interface CaseAttachment {
  id: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string | null;
}

/** The server's limit on one attachment. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface CaseDetail extends CaseSummary {
  post: {
    id: number;
    source: string;
    url: string | null;
    author: string | null;
    postedAt: string;
    title: string | null;
    body: string;
    /** Masked by the server for those not handling the case. */
    contact: string | null;
  };
  instruction: string | null;
  assignedAt: string | null;
  assignedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgement: string | null;
  /** The latest an extension may reach (the policy's longest reply time after the post). */
  extensionLatest?: string;
  /** The last time a lead unit sent a slip back as not its business (shown when assigning again). */
  lastReturn: { unitName: string | null; at: string; reason: string } | null;
  /** Before a slip: when the unit's reply would be due if it were assigned now. */
  handlingDueIfAssigned?: { normal: string; urgent: string };
  extension: { state: string; reason: string; until: string; comment: string | null } | null;
  replyText: string | null;
  publishedUrl: string | null;
  publishedAt: string | null;
  rating: string | null;
  ratingNote: string | null;
  closedReason: string | null;
  archivedAt: string | null;
  firstResponseMinutes: number | null;
  units: CaseUnit[];
  attachments: CaseAttachment[];
  replies: CaseReply[];
  timeline: CaseEvent[];
  actions: string[];
}

export interface CaseQuery {
  state?: CaseState;
  /** Only cases still owing their public reply (what 舆情态势 counts as 在办). */
  open?: boolean;
  unitId?: number;
  overdue?: boolean;
  urgent?: boolean;
  q?: string;
  /** Slips issued from/to these local dates, both included (the ledger's and reports' period). */
  assignedFrom?: string;
  assignedTo?: string;
  sort?: 'newest' | 'replyDue' | 'handlingDue';
  page?: number;
  pageSize?: number;
}

export interface PostInput {
  source: string;
  url?: string | null;
  author?: string | null;
  postedAt: string;
  title?: string | null;
  body: string;
  contact?: string | null;
}

export function listCases(query: CaseQuery, signal?: AbortSignal): Promise<Page<CaseSummary>> {
  return api<Page<CaseSummary>>('/api/cases', { query: { ...query }, signal });
}

export function getCase(id: number, signal?: AbortSignal): Promise<CaseDetail> {
  return api<CaseDetail>(`/api/cases/${id}`, { signal });
}

export function registerCase(input: { post: PostInput; urgent: boolean }): Promise<CaseDetail> {
  return api<CaseDetail>('/api/cases', { method: 'POST', body: input });
}

/** Uploads one file (multipart field `file`); refused on an archived case. */
export function uploadAttachment(id: number, file: File): Promise<CaseAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<CaseAttachment>(`/api/cases/${id}/attachments`, { method: 'POST', form });
}

export const attachmentUrl = (caseId: number, attachmentId: number): string =>
  `/api/cases/${caseId}/attachments/${attachmentId}`;

/**
 * The request body of each act. Every one carries the `version` the page showed, so that acting
 * on a case someone else has just moved answers 409 instead of acting on what the user did not see.
 */
export interface ActBodies {
  acknowledge: { text?: string };
  assign: {
    instruction: string;
    leadUnitId: number;
    coUnitIds: number[];
    urgent: boolean;
    withinHours?: number;
  };
  close: { reason: string };
  sign: { unitId?: number };
  contribute: { text: string; unitId?: number };
  reply: { text: string };
  'extension.request': { reason: string; until: string };
  'return-slip': { reason: string };
  'withdraw-slip': { reason: string };
  'decline-co': { reason: string; unitId?: number };
  'extension.decide': { granted: boolean; comment?: string };
  approve: { comment?: string };
  return: { comment: string };
  publish: { url: string; publishedAt?: string };
  rate: { rating: Rating; note?: string; reopen?: boolean };
  reopen: { comment?: string };
  urge: { unitId?: number; comment?: string };
  archive: Record<string, never>;
}
export type FormAct = keyof ActBodies;

const ACT_PATHS: Record<FormAct, string> = {
  acknowledge: 'acknowledge',
  assign: 'assign',
  close: 'close',
  sign: 'sign',
  contribute: 'contributions',
  reply: 'reply',
  'extension.request': 'extension',
  'return-slip': 'return-slip',
  'withdraw-slip': 'withdraw-slip',
  'decline-co': 'decline-co',
  'extension.decide': 'extension/decision',
  approve: 'approve',
  return: 'return',
  publish: 'publish',
  rate: 'rating',
  reopen: 'reopen',
  urge: 'urge',
  archive: 'archive',
};

export function isFormAct(act: CaseAct): act is FormAct {
  return Object.hasOwn(ACT_PATHS, act);
}

/**
 * Takes one act; the server answers the case as it now stands, or nothing (204, here null) when
 * the act took the case out of the user's sight: a liaison who sent the slip back, or whose unit
 * left it as a co-unit.
 */
export async function actOnCase<A extends FormAct>(
  id: number,
  act: A,
  body: ActBodies[A],
  version: number,
): Promise<CaseDetail | null> {
  const next = await api<CaseDetail | undefined>(`/api/cases/${id}/${ACT_PATHS[act]}`, {
    method: 'POST',
    body: { ...body, version },
  });
  return next ?? null;
}

export interface SupervisionRow {
  caseId: number;
  version: number;
  slipNo: string | null;
  title: string;
  state: CaseState;
  urgent: boolean;
  unitId: number;
  unitName: string;
  role: 'lead' | 'co';
  signedAt: string | null;
  /** The lead unit has submitted its reply / the co-unit its contribution. */
  done: boolean;
  /** Who holds the case now: the unit itself, the lead unit, the leader (审定), the monitor (发布). */
  waitingOn: 'unit' | 'lead' | 'leader' | 'monitor';
  /** The clock shown: the written reply's (书面回复) or the public reply's (公开答复). */
  deadline: 'handling' | 'reply';
  /** The unit's own part is overdue: the case waits for it and its due time has passed. */
  unitOverdue: boolean;
  dueAt: string;
  level: DeadlineLevel;
  text: string;
  extensionState: string | null;
  urges: number;
}

export function listSupervision(
  query: { unitId?: number; overdue?: boolean; page?: number; pageSize?: number },
  signal?: AbortSignal,
): Promise<Page<SupervisionRow>> {
  return api<Page<SupervisionRow>>('/api/supervision', { query: { ...query }, signal });
}
