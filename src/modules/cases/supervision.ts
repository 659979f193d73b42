import { Type, type Static } from '@sinclair/typebox';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PageResult } from '../../db/paginate.js';
import { deadlineLevel, remainingText } from '../../lib/calendar.js';
import { Nullable } from '../../server/common-schemas.js';
import type { CaseState } from './case-status.js';
import { CaseStateSchema, DeadlineLevel } from './cases.schemas.js';
import { titleOf } from './cases.queries.js';

export const SupervisionQuery = Type.Object({
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  overdue: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type SupervisionQuery = Static<typeof SupervisionQuery>;

export const SupervisionRow = Type.Object({
  caseId: Type.Integer(),
  version: Type.Integer(),
  slipNo: Nullable(Type.String()),
  title: Type.String(),
  state: CaseStateSchema,
  urgent: Type.Boolean(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  role: Type.Union([Type.Literal('lead'), Type.Literal('co')]),
  signedAt: Nullable(Type.String({ format: 'date-time' })),
  done: Type.Boolean({ description: '牵头单位已提交回复 / 协办单位已提交意见' }),
  waitingOn: Type.Union(
    [Type.Literal('unit'), Type.Literal('lead'), Type.Literal('leader'), Type.Literal('monitor')],
    {
      description:
        '办件当前在谁手上：unit 本单位（待其签收、回复或提交协办意见），lead 牵头单位（协办意见已交，待牵头单位回复），leader 待领导审定，monitor 待舆情监测员发布',
    },
  ),
  deadline: Type.Union([Type.Literal('handling'), Type.Literal('reply')], {
    description: '所示期限：handling 书面回复期限（早于公开答复期限时），reply 公开答复期限',
  }),
  unitOverdue: Type.Boolean({
    description:
      '本单位超期未办：办件待本单位办理且本单位的办理期限已过（与单位办理台账的“当前超期未办”一致；公开答复期限先到的，不算单位超期）',
  }),
  dueAt: Type.String({ format: 'date-time' }),
  level: DeadlineLevel,
  text: Type.String(),
  extensionState: Nullable(Type.String()),
  urges: Type.Integer(),
});
export type SupervisionRow = Static<typeof SupervisionRow>;

/**
 * 督办: every unit on every open slip with the clock it is racing: the slip's due time while the
 * unit's part is undone, then the public reply's. Slips with the earliest deadline first.
 * A row says who holds the case now: once the reply waits for the leader's approval or for the
 * monitor to publish it, the public reply's clock still runs, but missing it is not the unit's.
 * A unit counts overdue only past its own handling due time, as in the ledger and the notices.
 */
export async function listSupervision(
  db: Kysely<DB>,
  query: SupervisionQuery,
  now: Date,
): Promise<PageResult<SupervisionRow>> {
  // The slip's own earliest deadline orders the board: it matches the index cases_open_due, so a
  // page is read in order instead of sorting every open slip on each request.
  const slipDue = sql<Date>`(case when c.state in ('assigned', 'handling')
    then least(c.handling_due_at, c.reply_due_at) else c.reply_due_at end)`;
  const done = sql<boolean>`case when cu.role = 'lead' then c.state not in ('assigned', 'handling')
    else cu.contributed_at is not null end`;
  const racing = sql<boolean>`c.state in ('assigned', 'handling') and not (${done})`;
  const unitDue = sql<Date>`case when ${racing}
    then least(c.handling_due_at, c.reply_due_at) else c.reply_due_at end`;
  let filtered = db
    .selectFrom('cases as c')
    .innerJoin('case_units as cu', 'cu.case_id', 'c.id')
    .where('c.state', 'in', ['assigned', 'handling', 'reviewing', 'approved']);
  if (query.unitId !== undefined) filtered = filtered.where('cu.unit_id', '=', query.unitId);
  if (query.overdue !== undefined) {
    filtered = filtered.where(
      query.overdue ? sql<boolean>`${slipDue} < ${now}` : sql<boolean>`${slipDue} >= ${now}`,
    );
  }
  const pageSize = query.pageSize ?? 50;
  const pageNo = query.page ?? 1;
  const rows = await filtered
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select([
      'c.id',
      'c.version',
      'c.slip_no',
      'p.title',
      'p.body',
      'c.state',
      'c.urgent',
      'cu.unit_id',
      'u.name as unit_name',
      'cu.role',
      'cu.signed_at',
      'c.handling_due_at',
      'c.extension_state',
    ])
    .select(done.as('done'))
    .select(unitDue.as('due_at'))
    .select(
      sql<boolean>`${racing} and c.handling_due_at is not null
        and c.handling_due_at <= c.reply_due_at`.as('handling_clock'),
    )
    .select((eb) =>
      eb
        .selectFrom('case_urges as g')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('g.case_id', '=', 'c.id')
        .whereRef('g.unit_id', '=', 'cu.unit_id')
        .as('urges'),
    )
    .orderBy(slipDue)
    .orderBy('c.id')
    .orderBy('cu.unit_id')
    .limit(pageSize)
    .offset((pageNo - 1) * pageSize)
    .execute();
  // Without a unit, count each open slip's units by index (a join would read all of case_units).
  const count =
    query.unitId === undefined
      ? await sql<{ n: number }>`select coalesce(sum((select count(*) from case_units cu
          where cu.case_id = c.id)), 0)::int as n
          from cases c where c.state in ('assigned', 'handling', 'reviewing', 'approved')
          ${query.overdue === undefined ? sql`` : query.overdue ? sql`and ${slipDue} < ${now}` : sql`and ${slipDue} >= ${now}`}`
          .execute(db)
          .then((r) => r.rows[0] ?? { n: 0 })
      : await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => {
      const due = new Date(r.due_at);
      const waitingOn = waitingOnOf(r.state, r.role, Boolean(r.done));
      // The unit is overdue by the due time it was told (unit-deadlines.ts), though the board
      // shows the earlier public clock the office is racing.
      const unitDue = r.handling_due_at ?? due;
      return {
        caseId: r.id,
        version: r.version,
        slipNo: r.slip_no,
        title: titleOf(r.title, r.body),
        state: r.state,
        urgent: r.urgent,
        unitId: r.unit_id,
        unitName: r.unit_name,
        role: r.role,
        signedAt: r.signed_at?.toISOString() ?? null,
        done: Boolean(r.done),
        waitingOn,
        deadline: r.handling_clock ? ('handling' as const) : ('reply' as const),
        unitOverdue: waitingOn === 'unit' && unitDue.getTime() < now.getTime(),
        dueAt: due.toISOString(),
        level: deadlineLevel(due, now),
        text: remainingText(due, now),
        extensionState: r.extension_state,
        urges: Number(r.urges ?? 0),
      };
    }),
    total: Number(count.n),
    page: pageNo,
    pageSize,
  };
}

/**
 * Who the case waits for on a unit's row. While it is being handled: the unit, until its part is
 * done (a co-unit that contributed then waits for the lead unit's reply); once the reply is in,
 * the leader (审定) or the monitor (发布), whoever the unit's part was.
 */
export function waitingOnOf(
  state: CaseState,
  role: 'lead' | 'co',
  done: boolean,
): SupervisionRow['waitingOn'] {
  if (state === 'reviewing') return 'leader';
  if (state === 'approved') return 'monitor';
  return role === 'co' && done ? 'lead' : 'unit';
}
