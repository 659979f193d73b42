import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AppContext } from '../../../server/context.js';
import { notFound } from '../../../server/errors.js';
import type { Actor } from '../../access/actor.js';
import { getCaseDetail } from '../cases.queries.js';
import type { CaseDetail } from '../cases.schemas.js';
import { maskContact, maskContactsInText } from '../mask-contact.js';
import {
  loadCaseHistory,
  type DeadlineRecord,
  type PublicationRecord,
  type RatingRecord,
} from './case-history.js';

/** Everything a printed or exported case needs: the detail page's data and who did what when. */
export interface CaseRecord {
  /** As the requesting user sees the case: the contact is whole only for those handling cases. */
  detail: CaseDetail;
  /** The contact as every export shows it (DESIGN §7). */
  maskedContact: string | null;
  /** The message's title and text as every export shows them: numbers and addresses masked. */
  maskedTitle: string | null;
  maskedBody: string;
  orgName: string | null;
  /** 签发单位 of the slip: the working group, or the unit of the leader who signed it. */
  issuer: string;
  registeredAt: Date;
  registeredBy: string | null;
  assignedAt: Date | null;
  assignedBy: string | null;
  handlingDueAt: Date | null;
  replyDueAt: Date;
  units: UnitRecord[];
  extension: ExtensionRecord | null;
  approvedAt: Date | null;
  approvedBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  ratedAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  archivedAt: Date | null;
  archivedBy: string | null;
  reopenCount: number;
  urges: UrgeRecord[];
  /** The public reply deadline, then each unit's handling deadline, each with its verdict. */
  deadlines: DeadlineRecord[];
  /** Every publication of a reply, the first one too when the case was reopened. */
  publications: PublicationRecord[];
  /** Every rating, each with whether it reopened the case. */
  ratings: RatingRecord[];
}

export interface UnitRecord {
  unitId: number;
  name: string;
  role: 'lead' | 'co';
  signedAt: Date | null;
  signedBy: string | null;
  contribution: string | null;
  contributedAt: Date | null;
  contributedBy: string | null;
}

export interface ExtensionRecord {
  state: 'requested' | 'granted' | 'refused';
  reason: string | null;
  until: Date | null;
  requestedAt: Date | null;
  requestedBy: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  comment: string | null;
}

export interface UrgeRecord {
  unitName: string;
  kind: 'handling' | 'reply';
  dueAt: Date;
  urgedAt: Date;
  /** Null: the overdue job urged automatically. */
  urgedBy: string | null;
}

export const ORG_NAME_KEY = 'org.name';

/** The township's (or district's) name from the settings, if one is set: `"某某镇"` or `{ "name": … }`. */
export async function loadOrgName(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', ORG_NAME_KEY)
    .executeTakeFirst();
  const value = row?.value;
  const name =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && 'name' in value && typeof value.name === 'string'
        ? value.name
        : null;
  return name?.trim() || null;
}

/**
 * Loads a case for printing. Visibility is that of `GET /api/cases/{id}`: a liaison of another
 * unit gets the same 404 as for a case that does not exist.
 */
