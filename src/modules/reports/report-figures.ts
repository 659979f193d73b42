import type { Sentiment } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import {
  categoryNames,
  manualSourceCounts,
  sourceNames,
  volumeRows,
} from '../analysis/situation/situation.queries.js';
import { briefTotals } from '../info-reports/info-reports.queries.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import { unitStats, type UnitStatsRow } from '../cases/stats/unit-stats.js';
import {
  caseCounts,
  dutyShifts,
  firstResponse,
  incidentCounts,
  incidentList,
  notablePosts,
  reviewCounts,
  tableExists,
  topTopics,
} from './report-figures.queries.js';
import {
  addDate,
  instantsOf,
  previousPeriod,
  type DailySpan,
  type ReportKind,
} from './report-period.js';
import { localDate } from '../../lib/calendar.js';
import type { Count, PreviousFigures, ReportFigures, UnitRank } from './report.schemas.js';

export const SENTIMENT_LABELS: Record<Sentiment | 'unknown', string> = {
  negative: '负面',
  neutral: '中性',
  positive: '正面',
  unknown: '未判断',
};

export const INCIDENT_LEVEL_LABELS: Record<string, string> = {
  general: '一般',
  major: '较大',
  serious: '重大',
  critical: '特别重大',
};

const TOP_TOPICS = 5;
const NOTABLE = 5;
const LISTED_INCIDENTS = 10;

