import { api } from '../../app/api';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface UnitSuggestion {
  unitId: number;
  unitName: string;
  score: number;
  reasons: string[];
}

/** An urgency signal with the words that raised it. */
export interface UrgencyFlag {
  label: string;
  urgent: boolean;
  words: string[];
}

export interface CaseAnalysis {
  postId: number;
  category: { id: number; name: string; confidence: number | null; confirmed: boolean } | null;
  sentiment: { label: SentimentLabel; score: number | null } | null;
  urgent: boolean;
  signals: UrgencyFlag[];
  suggestions: UnitSuggestion[];
}

export interface Category {
  id: number;
  name: string;
  modelLabel: string | null;
  active: boolean;
  position: number;
  confirmed: number;
}

export interface CategoryModelRun {
  id: number;
  status: 'queued' | 'running' | 'ok' | 'failed';
  trigger: 'manual' | 'schedule';
  requestedBy: string | null;
  requestedAt: string;
  finishedAt: string | null;
  samples: number;
  counts: Record<string, number>;
  holdoutAccuracy: number | null;
  baselineAccuracy: number | null;
  error: string | null;
  inUse: boolean;
}

export const getCaseAnalysis = (caseId: number, signal?: AbortSignal) =>
  api<CaseAnalysis>(`/api/cases/${caseId}/analysis`, { signal });

export const listCategories = (signal?: AbortSignal) =>
  api<{ items: Category[] }>('/api/categories', { signal }).then((r) => r.items);

export const createCategory = (name: string) =>
  api<Category>('/api/categories', { method: 'POST', body: { name } });

export const updateCategory = (id: number, body: { name?: string; active?: boolean }) =>
  api<Category>(`/api/categories/${id}`, { method: 'PATCH', body });

export const confirmCategory = (postId: number, categoryId: number) =>
  api<null>(`/api/posts/${postId}/category`, { method: 'PUT', body: { categoryId } });

export const listCategoryModels = (signal?: AbortSignal) =>
  api<{ items: CategoryModelRun[] }>('/api/category-models', { signal }).then((r) => r.items);

export const requestRetrain = () =>
  api<CategoryModelRun>('/api/category-models', { method: 'POST' });

export const SENTIMENT_COLORS: Record<SentimentLabel, string> = {
  negative: 'red',
  neutral: 'default',
  positive: 'green',
};
