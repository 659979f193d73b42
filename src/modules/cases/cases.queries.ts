import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { CasesTable, DB } from '../../db/schema.js';
import { containsPattern } from '../../db/like.js';
import type { PageResult } from '../../db/paginate.js';
import type { DeadlinePolicy } from '../../config.js';
import { deadlineLevel, remainingText } from '../../lib/calendar.js';
import { AppError } from '../../server/errors.js';
import { can, unitScope, type Actor } from '../access/actor.js';
import { canTransition, EVENT_LABELS, OPEN_STATES, type CaseAction } from './case-status.js';
import type { CaseDetail, CaseListQuery, CaseSummary } from './cases.schemas.js';
import { extensionStillOpen, handlingDue, latestReplyDue } from './deadlines.js';
import { maskContact, maskContactsInText, seesContacts } from './mask-contact.js';
import { nextDate, startOfLocalDay } from './stats/period.js';

export type CaseRow = Selectable<CasesTable>;

function clock(due: Date | null, now: Date, running: boolean) {
  if (!due || !running) return null;
  return {
    dueAt: due.toISOString(),
    level: deadlineLevel(due, now),
    text: remainingText(due, now),
  };
}

const HANDLING_STATES = ['assigned', 'handling'] as const;

function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('cases as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .leftJoin('units as lu', 'lu.id', 'c.lead_unit_id')
    .leftJoin('case_imports as ci', 'ci.id', 'c.import_id')
    .select([
      'c.id',
      'c.version',
      'c.state',
      'c.urgent',
      'c.slip_no',
      'p.title',
      'p.body',
      'p.source',
      'p.posted_at',
      'c.registered_at',
      'c.lead_unit_id',
      'lu.name as lead_unit_name',
      'c.extension_state',
      'c.reply_due_at',
      'c.handling_due_at',
      'c.archived_at',
      'c.import_id',
      'c.import_row',
      'ci.file_name as import_file_name',
    ])
    .select(lastDecision.as('last_decision'));
}

/** The leader's decision on the latest reply round: 'returned' means the unit is revising. */
const lastDecision = sql<'approved' | 'returned' | null>`(select r.decision from case_replies r
  where r.case_id = c.id order by r.round desc limit 1)`;

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

/**
 * A case's label in lists, notices, reports and notifications, which reach beyond those handling
 * the case: contact details masked for everyone (DESIGN §7), before cutting so that no part of a
 * number escapes. The whole text is on the case page for those who handle it.
 */
export function titleOf(title: string | null, body: string): string {
  const given = title?.trim();
  if (given) return maskContactsInText(given);
  const masked = maskContactsInText(body);
  return masked.length > 40 ? `${masked.slice(0, 40)}…` : masked;
}

function toSummary(r: SummaryRow, now: Date): CaseSummary {
  return {
    id: r.id,
    version: r.version,
    state: r.state,
    urgent: r.urgent,
    slipNo: r.slip_no,
    title: titleOf(r.title, r.body),
    source: r.source,
    postedAt: r.posted_at.toISOString(),
    registeredAt: r.registered_at.toISOString(),
    leadUnitId: r.lead_unit_id,
    leadUnitName: r.lead_unit_name,
    extensionState: r.extension_state,
    lastDecision: r.last_decision,
    archivedAt: r.archived_at?.toISOString() ?? null,
    imported:
      r.import_id === null
        ? null
        : { importId: r.import_id, fileName: r.import_file_name ?? '', row: r.import_row ?? 0 },
    replyDueAt: r.reply_due_at.toISOString(),
    handlingDueAt: r.handling_due_at?.toISOString() ?? null,
    replyClock: clock(r.reply_due_at, now, OPEN_STATES.includes(r.state)),
    handlingClock: clock(
      r.handling_due_at,
      now,
      (HANDLING_STATES as readonly string[]).includes(r.state),
    ),
  };
}