function counted(map: Map<string, number>, name: (key: string) => string): Count[] {
  return [...map.entries()]
    .map(([key, count]) => ({ key, name: name(key), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
}

const bump = (map: Map<string, number>, key: string, n: number) =>
  map.set(key, (map.get(key) ?? 0) + n);

/**
 * 单位排名: the units that received slips in the period, the best on-time rate first, then fewer
 * late, then more received. Units with nothing judged yet (all pending) come last.
 */
export function rankUnits(rows: readonly UnitStatsRow[]): UnitRank[] {
  const ranked = rows
    .filter((u) => u.received > 0)
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        a.late - b.late ||
        b.received - a.received ||
        a.unitName.localeCompare(b.unitName, 'zh'),
    );
  return ranked.map((u, i) => ({
    rank: i + 1,
    unitId: u.unitId,
    unitName: u.unitName,
    received: u.received,
    onTime: u.onTime,
    late: u.late,
    pending: u.pending,
    extended: u.extended,
    overdueNow: u.overdueNow,
    averageHours: u.averageHours,
    onTimeRate: u.onTimeRate,
  }));
}

/**
 * Every figure of one report over a period of local dates, as the database says at `now`:
 * posts by source, category, sentiment and day; cases and first response; the units' slips
 * (the per-unit ledger's definitions, unit-stats.ts); incidents by level; top topics; notable
 * posts; briefs submitted (信息报送); and for a daily report the day's duty roster and the
 * 研判 of its posts (reviewCounts). A daily report
 * counts over its `span` (dailySpan), its posts by when they were collected.
 */
export async function reportFigures(
  ctx: AppContext,
  kind: ReportKind,
  range: { from: string; to: string },
  now: Date = ctx.clock.now(),
  span: DailySpan | null = null,
): Promise<ReportFigures> {
  const db = ctx.db;
  const timeZone = ctx.config.deadlines.timeZone;
  const period = span
    ? { ...range, start: span.start, end: span.end, collected: true }
    : instantsOf(range, timeZone);

  const volume = await volumeRows(db, period, timeZone);
  const bySource = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const bySentiment = new Map<string, number>();
  const byDay = new Map<string, number>();
  let total = 0;
  let urgent = 0;
  for (const r of volume) {
    total += r.posts;
    urgent += r.urgent;
    bump(bySource, r.sourceKey, r.posts);
    bump(byCategory, r.categoryId === null ? '' : String(r.categoryId), r.posts);
    bump(bySentiment, r.sentiment ?? 'unknown', r.posts);
    bump(byDay, r.day, r.posts);
  }
  const sources = await sourceNames(db, period, [...bySource.keys()]);
  // Registered by hand: counted under the source the monitor named, together with a configured
  // source of that name.
  if (bySource.delete('manual')) {
    const byName = new Map([...sources].map(([key, name]) => [name, key]));
    for (const { source, posts } of await manualSourceCounts(db, period)) {
      const name = source || '人工登记';
      const key = byName.get(name) ?? `manual:${name}`;
      sources.set(key, name);
      bump(bySource, key, posts);
    }
  }
  const categories = await categoryNames(db);
  const days: { date: string; count: number }[] = [];
  // A period not over yet counts up to today: no rows of 0 for days still to come.
  const today = localDate(now, timeZone);
  const first = span ? localDate(span.start, timeZone) : range.from;
  const last = span ? localDate(new Date(span.end.getTime() - 1), timeZone) : range.to;
  for (let d = first; d <= last && d <= today; d = addDate(d, 1)) {
    days.push({ date: d, count: byDay.get(d) ?? 0 });
  }

  const stats = await unitStats(db, period, now);
  const hasIncidents = await tableExists(db, 'incidents');
  const incidents = hasIncidents ? await incidentCounts(db, period) : null;
  const incidentRows = hasIncidents ? await incidentList(db, period, LISTED_INCIDENTS) : [];
  const briefs = (await tableExists(db, 'info_briefs')) ? await briefTotals(db, period) : null;

  return {
    kind,
    from: range.from,
    to: range.to,
    span: span && {
      start: span.start.toISOString(),
      end: span.end.toISOString(),
      name: span.name,
    },
    generatedAt: now.toISOString(),
    orgName: await loadOrgName(db),
    posts: {
      total,
      negative: bySentiment.get('negative') ?? 0,
      urgent,
      bySource: counted(bySource, (k) => sources.get(k) ?? (k || '未知来源')),
      byCategory: counted(byCategory, (k) =>
        k === '' ? '未分类' : (categories.get(Number(k)) ?? '未分类'),
      ),
      bySentiment: (['negative', 'neutral', 'positive', 'unknown'] as const).map((s) => ({
        key: s,
        name: SENTIMENT_LABELS[s],
        count: bySentiment.get(s) ?? 0,
      })),
      byDay: days,
    },
    cases: {
      ...(await caseCounts(db, period)),
      firstResponse: await firstResponse(db, period),
      slips: stats.totals,
    },
    units: rankUnits(stats.units),
    incidents: incidents && {
      opened: [...incidents.byLevel.values()].reduce((a, b) => a + b, 0),
      closed: incidents.closed,
      byLevel: Object.entries(INCIDENT_LEVEL_LABELS).map(([key, name]) => ({
        key,
        name,
        count: incidents.byLevel.get(key) ?? 0,
      })),
      list: incidentRows,
    },
    briefs,
    topics: await topTopics(db, period, TOP_TOPICS),
    notable: {
      mostLiked: await notablePosts(db, period, 'mostLiked', NOTABLE),
      urgent: await notablePosts(db, period, 'urgent', NOTABLE),
      negative: await notablePosts(db, period, 'negative', NOTABLE),
    },
    duty: kind === 'daily' ? { shifts: await dutyShifts(db, period) } : null,
    review: kind === 'daily' ? await reviewCounts(db, period, now) : null,
    previous: kind === 'daily' ? null : await previousFigures(ctx, kind, range, now),
  };
}

/**
 * 环比: the period before, counted as this one is (the posts 舆情态势 counts, by when posted; the
 * cases registered). While this period is not over, only as much of the previous one as has
 * passed of this one (上周同期): a Wednesday's weekly report is compared with last Monday to
 * Wednesday at the same hour, not with a whole week.
 */
export async function previousFigures(
  ctx: AppContext,
  kind: ReportKind,
  range: { from: string; to: string },
  now: Date,
): Promise<PreviousFigures> {
  const timeZone = ctx.config.deadlines.timeZone;
  const current = instantsOf(range, timeZone);
  const full = instantsOf(previousPeriod(kind, range.from), timeZone);
  const partial = now < current.end;
  const end = partial
    ? new Date(
        Math.min(
          full.start.getTime() + Math.max(0, now.getTime() - current.start.getTime()),
          full.end.getTime(),
        ),
      )
    : full.end;
  const period = { ...full, end };
  let posts = 0;
  let negative = 0;
  for (const r of await volumeRows(ctx.db, period, timeZone)) {
    posts += r.posts;
    if (r.sentiment === 'negative') negative += r.posts;
  }
  return {
    from: full.from,
    to: partial
      ? localDate(new Date(Math.max(end.getTime() - 1, full.start.getTime())), timeZone)
      : full.to,
    partial,
    posts,
    negative,
    registered: (await caseCounts(ctx.db, period)).registered,
  };
}
