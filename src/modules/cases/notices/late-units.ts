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
} from '../stats/unit-deadlines.js';
import type { NoticeUnit } from './notices.schemas.js';

/**
 * The units a notice names (DESIGN §2.7): those whose due time fell within the period and passed
 * with neither their part done (the lead unit's written reply, a co-unit's contribution, unless
 * the lead unit had already answered without it) nor an explanation, which is the slip's
 * extension request made before the due time. A unit that replied late is named too, with how
 * late; a case is named once per unit.
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
    const until = d.settledAt ?? now;
    let unit = units.get(d.unitId);
    if (!unit) units.set(d.unitId, (unit = { unitId: d.unitId, unitName: d.unitName, cases: [] }));
    const what = d.role === 'lead' ? '书面回复' : '协办意见';
    unit.cases.push({
      caseId: d.caseId,
      slipNo: d.slipNo,
      title: d.title,
      role: d.role,
      deadline: d.deadline,
      deadlineLabel: DEADLINE_KIND_LABELS[d.deadline],
      dueAt: d.dueAt.toISOString(),
      doneAt: d.doneAt?.toISOString() ?? null,
      lateMinutes: Math.floor((until.getTime() - d.dueAt.getTime()) / 60_000),
      lateText: remainingText(d.dueAt, until),
      status: d.doneAt
        ? `${formatDateTime(d.doneAt)} 逾期提交${what}`
        : d.settledAt
          ? `未提交${what}（牵头单位已于 ${formatDateTime(d.settledAt)} 回复）`
          : `至今未提交${what}`,
    });
  }
  return [...units.values()];
}
