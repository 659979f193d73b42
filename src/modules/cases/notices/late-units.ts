import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { remainingText } from '../../../lib/calendar.js';
import { formatDateTime } from '../../../lib/format.js';
import type { Period } from '../stats/period.js';
import {
  DEADLINE_KIND_LABELS,
  deadlineStatus,
  isExcused,
  listUnitDeadlines,
  type UnitDeadline,
} from '../stats/unit-deadlines.js';
import type { NoticeUnit } from './notices.schemas.js';

/**
 * The units a notice names (DESIGN §2.7): those whose due time fell within the period and passed
 * with neither their part done nor an explanation, which is the slip's extension request made
 * before the due time. Their part is judged as in the per-unit ledger (deadlineStatus): the lead
 * unit's reply that was approved or awaits approval, not one returned for revision; a co-unit's
 * own contribution. A co-unit the lead unit answered without by the due time is not named: the
 * slip was answered and it could no longer contribute (the ledger still counts it late). A unit
 * that replied late is named too, with how late; a case is named once per unit. The due time is
 * the unit's handling due time for lead and co-units alike: the public reply's is not a unit's to
 * keep, and the overdue job urges only the lead unit for it (urge-case.ts).
 */
export async function findLateUnits(
  db: Kysely<DB> | Transaction<DB>,
  period: Pick<Period, 'start' | 'end'>,
  now: Date,
): Promise<NoticeUnit[]> {
  const deadlines = await listUnitDeadlines(db, {
    by: 'due',
    start: period.start,
    end: period.end,
  });
  const units = new Map<number, NoticeUnit>();
  for (const d of deadlines) {
    if (deadlineStatus(d, now) !== 'late' || isExcused(d)) continue;
    const answeredWithout =
      d.role === 'co' &&
      d.leadRepliedAt !== null &&
      (d.doneAt === null || d.leadRepliedAt.getTime() < d.doneAt.getTime())
        ? d.leadRepliedAt
        : null;
    if (answeredWithout && answeredWithout.getTime() <= d.dueAt.getTime()) continue;
    const until = answeredWithout ?? d.doneAt ?? now;
    let unit = units.get(d.unitId);
    if (!unit) units.set(d.unitId, (unit = { unitId: d.unitId, unitName: d.unitName, cases: [] }));
    unit.cases.push({
      caseId: d.caseId,
      slipNo: d.slipNo,
      title: d.title,
      role: d.role,
      // Every unit is held to its handling due time (unit-deadlines.ts); notices issued before
      // that rule may still say 'reply'.
      deadline: 'handling',
      deadlineLabel: DEADLINE_KIND_LABELS.handling,
      dueAt: d.dueAt.toISOString(),
      doneAt: d.doneAt?.toISOString() ?? null,
      lateMinutes: Math.floor((until.getTime() - d.dueAt.getTime()) / 60_000),
      lateText: remainingText(d.dueAt, until),
      status: statusOf(d, answeredWithout),
    });
  }
  return [...units.values()];
}

function statusOf(d: UnitDeadline, answeredWithout: Date | null): string {
  if (d.role === 'co') {
    if (answeredWithout)
      return `未提交协办意见（牵头单位已于 ${formatDateTime(answeredWithout)} 回复）`;
    return d.doneAt ? `${formatDateTime(d.doneAt)} 逾期提交协办意见` : '至今未提交协办意见';
  }
  if (d.returnedReplies > 0) {
    return d.doneAt
      ? `${formatDateTime(d.doneAt)} 逾期重新提交书面回复（此前的回复被退回修改）`
      : '书面回复被退回修改，至今未重新提交';
  }
  return d.doneAt ? `${formatDateTime(d.doneAt)} 逾期提交书面回复` : '至今未提交书面回复';
}
