import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { checkDutyUsers } from './duty-users.js';
import { getWatchPeriod } from './get-watch-period.js';
import { periodBounds, problemsMessage, rosterProblems } from './roster.js';
import type { ReplaceDutiesInput, WatchPeriodDetail } from './watch.schemas.js';

/**
 * Replaces a period's whole roster (值班表). Every problem is reported at once, each naming its
 * row; nothing is saved unless the roster is clean. People new to the roster get an inbox
 * notification with their shifts.
 */
export async function replaceDuties({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  input: ReplaceDutiesInput;
}): Promise<WatchPeriodDetail> {
  assertCan(actor, 'watch.manage');
  const shifts = input.duties.map((d) => ({
    userId: d.userId,
    startsAt: new Date(d.startsAt),
    endsAt: new Date(d.endsAt),
    note: d.note?.trim() || null,
  }));
  await ctx.db.transaction().execute(async (trx) => {
    const period = await trx
      .selectFrom('watch_periods')
      .select(['id', 'name', 'starts_on', 'ends_on'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!period) throw notFound('重点时段');
    const bounds = periodBounds(period.starts_on, period.ends_on, ctx.config.deadlines.timeZone);
    const users = await checkDutyUsers(trx, shifts, (i) => `第 ${i + 1} 行`);
    const problems = [
      ...users.problems,
      ...rosterProblems(shifts, { ...bounds, startsOn: period.starts_on, endsOn: period.ends_on }),
    ];
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problemsMessage(problems));

    const previous = await trx
      .deleteFrom('watch_duties')
      .where('period_id', '=', id)
      .returning(['user_id'])
      .execute();
    if (shifts.length > 0) {
      await trx
        .insertInto('watch_duties')
        .values(
          shifts.map((s) => ({
            period_id: id,
            user_id: s.userId,
            starts_at: s.startsAt,
            ends_at: s.endsAt,
            note: s.note,
          })),
        )
        .execute();
    }
    const before = new Set(previous.map((p) => p.user_id));
    const people = [...new Set(shifts.map((s) => s.userId))];
    await recordAudit(trx, ctx.clock, actor, {
      action: 'watch-duties.replace',
      entityType: 'watch_period',
      entityId: id,
      summary: `更新重点时段「${period.name}」的值班表：${shifts.length} 个班次，${people.length} 人`,
      before: { shifts: previous.length, userIds: [...before] },
      after: {
        shifts: shifts.map((s) => ({
          userId: s.userId,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
        })),
      },
    });
    for (const userId of people.filter((u) => !before.has(u))) {
      const own = shifts.filter((s) => s.userId === userId);
      await notify(trx, ctx, {
        kind: 'watch.duty-assigned',
        title: `值班安排：${period.name}`,
        body: [
          `您已排入重点时段「${period.name}」（${period.starts_on} 至 ${period.ends_on}）的值班表：`,
          ...own.map((s) => `${formatDateTime(s.startsAt)} 至 ${formatDateTime(s.endsAt)}`),
        ].join('\n'),
        link: `/watch/${id}`,
        userIds: [userId],
        groupRobots: false,
      });
    }
  });
  return (await getWatchPeriod(ctx, id)) ?? Promise.reject(notFound('重点时段'));
}