export async function listCases(
  db: Kysely<DB>,
  actor: Actor,
  query: CaseListQuery,
  now: Date,
  timeZone = 'Asia/Shanghai',
): Promise<PageResult<CaseSummary>> {
  // Filters touch cases (and case_units, posts through EXISTS) only, so the total can be counted
  // from indexes; the page then joins posts and units for its 20 rows.
  let ids = db.selectFrom('cases as c');
  const scope = unitScope(actor);
  const units =
    scope === null
      ? query.unitId === undefined
        ? null
        : [query.unitId]
      : query.unitId === undefined
        ? scope
        : scope.filter((u) => u === query.unitId);
  if (units !== null) {
    ids = ids.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_units as cu')
          .select('cu.unit_id')
          .whereRef('cu.case_id', '=', 'c.id')
          .where('cu.unit_id', 'in', units.length > 0 ? units : [0]),
      ),
    );
  }
  if (query.state) ids = ids.where('c.state', '=', query.state);
  if (query.open !== undefined)
    ids = ids.where('c.state', query.open ? 'in' : 'not in', OPEN_STATES);
  if (query.from) ids = ids.where('c.registered_at', '>=', new Date(query.from));
  if (query.to) ids = ids.where('c.registered_at', '<=', new Date(query.to));
  if (query.assignedFrom && query.assignedTo && query.assignedFrom > query.assignedTo) {
    throw new AppError('VALIDATION_FAILED', '签发日期的开始日期不能晚于结束日期');
  }
  // The ledger's period (periodOf): whole local days, both ends included.
  if (query.assignedFrom)
    ids = ids.where('c.assigned_at', '>=', startOfLocalDay(query.assignedFrom, timeZone));
  if (query.assignedTo)
    ids = ids.where('c.assigned_at', '<', startOfLocalDay(nextDate(query.assignedTo), timeZone));
  if (query.returned !== undefined) {
    ids = ids.where(
      query.returned
        ? sql<boolean>`c.state = 'handling' and ${lastDecision} = 'returned'`
        : sql<boolean>`not (c.state = 'handling' and coalesce(${lastDecision} = 'returned', false))`,
    );
  }
  if (query.extensionState) ids = ids.where('c.extension_state', '=', query.extensionState);
  if (query.urgent !== undefined) ids = ids.where('c.urgent', '=', query.urgent);
  if (query.overdue !== undefined) {
    const overdue = sql<boolean>`((c.state in ('registered','assigned','handling','reviewing','approved') and c.reply_due_at < ${now})
      or (c.state in ('assigned','handling') and c.handling_due_at < ${now}))`;
    ids = ids.where(query.overdue ? overdue : sql<boolean>`not ${overdue}`);
  }
  const text = query.q?.trim();
  if (text) {
    const like = containsPattern(text);
    ids = ids.where((eb) =>
      eb.or([
        eb('c.slip_no', 'like', like),
        eb.exists(
          eb
            .selectFrom('posts as tp')
            .select('tp.id')
            .whereRef('tp.id', '=', 'c.post_id')
            .where((e) => e.or([e('tp.title', 'ilike', like), e('tp.body', 'ilike', like)])),
        ),
      ]),
    );
  }
  const pageSize = query.pageSize ?? 20;
  const pageNo = query.page ?? 1;
  const sort = SORTS[query.sort ?? 'newest'];
  let pageIds = ids.select('c.id');
  let rowsQuery = summaryQuery(db);
  for (const o of sort) {
    pageIds = pageIds.orderBy(o);
    rowsQuery = rowsQuery.orderBy(o);
  }
  const rows = await rowsQuery
    .where('c.id', 'in', pageIds.limit(pageSize).offset((pageNo - 1) * pageSize))
    .execute();
  const count = await ids
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = rows.map((r) => toSummary(r, now));
  if (scope !== null && items.length > 0) {
    // A liaison's own part in each case: 我的待办 tells 待签收 and 待回复 by the unit's own row.
    const mine = await db
      .selectFrom('case_units')
      .select(['case_id', 'unit_id', 'role', 'signed_at', 'contributed_at'])
      .where(
        'case_id',
        'in',
        items.map((i) => i.id),
      )
      .where('unit_id', 'in', scope.length > 0 ? scope : [0])
      .orderBy('unit_id')
      .execute();
    for (const item of items)
      item.myUnits = mine
        .filter((m) => m.case_id === item.id)
        .map((m) => ({
          unitId: m.unit_id,
          role: m.role,
          signedAt: m.signed_at?.toISOString() ?? null,
          contributedAt: m.contributed_at?.toISOString() ?? null,
        }));
  }
  return { items, total: Number(count.n), page: pageNo, pageSize };
}

/** Both the page of ids and the rows for it are ordered the same way. */
const SORTS: Record<NonNullable<CaseListQuery['sort']>, RawBuilder<unknown>[]> = {
  newest: [sql`c.id desc`],
  replyDue: [sql`c.reply_due_at`, sql`c.id`],
  handlingDue: [sql`c.handling_due_at nulls last`, sql`c.id`],
};

