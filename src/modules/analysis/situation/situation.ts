import type { Kysely } from 'kysely';
import type { DB, Sentiment } from '../../../db/schema.js';
import { localDate } from '../../../lib/calendar.js';
import type { Actor } from '../../access/actor.js';
import { listCases } from '../../cases/cases.queries.js';
import { periodOf } from '../../cases/stats/period.js';
import { isKeyword } from '../../../nlp/keywords.js';
import { activeAlerts, hotTopics } from './situation-extras.js';
import type { Series, Situation, SituationQuery } from './situation.schemas.js';
import {
  categoryNames,
  keywordCounts,
  openCaseCount,
  openCasesByUnit,
  placeCounts,
  sourceNames,
  volumeRows,
  type VolumeRow,
} from './situation.queries.js';

const DAY = 86_400_000;
/** Without dates: the last 30 days, today included. */
export const DEFAULT_DAYS = 30;
/** Key words are counted over at most this many of the period's newest posts. */
export const KEYWORD_SCAN = 5_000;
const KEYWORDS = 15;
const PLACES = 20;

export const SENTIMENT_NAMES: Record<Sentiment, string> = {
  negative: '负面',
  neutral: '中性',
  positive: '正面',
};
const SENTIMENTS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Rows grouped by `keyOf` into series over the days, largest first; null keys are left out. */
function seriesBy(
  rows: readonly VolumeRow[],
  days: readonly string[],
  keyOf: (r: VolumeRow) => string | null,
  nameOf: (key: string) => string,
): Series[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const byKey = new Map<string, Series>();
  for (const r of rows) {
    const key = keyOf(r);
    const i = index.get(r.day);
    if (key === null || i === undefined) continue;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { key, name: nameOf(key), total: 0, counts: days.map(() => 0) }));
    s.total += r.posts;
    s.counts[i] = (s.counts[i] ?? 0) + r.posts;
  }
  return [...byKey.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

/**
 * 舆情态势: what a leader takes in at a glance, for a period of whole local days: the volume of
 * relevant posts by source, category and sentiment, key words, places, hot topics; and, as of
 * now, open and overdue cases and active alerts.
 */
export async function situation({
  db,
  actor,
  query,
  now,
  timeZone,
}: {
  db: Kysely<DB>;
  actor: Actor;
  query: SituationQuery;
  now: Date;
  timeZone: string;
}): Promise<Situation> {
  const to = query.to ?? localDate(now, timeZone);
  const from = query.from ?? addDays(to, 1 - DEFAULT_DAYS);
  const period = periodOf({ from, to }, now, timeZone);
  const scope = { start: period.start, end: period.end };
  const days = daysOf(period.from, period.to);

  const rows = await volumeRows(db, scope, timeZone);
  const [sources, categories, keywords, places, openCases, byUnit, overdue, topics, alerts] =
    await Promise.all([
      sourceNames(db, scope, [...new Set(rows.map((r) => r.sourceKey))]),
      categoryNames(db),
      keywordCounts(db, scope, { scan: KEYWORD_SCAN, limit: KEYWORDS * 10 }),
      placeCounts(db, scope, PLACES),
      openCaseCount(db),
      openCasesByUnit(db),
      // The cases list's own 超期 filter, so the figure and the list it links to agree.
      listCases(db, actor, { overdue: true, pageSize: 1 }, now),
      hotTopics(db, scope, 10, now),
      activeAlerts(db, 5),
    ]);

  const sum = (pick: (r: VolumeRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    days,
    totals: {
      posts: sum((r) => r.posts),
      negative: sum((r) => (r.sentiment === 'negative' ? r.posts : 0)),
      urgent: sum((r) => r.urgent),
      openCases,
      overdueCases: overdue.total,
      activeAlerts: alerts.byLevel.reduce((n, l) => n + l.count, 0),
    },
    bySource: seriesBy(
      rows,
      days,
      (r) => r.sourceKey,
      (key) => sources.get(key) ?? (key || '未知来源'),
    ),
    byCategory: seriesBy(
      rows,
      days,
      (r) => (r.categoryId === null ? null : String(r.categoryId)),
      (key) => categories.get(Number(key)) ?? key,
    ),
    // Always all three, in their fixed order, so a pie keeps its colours.
    bySentiment: SENTIMENTS.map((s) => {
      const found = seriesBy(
        rows.filter((r) => r.sentiment === s),
        days,
        () => s,
        () => SENTIMENT_NAMES[s],
      )[0];
      return found ?? { key: s, name: SENTIMENT_NAMES[s], total: 0, counts: days.map(() => 0) };
    }),
    keywords: keywords.filter((k) => isKeyword(k.word)).slice(0, KEYWORDS),
    places,
    openCasesByUnit: byUnit,
    hotTopics: topics,
    alerts,
  };
}