export async function loadCaseRecord(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<CaseRecord> {
  const detail = await getCaseDetail(ctx.db, actor, id, ctx.clock.now());
  if (!detail) throw notFound('办件');
  const db = ctx.db;
  const c = await db
    .selectFrom('cases as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .leftJoin('users as rb', 'rb.id', 'c.registered_by')
    .leftJoin('users as ab', 'ab.id', 'c.assigned_by')
    .leftJoin('units as abu', 'abu.id', 'ab.unit_id')
    .leftJoin('working_group_members as wg', 'wg.user_id', 'c.assigned_by')
    .leftJoin('users as xr', 'xr.id', 'c.extension_requested_by')
    .leftJoin('users as xd', 'xd.id', 'c.extension_decided_by')
    .leftJoin('users as ap', 'ap.id', 'c.approved_by')
    .leftJoin('users as pb', 'pb.id', 'c.published_by')
    .leftJoin('users as cb', 'cb.id', 'c.closed_by')
    .leftJoin('users as arb', 'arb.id', 'c.archived_by')
    .select([
      'p.contact',
      'c.registered_at',
      'rb.name as registered_by',
      'c.assigned_at',
      'ab.name as assigned_by',
      'abu.name as assigner_unit',
      'wg.position as assigner_position',
      'c.handling_due_at',
      'c.reply_due_at',
      'c.extension_state',
      'c.extension_reason',
      'c.extension_until',
      'c.extension_requested_at',
      'xr.name as extension_requested_by',
      'c.extension_decided_at',
      'xd.name as extension_decided_by',
      'c.extension_comment',
      'c.approved_at',
      'ap.name as approved_by',
      'c.published_at',
      'pb.name as published_by',
      'c.rated_at',
      'c.closed_at',
      'cb.name as closed_by',
      'c.archived_at',
      'arb.name as archived_by',
      'c.reopen_count',
    ])
    .where('c.id', '=', id)
    .executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('case_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .leftJoin('users as s', 's.id', 'cu.signed_by')
    .leftJoin('users as k', 'k.id', 'cu.contributed_by')
    .select([
      'cu.unit_id',
      'u.name',
      'cu.role',
      'cu.signed_at',
      's.name as signed_by',
      'cu.contribution',
      'cu.contributed_at',
      'k.name as contributed_by',
    ])
    .where('cu.case_id', '=', id)
    .orderBy('cu.role', 'desc')
    .orderBy('u.sort_order')
    .orderBy('u.id')
    .execute();
  const urges = await db
    .selectFrom('case_urges as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .leftJoin('users as b', 'b.id', 'g.urged_by')
    .select(['u.name as unit_name', 'g.kind', 'g.due_at', 'g.urged_at', 'b.name as urged_by'])
    .where('g.case_id', '=', id)
    .orderBy('g.urged_at')
    .orderBy('g.id')
    .execute();
  const orgName = await loadOrgName(db);
  const history = await loadCaseHistory(db, ctx.config.deadlines, detail, ctx.clock.now());
  const issuer = c.assigner_position
    ? `${orgName ?? ''}网络舆情工作小组`
    : (c.assigner_unit ?? `${orgName ?? ''}网络舆情工作小组`);
  return {
    detail,
    maskedContact: c.contact ? maskContact(c.contact) : null,
    maskedTitle: detail.post.title ? maskContactsInText(detail.post.title) : null,
    maskedBody: maskContactsInText(detail.post.body),
    orgName,
    issuer,
    registeredAt: c.registered_at,
    registeredBy: c.registered_by,
    assignedAt: c.assigned_at,
    assignedBy: c.assigned_by,
    handlingDueAt: c.handling_due_at,
    replyDueAt: c.reply_due_at,
    units: units.map((u) => ({
      unitId: u.unit_id,
      name: u.name,
      role: u.role,
      signedAt: u.signed_at,
      signedBy: u.signed_by,
      contribution: u.contribution,
      contributedAt: u.contributed_at,
      contributedBy: u.contributed_by,
    })),
    extension: c.extension_state
      ? {
          state: c.extension_state,
          reason: c.extension_reason,
          until: c.extension_until,
          requestedAt: c.extension_requested_at,
          requestedBy: c.extension_requested_by,
          decidedAt: c.extension_decided_at,
          decidedBy: c.extension_decided_by,
          comment: c.extension_comment,
        }
      : null,
    approvedAt: c.approved_at,
    approvedBy: c.approved_by,
    publishedAt: c.published_at,
    publishedBy: c.published_by,
    ratedAt: c.rated_at,
    closedAt: c.closed_at,
    closedBy: c.closed_by,
    archivedAt: c.archived_at,
    archivedBy: c.archived_by,
    reopenCount: c.reopen_count,
    urges: urges.map((g) => ({
      unitName: g.unit_name,
      kind: g.kind,
      dueAt: g.due_at,
      urgedAt: g.urged_at,
      urgedBy: g.urged_by,
    })),
    ...history,
  };
}