/** Contact details (the field, and numbers in the text) are whole only for those handling cases. */
const handlesCases = seesContacts;

export async function getCaseDetail(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  now: Date,
): Promise<CaseDetail | undefined> {
  const r = await summaryQuery(db)
    .leftJoin('users as ab', 'ab.id', 'c.assigned_by')
    .select([
      'p.id as post_id',
      'p.url',
      'p.author',
      'p.contact',
      'c.instruction',
      'c.assigned_at',
      'ab.name as assigned_by_name',
      'c.acknowledged_at',
      'c.acknowledgement',
      'c.extension_reason',
      'c.extension_until',
      'c.extension_comment',
      'c.reply_text',
      'c.published_url',
      'c.published_at',
      'c.rating',
      'c.rating_note',
      'c.closed_reason',
      'c.archived_at',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const units = await db
    .selectFrom('case_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .leftJoin('users as su', 'su.id', 'cu.signed_by')
    .select([
      'cu.unit_id',
      'u.name',
      'cu.role',
      'cu.signed_at',
      'su.name as signed_by_name',
      'cu.contribution',
      'cu.contributed_at',
    ])
    .where('cu.case_id', '=', id)
    .orderBy('cu.role', 'desc')
    .orderBy('u.sort_order')
    .execute();
  const scope = unitScope(actor);
  if (scope !== null && !units.some((u) => scope.includes(u.unit_id))) return undefined;
  const replies = await db
    .selectFrom('case_replies as r')
    .leftJoin('users as s', 's.id', 'r.submitted_by')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .select([
      'r.round',
      'r.text',
      'r.submitted_at',
      's.name as submitted_name',
      'r.decision',
      'r.decided_at',
      'd.name as decided_name',
      'r.comment',
    ])
    .where('r.case_id', '=', id)
    .orderBy('r.round')
    .execute();
  const events = await db
    .selectFrom('case_events as e')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .select([
      'e.id',
      'e.at',
      'e.actor_name',
      'e.action',
      'e.from_state',
      'e.to_state',
      'u.name as unit_name',
      'e.comment',
      sql<string | null>`e.data->>'reason'`.as('reason'),
    ])
    .where('e.case_id', '=', id)
    .orderBy('e.id')
    .execute();
  const attachments = await db
    .selectFrom('case_attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.filename',
      'a.content_type',
      'a.size',
      'a.sha256',
      'a.uploaded_at',
      'u.name as uploaded_by_name',
    ])
    .where('a.case_id', '=', id)
    .orderBy('a.id')
    .execute();
  const firstResponse = [r.acknowledged_at, r.published_at].filter((d): d is Date => d !== null);
  const firstAt =
    firstResponse.length > 0 ? Math.min(...firstResponse.map((d) => d.getTime())) : null;
  const mine = units.filter((u) => actor.unitIds.includes(u.unit_id));
  const returned = events.findLast((e) => e.action === 'return-slip');
  return {
    ...toSummary(r, now),
    post: {
      id: r.post_id,
      source: r.source,
      url: r.url,
      author: r.author,
      postedAt: r.posted_at.toISOString(),
      title: handlesCases(actor) || !r.title ? r.title : maskContactsInText(r.title),
      body: handlesCases(actor) ? r.body : maskContactsInText(r.body),
      contact: r.contact && !handlesCases(actor) ? maskContact(r.contact) : r.contact,
    },
    instruction: r.instruction,
    assignedAt: r.assigned_at?.toISOString() ?? null,
    assignedBy: r.assigned_by_name,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgement: r.acknowledgement,
    lastReturn: returned
      ? {
          unitName: returned.unit_name,
          at: returned.at.toISOString(),
          reason: returned.reason ?? returned.comment ?? '',
        }
      : null,
    extension:
      r.extension_state && r.extension_reason && r.extension_until
        ? {
            state: r.extension_state,
            reason: r.extension_reason,
            until: r.extension_until.toISOString(),
            comment: r.extension_comment,
          }
        : null,
    replyText: r.reply_text,
    publishedUrl: r.published_url,
    publishedAt: r.published_at?.toISOString() ?? null,
    rating: r.rating,
    ratingNote: r.rating_note,
    closedReason: r.closed_reason,
    firstResponseMinutes:
      firstAt === null ? null : Math.round((firstAt - r.posted_at.getTime()) / 60_000),
    units: units.map((u) => ({
      unitId: u.unit_id,
      name: u.name,
      role: u.role,
      signedAt: u.signed_at?.toISOString() ?? null,
      signedBy: u.signed_by_name,
      contribution: u.contribution,
      contributedAt: u.contributed_at?.toISOString() ?? null,
      mine: actor.unitIds.includes(u.unit_id) && can(actor, 'cases.handle'),
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size,
      sha256: a.sha256,
      uploadedAt: a.uploaded_at.toISOString(),
      uploadedBy: a.uploaded_by_name,
    })),
    replies: replies.map((x) => ({
      round: x.round,
      text: x.text,
      submittedAt: x.submitted_at.toISOString(),
      submittedBy: x.submitted_name,
      decision: x.decision,
      decidedAt: x.decided_at?.toISOString() ?? null,
      decidedBy: x.decided_name,
      comment: x.comment,
    })),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorName: e.actor_name,
      action: e.action,
      label: EVENT_LABELS[e.action] ?? e.action,
      fromState: e.from_state,
      toState: e.to_state,
      unitName: e.unit_name,
      comment: e.comment,
    })),
    actions: allowedActions(actor, { ...r, replied: replies.length > 0 }, mine, now),
  };
}

