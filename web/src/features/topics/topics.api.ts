import { api } from '../../app/api';
import type { Page } from '../../app/api';

/** Mirrors TopicSummary in src/modules/analysis/topics/topics.schemas.ts. */
export interface TopicSummary {
  id: number;
  /** The title of the post nearest the topic's centre. */
  label: string;
  keywords: string[];
  size: number;
  likes: number;
  replies: number;
  /** The heat index now. */
  heat: number;
  firstAt: string;
  lastAt: string;
  burstAt: string | null;
  burstRatio: number | null;
}

export interface TopicPost {
  id: number;
  source: string;
  title: string | null;
  excerpt: string;
  url: string | null;
  postedAt: string;
  likes: number | null;
  duplicateOf: number | null;
}

/** Mirrors TopicDetail in src/modules/analysis/topics/topics.schemas.ts. */
export interface TopicDetail extends TopicSummary {
  representativePostId: number | null;
  volume: { day: string; posts: number }[];
  posts: Page<TopicPost>;
}

export interface TopicQuery {
  from?: string;
  to?: string;
  burst?: 'true';
  minSize?: number;
  page: number;
  pageSize: number;
}

export function listTopics(query: TopicQuery, signal?: AbortSignal): Promise<Page<TopicSummary>> {
  return api<Page<TopicSummary>>('/api/topics', { query: { ...query }, signal });
}

export function getTopic(
  id: number,
  page: { page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<TopicDetail> {
  return api<TopicDetail>(`/api/topics/${id}`, { query: { ...page }, signal });
}

/** 舆情信息 filtered to one topic: every post of it, near-duplicates and posts outside the jurisdiction too. */
export const topicPostsHref = (id: number) =>
  `/monitoring?topic=${id}&relevant=all&duplicates=show`;
