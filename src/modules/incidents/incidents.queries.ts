import { sql, type Kysely } from 'kysely';
import { paginate, type PageResult } from '../../db/paginate.js';
import { containsPattern } from '../../db/like.js';
import type { DB } from '../../db/schema.js';
import { deadlineLevel, remainingText } from '../../lib/calendar.js';
import { PERMISSION_ROLES } from '../access/roles.js';
import { incidentFigures } from './incident-figures.js';
import { FIRST_REPORT_MINUTES } from './incident-labels.js';
import type {
  IncidentDetail,
  IncidentListQuery,
  IncidentSummary,
  LinkedPost,
} from './incidents.schemas.js';
import { postFields } from './suggest-posts.js';
import { titleOf } from '../cases/cases.queries.js';
import { maskContactsInText } from '../cases/mask-contact.js';

const iso = (v: Date | string) => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));

function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('users as o', 'o.id', 'i.owner_id')
    .leftJoin('users as ob', 'ob.id', 'i.opened_by')
    .select([
      'i.id',
      'i.version',
      'i.title',
      'i.level',
      'i.status',
      'i.owner_id',
      'o.name as owner_name',
      'i.opened_at',
      'ob.name as opened_by_name',
      'i.closed_at',
      'i.topic_id',
      sql<string>`(select count(*) from incident_posts ip where ip.incident_id = i.id)`.as('posts'),
      sql<string>`(select count(*) from incident_cases ic where ic.incident_id = i.id)`.as('cases'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const summary = (r: SummaryRow): IncidentSummary => ({
  id: r.id,
  version: r.version,
  title: r.title,
  level: r.level,
  status: r.status,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  openedAt: iso(r.opened_at),
  openedByName: r.opened_by_name,
  closedAt: isoOrNull(r.closed_at),
  topicId: r.topic_id,
  postCount: Number(r.posts),
  caseCount: Number(r.cases),
});

/** 舆情事件 list: open ones first, then the newest; filtered by status, level and title. */
export async function listIncidents(
  db: Kysely<DB>,
  query: IncidentListQuery,
): Promise<PageResult<IncidentSummary>> {
  let q = summaryQuery(db);
  if (query.status) q = q.where('i.status', '=', query.status);
  if (query.level) q = q.where('i.level', '=', query.level);
  const text = query.q?.trim();
  if (text) q = q.where('i.title', 'ilike', containsPattern(text));
  return paginate(
    q
      .orderBy(sql`case when i.status = 'open' then 0 else 1 end`)
      .orderBy('i.opened_at', 'desc')
      .orderBy('i.id', 'desc'),
    query,
    summary,
  );
}

/** Everything the incident page shows but the posts (paged apart: a topic may bring hundreds). */
export async function getIncident(
  db: Kysely<DB>,
  id: number,
  timeZone: string,
  now: Date,
): Promise<IncidentDetail | null> {
  const row = await summaryQuery(db)
    .leftJoin('users as cb', 'cb.id', 'i.closed_by')
    .leftJoin('topics as t', 't.id', 'i.topic_id')
    .select([
      'i.summary',
      'i.keywords',
      'i.closing_report',
      'i.updated_at',
      'cb.name as closed_by_name',
      't.label as topic_label',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const [figures, cases, events, assessments, measures, reports] = await Promise.all([
    incidentFigures(db, id, timeZone, now),
    db
      .selectFrom('incident_cases as ic')
      .innerJoin('cases as c', 'c.id', 'ic.case_id')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['c.id', 'c.slip_no', 'c.state', 'p.title', 'p.body', 'ic.added_at'])
      .where('ic.incident_id', '=', id)
      .orderBy('ic.added_at')
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('incident_events')
      .select(['id', 'kind', 'text', 'actor_name', 'at'])
      .where('incident_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('incident_assessments as a')
      .leftJoin('users as u', 'u.id', 'a.assessor_id')
      .select(['a.id', 'a.at', 'u.name', 'a.judgement', 'a.trend', 'a.risk_level', 'a.snapshot'])
      .where('a.incident_id', '=', id)
      .orderBy('a.at')
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('incident_measures as m')
      .leftJoin('users as u', 'u.id', 'm.owner_user_id')
      .leftJoin('users as r', 'r.id', 'm.recorded_by')
      .select([
        'm.id',
        'm.kind',
        'm.description',
        'm.taken_at',
        'm.owner_user_id',
        'm.owner_unit',
        'u.name as owner_name',
        'm.url',
        'r.name as recorded_by_name',
        'm.recorded_at',
      ])
      .where('m.incident_id', '=', id)
      .orderBy('m.taken_at')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('incident_reports as r')
      .leftJoin('users as u', 'u.id', 'r.sent_by')
      .select(['r.id', 'r.kind', 'r.text', 'r.sent_at', 'u.name', 'r.recipients'])
      .where('r.incident_id', '=', id)
      .orderBy('r.sent_at')
      .orderBy('r.id')
      .execute(),
  ]);
  const firstDue =
    row.status === 'open' && !reports.some((r) => r.kind === 'immediate')
      ? FIRST_REPORT_MINUTES[row.level]
      : undefined;
  const due = firstDue === undefined ? null : new Date(row.opened_at.getTime() + firstDue * 60_000);
  return {
    ...summary(row),
    firstReportClock: due
      ? { dueAt: due.toISOString(), level: deadlineLevel(due, now), text: remainingText(due, now) }
      : null,
    summary: row.summary,
    keywords: row.keywords,
    topic:
      row.topic_id !== null && row.topic_label !== null
        ? { id: row.topic_id, label: row.topic_label }
        : null,
    closedByName: row.closed_by_name,
    closingReport: row.closing_report,
    updatedAt: iso(row.updated_at),
    figures,
    cases: cases.map((c) => ({
      id: c.id,
      slipNo: c.slip_no,
      title: titleOf(c.title, c.body),
      state: c.state,
      addedAt: iso(c.added_at),
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      text: e.text,
      actorName: e.actor_name,
      at: iso(e.at),
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      at: iso(a.at),
      assessorName: a.name,
      judgement: a.judgement,
      trend: a.trend,
      riskLevel: a.risk_level,
      snapshot: a.snapshot,
    })),
    measures: measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      description: m.description,
      takenAt: iso(m.taken_at),
      ownerUserId: m.owner_user_id,
      ownerName: [m.owner_unit, m.owner_name].filter(Boolean).join(' '),
      url: m.url,
      recordedByName: m.recorded_by_name,
      recordedAt: iso(m.recorded_at),
    })),
    reports: reports.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      sentAt: iso(r.sent_at),
      sentByName: r.name,
      recipients: r.recipients,
    })),
  };
}

