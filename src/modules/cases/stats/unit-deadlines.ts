import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { CaseState } from '../case-status.js';
import { titleOf } from '../cases.queries.js';

/**
 * One unit's part on one slip measured against its due time: the slip's handling due time
 * (办理期限), the one the slip, the assignment notification and the case list told the unit. The
 * public reply's due time counts from the post, may pass before the slip was even issued, and is
 * the government's to keep (the reports' overall on-time rate), so it judges no unit. A granted
 * extension moves the handling due time only while the unit still owes its part (extension.ts).
 */
export interface UnitDeadline {
  caseId: number;
  slipNo: string | null;
  title: string;
  state: CaseState;
  unitId: number;
  unitName: string;
  role: 'lead' | 'co';
  assignedAt: Date;
  dueAt: Date;
  /**
   * The unit's own act that counts: for the lead unit the written reply the leader approved, or
   * the one awaiting approval (a returned reply never counts: its resubmission does, so a draft
   * sent at once and sent back cannot make the unit on time); for a co-unit its first
   * contribution.
   */
  doneAt: Date | null;
  /** The lead unit's replies returned before the one that counts (or all of them, if none does). */
  returnedReplies: number;
  /**
   * The lead unit's counted reply, on every unit's row: a co-unit that had not contributed by
   * then can no longer be waited for on the slip (the lead answered without it).
   */
  leadRepliedAt: Date | null;
  extensionState: 'requested' | 'granted' | 'refused' | null;
  extensionRequestedAt: Date | null;
}

export const DEADLINE_KIND_LABELS: Record<'handling' | 'reply', string> = {
  handling: '书面回复期限',
  reply: '公开答复期限',
};

export type DeadlineStatus = 'on-time' | 'late' | 'pending';

/**
 * on-time: the unit's counted act came by the due time; late: the due time passed without it
 * (done later, or not yet); pending: not done and not yet due. A co-unit is judged by its own
 * contribution alone: the lead unit answering without it does not make it on time.
 */
export function deadlineStatus(d: UnitDeadline, now: Date): DeadlineStatus {
  return judgeDeadline(d.dueAt, d.doneAt, now);
}

/** The rule behind deadlineStatus, for any due time and the act that answers it (卷宗, ledgers). */
export function judgeDeadline(dueAt: Date, doneAt: Date | null, now: Date): DeadlineStatus {
  if (doneAt && doneAt.getTime() <= dueAt.getTime()) return 'on-time';
  if (doneAt) return 'late';
  return dueAt.getTime() < now.getTime() ? 'late' : 'pending';
}

/**
 * Late and still owed: the unit has not done its part and the case waits for it (being handled,
 * as on the supervision board); a case waiting for the leader or the monitor is not the unit's.
 */
export function isOverdueNow(d: UnitDeadline, now: Date): boolean {
  return (
    d.doneAt === null &&
    deadlineStatus(d, now) === 'late' &&
    (d.state === 'assigned' || d.state === 'handling')
  );
}

/**
 * Whether the unit explained itself before the due time: the slip's one extension request
 * (only the lead unit may file it, for the whole slip) was made by then and is pending or was
 * refused. A granted request has moved the due time itself, so missing the new one is not excused.
 */
export function isExcused(d: UnitDeadline): boolean {
  return (
    (d.extensionState === 'requested' || d.extensionState === 'refused') &&
    d.extensionRequestedAt !== null &&
    d.extensionRequestedAt.getTime() <= d.dueAt.getTime()
  );
}

/**
 * Every unit on every slip issued, or falling due, within [start, end); or every unit on one
 * case's slip (its 卷宗). SQL only.
 */
export async function listUnitDeadlines(
  db: Kysely<DB> | Transaction<DB>,
  filter: { by: 'assigned' | 'due'; start: Date; end: Date } | { caseId: number },
): Promise<UnitDeadline[]> {
  // Every assigned case has a handling due time; the coalesce only keeps the type honest.
  const due = sql<Date>`coalesce(c.handling_due_at, c.reply_due_at)`;
  const rows = await db
    .selectFrom('case_units as cu')
    .innerJoin('cases as c', 'c.id', 'cu.case_id')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select([
      'c.id',
      'c.slip_no',
      'p.title',
      'p.body',
      'c.state',
      'cu.unit_id',
      'u.name as unit_name',
      'cu.role',
      'c.assigned_at',
      'c.extension_state',
      'c.extension_requested_at',
    ])
    .select(due.as('due_at'))
    // The reply that counts is the first one not returned: approved, or awaiting approval.
    .select(
      sql<Date | null>`(select min(r.submitted_at) from case_replies r
        where r.case_id = c.id and r.decision is distinct from 'returned')`.as('lead_replied_at'),
    )
    .select(
      sql<number>`(select count(*)::int from case_replies r
        where r.case_id = c.id and r.decision = 'returned' and not exists (
          select 1 from case_replies k where k.case_id = c.id
            and k.decision is distinct from 'returned' and k.round < r.round))`.as(
        'returned_replies',
      ),
    )
    .select(
      sql<Date | null>`(select min(e.at) from case_events e
        where e.case_id = c.id and e.unit_id = cu.unit_id and e.action = 'contribute')`.as(
        'contributed_at',
      ),
    )
    .where('c.assigned_at', 'is not', null)
    // A co-unit of a case imported from the past ledger (历史台账导入): the ledger records no
    // contribution, so there is no act to judge it by. Listed, it would count as late on every
    // such slip; it is left out, as a lead unit with no 交办时间 is (nothing guessed).
    .where((eb) => eb.or([eb('cu.role', '=', 'lead'), eb('c.import_id', 'is', null)]))
    .$call((q) => {
      if ('caseId' in filter) return q.where('c.id', '=', filter.caseId);
      const at = filter.by === 'assigned' ? sql.ref('c.assigned_at') : due;
      return q.where(at, '>=', filter.start).where(at, '<', filter.end);
    })
    .orderBy('u.sort_order')
    .orderBy('u.id')
    .orderBy('c.id')
    .execute();
  const date = (d: Date | null) => (d === null ? null : new Date(d));
  return rows.map((r) => {
    const dueAt = new Date(r.due_at);
    const leadReplied = date(r.lead_replied_at);
    const contributed = date(r.contributed_at);
    const doneAt = r.role === 'lead' ? leadReplied : contributed;
    return {
      caseId: r.id,
      slipNo: r.slip_no,
      title: titleOf(r.title, r.body),
      state: r.state,
      unitId: r.unit_id,
      unitName: r.unit_name,
      role: r.role,
      assignedAt: r.assigned_at ?? dueAt,
      dueAt,
      doneAt,
      returnedReplies: r.role === 'lead' ? Number(r.returned_replies) : 0,
      leadRepliedAt: leadReplied,
      extensionState: r.extension_state,
      extensionRequestedAt: r.extension_requested_at,
    };
  });
}