/** What this user may do to this case now: the same rules the use cases enforce. */
export function allowedActions(
  actor: Actor,
  c: {
    state: CaseRow['state'];
    acknowledged_at: Date | null;
    handling_due_at: Date | null;
    extension_state: string | null;
    rating: string | null;
    /** A written reply has been submitted (a slip can no longer be sent back). */
    replied: boolean;
  },
  mine: { role: 'lead' | 'co'; signed_at: Date | null; contributed_at: Date | null }[],
  now: Date,
): CaseAction[] {
  const out: CaseAction[] = [];
  const add = (action: CaseAction, allowed: boolean) => {
    if (allowed && canTransition(c.state, action)) out.push(action);
  };
  const lead = mine.find((u) => u.role === 'lead');
  const handle = can(actor, 'cases.handle');
  add('acknowledge', can(actor, 'cases.publish') && c.acknowledged_at === null);
  add('assign', can(actor, 'cases.decide'));
  add('close', can(actor, 'cases.decide'));
  add('sign', handle && mine.some((u) => u.signed_at === null));
  add('contribute', handle && mine.some((u) => u.role === 'co' && u.signed_at !== null));
  add('reply', handle && lead?.signed_at !== null && lead !== undefined);
  add(
    'extension.request',
    handle &&
      lead !== undefined &&
      c.extension_state === null &&
      extensionStillOpen(c.handling_due_at, now),
  );
  add('return-slip', handle && lead !== undefined && !c.replied);
  add('withdraw-slip', can(actor, 'cases.decide') && !c.replied);
  add(
    'decline-co',
    handle && mine.some((u) => u.role === 'co' && u.contributed_at === null) && !c.replied,
  );
  add('extension.decide', can(actor, 'cases.decide') && c.extension_state === 'requested');
  add('approve', can(actor, 'cases.decide'));
  add('return', can(actor, 'cases.decide'));
  add('publish', can(actor, 'cases.publish'));
  add('rate', can(actor, 'cases.publish') && c.rating === null);
  // Rated 不满意 (by the citizen on the board, or recorded without reopening): staff decide.
  add('reopen', can(actor, 'cases.publish') && c.rating === 'unsatisfied');
  add('urge', can(actor, 'cases.urge') && c.state !== 'registered');
  add('archive', can(actor, 'cases.archive'));
  add('attach', can(actor, 'cases.attach'));
  return out;
}

/**
 * The case page's detail: getCaseDetail with what its forms need of the deployment's deadline
 * policy: the latest an extension may reach (the form offers no later time than the server
 * accepts), and, before a slip, when the unit's written reply would be due if it were signed now
 * (批办 warns when that falls after the public reply is due).
 */
export async function caseDetailFor(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  now: Date,
  policy: DeadlinePolicy,
): Promise<CaseDetail | undefined> {
  const detail = await getCaseDetail(db, actor, id, now);
  if (!detail) return undefined;
  const latest = latestReplyDue(policy, new Date(detail.postedAt));
  return {
    ...detail,
    extensionLatest: latest.toISOString(),
    ...(detail.state === 'registered'
      ? {
          handlingDueIfAssigned: {
            normal: handlingDue(policy, now, false).toISOString(),
            urgent: handlingDue(policy, now, true).toISOString(),
          },
        }
      : {}),
  };
}
