import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { IncidentReportKind, IncidentSnapshot } from '../../db/schema-incidents.js';
import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { maskContactsInText } from '../cases/mask-contact.js';
import { incidentFigures } from './incident-figures.js';
import { LEVEL_NAMES, MEASURE_NAMES, TREND_NAMES } from './incident-labels.js';

const SENTIMENT_NAMES = { negative: '负面', neutral: '中性', positive: '正面', unknown: '未判断' };

/** The jurisdiction's place names the linked posts mention, the most mentioned first. */
async function placesOf(db: Kysely<DB>, incidentId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('incident_posts as ip')
    .innerJoin('posts as p', 'p.id', 'ip.post_id')
    .select('p.relevance_terms')
    .where('ip.incident_id', '=', incidentId)
    .execute();
  const places = new Set(
    (
      await db.selectFrom('jurisdiction_terms').select('term').where('kind', '=', 'place').execute()
    ).map((r) => r.term),
  );
  const counts = new Map<string, number>();
  for (const r of rows) {
    for (const term of r.relevance_terms) {
      if (places.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([t]) => t);
}

function spreadText(f: IncidentSnapshot, now: Date): string {
  const sources = f.sources.map((s) => `${s.source} ${s.posts} 条`).join('、');
  const sentiment = (['negative', 'neutral', 'positive', 'unknown'] as const)
    .filter((k) => f.sentiment[k] > 0)
    .map((k) => `${SENTIMENT_NAMES[k]} ${f.sentiment[k]} 条`)
    .join('、');
  const peak = f.volume.reduce<{ day: string; posts: number } | null>(
    (best, d) => (best === null || d.posts > best.posts ? d : best),
    null,
  );
  return (
    `截至 ${formatDateTime(now)}，共监测到相关信息 ${f.posts} 条，分布在 ${f.sources.length} 个来源` +
    (sources ? `（${sources}）` : '') +
    (peak ? `，单日最多 ${peak.posts} 条（${peak.day}）` : '') +
    (sentiment ? `；其中${sentiment}` : '') +
    (f.cases > 0 ? `；已登记办件 ${f.cases} 件` : '') +
    '。'
  );
}

/**
 * A draft of 第一时间报告 or the closing report, composed from the incident's own record (what
 * happened, when, where, spread, level, measures); staff edit it before it is sent.
 */
export async function composeReport(
  ctx: AppContext,
  incidentId: number,
  kind: IncidentReportKind,
): Promise<string> {
  const db = ctx.db;
  const incident = await db
    .selectFrom('incidents as i')
    .innerJoin('users as o', 'o.id', 'i.owner_id')
    .select(['i.id', 'i.title', 'i.summary', 'i.level', 'i.opened_at', 'o.name as owner_name'])
    .where('i.id', '=', incidentId)
    .executeTakeFirst();
  if (!incident) throw notFound('舆情事件');
  const now = ctx.clock.now();
  const [figures, places, measures, first, assessment, earlier] = await Promise.all([
    incidentFigures(db, incidentId, ctx.config.deadlines.timeZone, now),
    placesOf(db, incidentId),
    db
      .selectFrom('incident_measures as m')
      .leftJoin('users as u', 'u.id', 'm.owner_user_id')
      .select(['m.kind', 'm.description', 'm.taken_at', 'm.owner_unit', 'u.name'])
      .where('m.incident_id', '=', incidentId)
      .orderBy('m.taken_at')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('incident_posts as ip')
      .innerJoin('posts as p', 'p.id', 'ip.post_id')
      .select(['p.title', 'p.body', 'p.source', 'p.posted_at'])
      .where('ip.incident_id', '=', incidentId)
      .orderBy('p.posted_at')
      .orderBy('p.id')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('incident_assessments')
      .select(['judgement', 'trend', 'risk_level', 'at'])
      .where('incident_id', '=', incidentId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('incident_reports')
      .select('id')
      .where('incident_id', '=', incidentId)
      .where('kind', '=', 'immediate')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const what =
    incident.summary.trim() ||
    // The report goes to group robots too: a phone number quoted from the post is masked.
    (first
      ? `${first.source}出现反映「${first.title ? maskContactsInText(first.title) : maskContactsInText(first.body).slice(0, 40)}」的信息`
      : '');
  const when = first
    ? `首条相关信息发布于 ${formatDateTime(first.posted_at)}（${first.source}），`
    : '';
  const measureLines = measures.map(
    (m, i) =>
      `${i + 1}. ${formatDateTime(m.taken_at)} ${MEASURE_NAMES[m.kind]}：${m.description}` +
      `（${m.name ?? m.owner_unit ?? ''}）`,
  );
  const lines = [
    kind === 'immediate'
      ? `关于「${incident.title}」舆情的${earlier ? '续报' : '第一时间报告'}`
      : `关于「${incident.title}」舆情处置情况的报告`,
    '',
    `一、基本情况：${what}`,
    `二、发生时间：${when}${formatDateTime(incident.opened_at)} 开启舆情事件处置。`,
    `三、涉及地点：${places.length > 0 ? places.join('、') : '信息中未提及辖区地名，正在核实。'}`,
    `四、传播情况：${spreadText(figures, now)}`,
    `五、事件级别：${LEVEL_NAMES[incident.level]}。负责人：${incident.owner_name}。`,
    kind === 'immediate'
      ? `六、已采取的措施：${measureLines.length > 0 ? '' : '正在核实情况，将及时续报。'}`
      : `六、处置措施：${measureLines.length > 0 ? '' : '（无）'}`,
    ...measureLines,
  ];
  if (kind === 'closing') {
    lines.push(
      assessment
        ? `七、研判结论：${formatDateTime(assessment.at)} 研判，趋势${TREND_NAMES[assessment.trend]}，` +
            `风险等级${LEVEL_NAMES[assessment.risk_level]}。${assessment.judgement}`
        : '七、研判结论：（未作研判）',
      '八、处置结果：',
    );
  }
  return lines.join('\n');
}