/** The linked posts, newest first, paged. */
export async function listIncidentPosts(
  db: Kysely<DB>,
  id: number,
  query: { page?: number | undefined; pageSize?: number | undefined },
  text: (text: string) => string = maskContactsInText,
): Promise<PageResult<LinkedPost>> {
  return paginate(
    db
      .selectFrom('incident_posts as ip')
      .innerJoin('posts as p', 'p.id', 'ip.post_id')
      .leftJoin('users as u', 'u.id', 'ip.added_by')
      .select([
        'p.id',
        'p.source',
        'p.title',
        'p.body',
        'p.url',
        'p.posted_at',
        'p.sentiment',
        'p.duplicate_of',
        sql<number | null>`(select max(c.id) from cases c where c.post_id = p.id)`.as('case_id'),
        'ip.how',
        'ip.added_at',
        'u.name as added_by_name',
      ])
      .where('ip.incident_id', '=', id)
      .orderBy('p.posted_at', 'desc')
      .orderBy('p.id', 'desc'),
    query,
    (r): LinkedPost => ({
      ...postFields(r, text),
      how: r.how,
      addedAt: iso(r.added_at),
      addedByName: r.added_by_name,
    }),
  );
}

/** Who may own an incident: the active users who may work incidents. */
export async function listOwners(db: Kysely<DB>) {
  const roles: readonly string[] = PERMISSION_ROLES['incidents.manage'];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'roles'])
    .where('active', '=', true)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, roles: r.roles }));
}
