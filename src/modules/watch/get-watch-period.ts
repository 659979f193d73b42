import { localDate } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { localDays, rosterCoverage } from './roster.js';
import { getWatchPeriodSummary, listDuties, listPeriodSources } from './watch.queries.js';
import type { WatchPeriodDetail } from './watch.schemas.js';

/** A period with its sources, its roster (each shift with the person's name) and its coverage. */
export async function getWatchPeriod(
  ctx: AppContext,
  id: number,
): Promise<WatchPeriodDetail | undefined> {
  const timeZone = ctx.config.deadlines.timeZone;
  const today = localDate(ctx.clock.now(), timeZone);
  const summary = await getWatchPeriodSummary(ctx.db, id, today);
  if (!summary) return undefined;
  const [sources, duties] = await Promise.all([
    listPeriodSources(ctx.db, id),
    listDuties(ctx.db, [id]),
  ]);
  const coverage = rosterCoverage(
    localDays(summary.startsOn, summary.endsOn, timeZone),
    duties.map((d) => ({
      userId: d.userId,
      startsAt: new Date(d.startsAt),
      endsAt: new Date(d.endsAt),
    })),
  );
  return {
    ...summary,
    sources,
    duties: duties.map(({ periodId: _periodId, ...duty }) => duty),
    coverage,
  };
}
