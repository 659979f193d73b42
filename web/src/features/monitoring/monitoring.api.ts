import { api } from '../../app/api';
import type { Page } from '../../app/api';
import type { MessageKey } from '../../app/i18n/i18n';
import type { UrgencyFlag } from '../analysis/analysis.api';

/** Mirrors PostSummary in src/modules/posts/posts.schemas.ts. */
export interface PostSummary {
  id: number;
  source: string;
  sourceKey: string | null;
  title: string | null;
  url: string | null;
  author: string | null;
  postedAt: string;
  relevant: boolean;
  relevanceTerms: string[];
  duplicateOf: number | null;
  duplicateKind: string | null;
  likes: number | null;
  dislikes: number | null;
  caseId: number | null;
  /** Analysis: null until the post has been analysed. */
  category: string | null;
  sentiment: PostSentiment | null;
  urgent: boolean;
  signals: UrgencyFlag[];
  /** 研判: 已阅 / 不予处理; null while nobody has marked it. */
  review: 'read' | 'dismissed' | null;
  excerpt: string;
  /** HTML-escaped text with the matched words in <mark>…</mark>; null without a query. */
  highlight: string | null;
  rank: number | null;
}

export const POST_SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type PostSentiment = (typeof POST_SENTIMENTS)[number];
export const SENTIMENT_LABELS: Record<PostSentiment, MessageKey> = {
  negative: 'situation.sentiment.negative',
  neutral: 'situation.sentiment.neutral',
  positive: 'situation.sentiment.positive',
};

export interface PostQuery {
  q?: string;
  source?: string;
  from?: string;
  to?: string;
  relevant?: 'true' | 'false' | 'all';
  duplicates?: 'show' | 'hide';
  review?: PostReviewFilter;
  /** From the situation charts: a category id, a sentiment, urgency, a place term. */
  category?: number;
  sentiment?: PostSentiment;
  urgent?: boolean;
  place?: string;
  topic?: number;
  /** From a daily report's charts: collected (入库) in [collectedFrom, collectedTo). */
  collectedFrom?: string;
  collectedTo?: string;
  sort?: 'time' | 'relevance';
  page: number;
  pageSize: number;
}

/** Past SEARCH_WINDOW matches the total is an estimate and only the newest ones can be paged. */
export const SEARCH_WINDOW = 500;
export type PostSearchPage = Page<PostSummary> & { estimated: boolean };

/** Mirrors PostSourceOption in src/modules/posts/posts.schemas.ts. */
export interface PostSourceOption {
  key: string;
  name: string;
  kind: string;
  enabled: boolean;
}

export function listPostSources(signal?: AbortSignal): Promise<PostSourceOption[]> {
  return api<PostSourceOption[]>('/api/posts/sources', { signal });
}

/** Mirrors PostCategoryOption in src/modules/posts/posts.schemas.ts. */
export interface PostCategoryOption {
  id: number;
  name: string;
  active: boolean;
}

export function listPostCategories(signal?: AbortSignal): Promise<PostCategoryOption[]> {
  return api<PostCategoryOption[]>('/api/posts/categories', { signal });
}

export function searchPosts(query: PostQuery, signal?: AbortSignal): Promise<PostSearchPage> {
  return api<PostSearchPage>('/api/posts', { query: { ...query }, signal });
}

export const POST_REVIEW_FILTERS = ['pending', 'read', 'dismissed'] as const;
export type PostReviewFilter = (typeof POST_REVIEW_FILTERS)[number];

/** 研判 in a batch: 已阅, 不予处理, or back to 待研判 ('pending'). */
export function reviewPosts(ids: number[], review: PostReviewFilter): Promise<{ updated: number }> {
  return api<{ updated: number }>('/api/posts/review', { method: 'POST', body: { ids, review } });
}

export function registerPost(postId: number): Promise<{ id: number }> {
  return api<{ id: number }>('/api/cases', { method: 'POST', body: { postId } });
}

export const TERM_KINDS = ['place', 'unit', 'keyword'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export interface JurisdictionTerm {
  id: number;
  term: string;
  kind: TermKind;
  createdAt: string;
}

/** rejudging: the posts already stored are being judged again by the changed dictionary. */
export function listTerms(
  signal?: AbortSignal,
): Promise<{ items: JurisdictionTerm[]; rejudging: boolean }> {
  return api<{ items: JurisdictionTerm[]; rejudging: boolean }>('/api/jurisdiction-terms', {
    signal,
  });
}

export function addTerm(input: { term: string; kind: TermKind }): Promise<JurisdictionTerm> {
  return api<JurisdictionTerm>('/api/jurisdiction-terms', { method: 'POST', body: input });
}

export function deleteTerm(id: number): Promise<void> {
  return api<void>(`/api/jurisdiction-terms/${id}`, { method: 'DELETE' });
}

/** All or none: a term deleted meanwhile by someone else refuses the whole batch (404). */
export function deleteTerms(ids: number[]): Promise<{ deleted: number }> {
  return api<{ deleted: number }>('/api/jurisdiction-terms/bulk-delete', {
    method: 'POST',
    body: { ids },
  });
}
