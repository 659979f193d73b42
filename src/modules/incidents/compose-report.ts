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

/**
 * 人员伤亡: what the linked posts say of people killed, hurt or trapped (the 人员伤亡/被困 urgency
 * signal), which a first report must state even before it is verified.
 */
async function casualtyText(db: Kysely<DB>, incidentId: number): Promise<string> {
  const rows = await db
    .selectFrom('incident_posts as ip')
    .innerJoin('posts as p', 'p.id', 'ip.post_id')
    .select('p.urgency')
    .where('ip.incident_id', '=', incidentId)
    .execute();
  const words = new Set<string>();
  let posts = 0;
  for (const row of rows) {
    const found = storedSignals(row.urgency).filter((s) => s.kind === 'casualty');
    if (found.length === 0) continue;
    posts += 1;
    for (const s of found) for (const w of s.words ?? []) words.add(w);
  }
  return posts > 0
    ? `网民信息中有 ${posts} 条提及人员伤亡或被困（${[...words].join('、')}），具体情况正在核实。`
    : '相关信息未提及人员伤亡或被困，正在核实。';
}

/** The signals as stored on a post (jsonb, parsed or as text), with their kind. */
function storedSignals(value: unknown): { kind?: string; words?: string[] }[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : value) as unknown;
  return Array.isArray(list) ? (list as { kind?: string; words?: string[] }[]) : [];
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
      .select(['id', 'sent_at'])
      .where('incident_id', '=', incidentId)
      .where('kind', '=', 'immediate')
      .orderBy('sent_at')
      .orderBy('id')
      .execute(),
  ]);
  const firstReport = earlier[0];
  const lastReport = earlier.at(-1);
  const casualties = await casualtyText(db, incidentId);
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
  const place = `涉及地点：${places.length > 0 ? places.join('、') : '信息中未提及辖区地名，正在核实。'}`;
  if (kind === 'immediate') {
    const lines = [
      `关于「${incident.title}」舆情的${firstReport ? '续报' : '第一时间报告'}`,
      '',
      ...(firstReport && lastReport
        ? [
            await progressText(
              ctx,
              incidentId,
              firstReport.sent_at,
              lastReport.sent_at,
              earlier.length,
            ),
            '',
          ]
        : []),
      `一、基本情况：${what}`,
      `二、发生时间：${when}${formatDateTime(incident.opened_at)} 开启舆情事件处置。`,
      `三、${place}`,
      `四、人员伤亡：${casualties}`,
      `五、传播情况：${spreadText(figures, now)}`,
      `六、事件级别：${LEVEL_NAMES[incident.level]}。负责人：${incident.owner_name}。`,
      `七、已采取的措施：${measureLines.length > 0 ? '' : '正在核实情况，将及时续报。'}`,
      ...measureLines,
    ];
    return lines.join('\n');
  }
  const lines = [
    `关于「${incident.title}」舆情处置情况的报告`,
    '',
    `一、基本情况：${what}`,
    `二、发生时间：${when}${formatDateTime(incident.opened_at)} 开启舆情事件处置。`,
    `三、${place}`,
    `四、传播情况：${spreadText(figures, now)}`,
    `五、事件级别：${LEVEL_NAMES[incident.level]}。负责人：${incident.owner_name}。`,
    `六、处置措施：${measureLines.length > 0 ? '' : '（无）'}`,
    ...measureLines,
  ];
  lines.push(
    assessment
      ? `七、研判结论：${formatDateTime(assessment.at)} 研判，趋势${TREND_NAMES[assessment.trend]}，` +
          `风险等级${LEVEL_NAMES[assessment.risk_level]}。${assessment.judgement}`
      : '七、研判结论：（未作研判）',
    '八、处置结果：',
  );
  return lines.join('\n');
}

/**
 * The opening of a 续报: which 首报 it follows, and what is new since the last report (posts,
 * measures, posts telling of casualties), so that the leaders read the change first.
 */
async function progressText(
  ctx: AppContext,
  incidentId: number,
  firstSentAt: Date,
  lastSentAt: Date,
  sent: number,
): Promise<string> {
  const [posts, measures, casualties] = await Promise.all([
    ctx.db
      .selectFrom('incident_posts as ip')
      .innerJoin('posts as p', 'p.id', 'ip.post_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ip.incident_id', '=', incidentId)
      .where('ip.added_at', '>', lastSentAt)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('incident_measures')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('incident_id', '=', incidentId)
      .where('taken_at', '>', lastSentAt)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('incident_posts as ip')
      .innerJoin('posts as p', 'p.id', 'ip.post_id')
      .select('p.urgency')
      .where('ip.incident_id', '=', incidentId)
      .where('ip.added_at', '>', lastSentAt)
      .execute(),
  ]);
  const hurt = casualties.filter((r) =>
    storedSignals(r.urgency).some((s) => s.kind === 'casualty'),
  ).length;
  const since = sent > 1 ? `上次报告（${formatDateTime(lastSentAt)}）` : '首报';
  return (
    `接 ${formatDateTime(firstSentAt)} 首报，现第 ${sent} 次续报如下。` +
    `自${since}以来，新增相关信息 ${Number(posts.n)} 条` +
    (hurt > 0 ? `（其中 ${hurt} 条提及人员伤亡或被困）` : '') +
    `，新采取措施 ${Number(measures.n)} 项。`
  );
}
