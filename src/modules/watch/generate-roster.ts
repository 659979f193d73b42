import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { checkDutyUsers } from './duty-users.js';
import { localDays, problemsMessage, proposeRoster, rosterCoverage } from './roster.js';
import { getWatchPeriodRow } from './watch.queries.js';
import type { GenerateRosterInput, ProposedRoster } from './watch.schemas.js';

/** 自动排班: a rotating roster over every hour of the period, proposed for editing, not saved. */
export async function generateRoster({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  input: GenerateRosterInput;
}): Promise<ProposedRoster> {
  assertCan(actor, 'watch.manage');
  const period = await getWatchPeriodRow(ctx.db, id);
  if (!period) throw notFound('重点时段');
  const users = await checkDutyUsers(
    ctx.db,
    input.userIds.map((userId) => ({ userId })),
    (i) => `第 ${i + 1} 位值班人员`,
  );
  if (users.problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', problemsMessage(users.problems));
  }
  const days = localDays(period.starts_on, period.ends_on, ctx.config.deadlines.timeZone);
  const shifts = proposeRoster(days, input.userIds, input.shiftHours, input.firstShiftStartsAt);
  return {
    duties: shifts.map((s) => ({
      id: null,
      userId: s.userId,
      userName: users.names.get(s.userId) ?? '',
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      note: null,
    })),
    coverage: rosterCoverage(days, shifts),
  };
}
