import { Type, type Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { Nullable } from '../../../server/common-schemas.js';
import { LocalDate, type Period } from './period.js';
import {
  deadlineStatus,
  isOverdueNow,
  listUnitDeadlines,
  type UnitDeadline,
} from './unit-deadlines.js';

export const UnitStatsQuery = Type.Object({
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
});
export type UnitStatsQuery = Static<typeof UnitStatsQuery>;

const Figures = {
  received: Type.Integer({ description: '收件：期间内签发、列为牵头或协办单位的抄告单' }),
  onTime: Type.Integer({
    description:
      '按期：期限前提交书面回复（牵头；以审定通过或待审定的那次提交为准，被退回的不算）或协办意见（协办；牵头单位已回复不代替本单位）',
  }),
  late: Type.Integer({ description: '超期：期限已过仍未完成的（含其后补交的和至今未交的）' }),
  pending: Type.Integer({ description: '在办未到期' }),
  extended: Type.Integer({ description: '延期：作为牵头单位申请并获批延期的' }),
  overdueNow: Type.Integer({
    description: '当前超期未办：已超期、至今未完成且办件仍在办理中（待其办理）的',
  }),
  averageHours: Nullable(
    Type.Number({
      description:
        '平均办理时长（小时）：从签发抄告单到本单位提交获采用的书面回复（被退回的不算）或协办意见（未提交的不计）',
    }),
  ),
  onTimeRate: Nullable(Type.Number({ description: '按期率（%）：按期 ÷（按期 + 超期）' })),
};

export const UnitStatsRow = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  unitType: Type.String(),
  ...Figures,
});
export type UnitStatsRow = Static<typeof UnitStatsRow>;

export const UnitStats = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  generatedAt: Type.String({ format: 'date-time' }),
  units: Type.Array(UnitStatsRow),
  totals: Type.Object(Figures),
});
export type UnitStats = Static<typeof UnitStats>;
type Totals = UnitStats['totals'];

const HOUR = 3_600_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

interface Tally {
  received: number;
  onTime: number;
  late: number;
  pending: number;
  extended: number;
  overdueNow: number;
  hours: number[];
}

const empty = (): Tally => ({
  received: 0,
  onTime: 0,
  late: 0,
  pending: 0,
  extended: 0,
  overdueNow: 0,
  hours: [],
});

function figures(t: Tally): Totals {
  const judged = t.onTime + t.late;
  return {
    received: t.received,
    onTime: t.onTime,
    late: t.late,
    pending: t.pending,
    extended: t.extended,
    overdueNow: t.overdueNow,
    averageHours:
      t.hours.length > 0 ? round1(t.hours.reduce((a, b) => a + b, 0) / t.hours.length) : null,
    onTimeRate: judged > 0 ? round1((t.onTime / judged) * 100) : null,
  };
}

/**
 * 单位办理台账: per unit, the slips issued to it in the period and how it kept their due times
 * (the same due time as the supervision board and the notices). Every active unit has a row,
 * an inactive one only if it received slips in the period.
 */
export async function unitStats(db: Kysely<DB>, period: Period, now: Date): Promise<UnitStats> {
  return (await unitLedger(db, period, now)).stats;
}

/** The ledger's figures and the slips behind them, one per unit and slip (the .xlsx lists both). */
export async function unitLedger(
  db: Kysely<DB>,
  period: Period,
  now: Date,
): Promise<{ stats: UnitStats; slips: UnitDeadline[] }> {
  const deadlines = await listUnitDeadlines(db, {
    by: 'assigned',
    start: period.start,
    end: period.end,
  });
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'type', 'active'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const tallies = new Map<number, Tally>();
  const total = empty();
  for (const d of deadlines) {
    let t = tallies.get(d.unitId);
    if (!t) tallies.set(d.unitId, (t = empty()));
    for (const x of [t, total]) {
      x.received += 1;
      const status = deadlineStatus(d, now);
      if (status === 'on-time') x.onTime += 1;
      else if (status === 'late') x.late += 1;
      else x.pending += 1;
      if (d.role === 'lead' && d.extensionState === 'granted') x.extended += 1;
      if (isOverdueNow(d, now)) x.overdueNow += 1;
      if (d.doneAt) x.hours.push((d.doneAt.getTime() - d.assignedAt.getTime()) / HOUR);
    }
  }
  const stats: UnitStats = {
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    units: units
      .filter((u) => u.active || tallies.has(u.id))
      .map((u) => ({
        unitId: u.id,
        unitName: u.name,
        unitType: u.type,
        ...figures(tallies.get(u.id) ?? empty()),
      })),
    totals: figures(total),
  };
  return { stats, slips: deadlines };
}
