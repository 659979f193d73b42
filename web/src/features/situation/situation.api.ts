import { api } from '../../app/api';

export type Sentiment = 'negative' | 'neutral' | 'positive';
export type AlertLevel = 'blue' | 'yellow' | 'orange' | 'red';

/** Mirrors Series in src/modules/analysis/situation/situation.schemas.ts. */
export interface Series {
  /** What the posts page filters by: a source key, a category id, a sentiment. */
  key: string;
  name: string;
  total: number;
  /** One count per day of `Situation.days`. */
  counts: number[];
}

export interface HotTopic {
  id: number;
  label: string;
  keywords: string[];
  size: number;
  heat: number;
  lastAt: string;
  burst: boolean;
}

export interface ActiveAlert {
  id: number;
  ruleName: string;
  level: AlertLevel;
  matchedCount: number;
  triggeredAt: string;
}

/** Mirrors Situation in src/modules/analysis/situation/situation.schemas.ts. */
export interface Situation {
  from: string;
  to: string;
  generatedAt: string;
  days: string[];
  totals: {
    posts: number;
    negative: number;
    urgent: number;
    openCases: number;
    overdueCases: number;
    activeAlerts: number;
  };
  bySource: Series[];
  byCategory: Series[];
  bySentiment: (Series & { key: Sentiment })[];
  keywords: { word: string; count: number }[];
  places: { place: string; count: number }[];
  openCasesByUnit: { unitId: number; unitName: string; count: number }[];
  hotTopics: HotTopic[];
  alerts: {
    byLevel: { level: AlertLevel; count: number }[];
    newest: ActiveAlert[];
  };
}

export function getSituation(
  range: { from: string; to: string },
  signal?: AbortSignal,
): Promise<Situation> {
  return api<Situation>('/api/analysis/situation', { query: range, signal });
}

/**
 * The posts behind a chart element on 舆情信息, for the period shown: the filters go in the
 * address, which the posts page reads (and shows as removable tags).
 */
export function postsPath(
  range: { from: string; to: string },
  filter: Partial<Record<'source' | 'category' | 'sentiment' | 'urgent' | 'place' | 'q', string>>,
): string {
  const params = new URLSearchParams({ ...filter, from: range.from, to: range.to });
  return `/monitoring?${params.toString()}`;
}
