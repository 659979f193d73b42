import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { CaseState } from '../case-status.js';
import { titleOf } from '../cases.queries.js';

/**
 * One unit's part on one slip measured against its due time. The due time is the one the
 * supervision board races the unit against (supervision.ts): the slip's handling due time or
 * the public reply's, whichever is earlier. A granted extension has moved both.
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
  /** Which due time that is: the slip's (书面回复) or the public reply's (公开答复). */
  deadline: 'handling' | 'reply';
  /** The unit's own act: the lead unit's first written reply, the co-unit's first contribution. */
  doneAt: Date | null;
  /**
   * When the unit's part stopped being owed: its own act, or for a co-unit the lead unit's reply
   * if that came first (the lead answered without it, and a co-unit cannot contribute after).
   */
  settledAt: Date | null;
  extensionState: 'requested' | 'granted' | 'refused' | null;
  extensionRequestedAt: Date | null;
}

export const DEADLINE_KIND_LABELS: Record<'handling' | 'reply', string> = {
  handling: '书面回复期限',
  reply: '公开答复期限',
};

export type DeadlineStatus = 'on-time' | 'late' | 'pending';

/** on-time: settled by the due time; late: the due time passed first; pending: open, not yet due. */
export function deadlineStatus(d: UnitDeadline, now: Date): DeadlineStatus {
  if (d.settledAt && d.settledAt.getTime() <= d.dueAt.getTime()) return 'on-time';
  return d.dueAt.getTime() < now.getTime() ? 'late' : 'pending';
}

/** Late and still owed: the unit has not done its part and still can (the case waits for it). */
export function isOverdueNow(d: UnitDeadline, now: Date): boolean {
  return (
    deadlineStatus(d, now) === 'late' &&
    d.settledAt === null &&
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

/** Every unit on every slip issued, or falling due, within [start, end). SQL only. */
export async function listUnitDeadlines(
  db: Kysely<DB> | Transaction<DB>,
  filter: { by: 'assigned' | 'due'; start: Date; end: Date },
): Promise<UnitDeadline[]> {
  const due = sql<Date>`least(c.handling_due_at, c.reply_due_at)`;
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
      'c.handling_due_at',
      'c.reply_due_at',
      'c.extension_state',
      'c.extension_requested_at',
    ])
    .select(due.as('due_at'))
    .select(
      sql<Date | null>`(select min(r.submitted_at) from case_replies r where r.case_id = c.id)`.as(
        'lead_replied_at',
      ),
    )
    .select(
      sql<Date | null>`(select min(e.at) from case_events e
        where e.case_id = c.id and e.unit_id = cu.unit_id and e.action = 'contribute')`.as(
        'contributed_at',
      ),
    )
    .where('c.assigned_at', 'is not', null)
    .where(filter.by === 'assigned' ? sql.ref('c.assigned_at') : due, '>=', filter.start)
    .where(filter.by === 'assigned' ? sql.ref('c.assigned_at') : due, '<', filter.end)
    .orderBy('u.sort_order')
    .orderBy('u.id')
    .orderBy('c.id')
    .execute();
  const date = (d: Date | null) => (d === null ? null : new Date(d));
  return rows.map((r) => {
    const dueAt = new Date(r.due_at);
    const handling = r.handling_due_at;
    const leadReplied = date(r.lead_replied_at);
    const contributed = date(r.contributed_at);
    const doneAt = r.role === 'lead' ? leadReplied : contributed;
    const settled = [doneAt, leadReplied].filter((d): d is Date => d !== null);
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
      deadline: handling && handling.getTime() <= r.reply_due_at.getTime() ? 'handling' : 'reply',
      doneAt,
      settledAt: settled.length > 0 ? new Date(Math.min(...settled.map((d) => d.getTime()))) : null,
      extensionState: r.extension_state,
      extensionRequestedAt: r.extension_requested_at,
    };
  });
}
