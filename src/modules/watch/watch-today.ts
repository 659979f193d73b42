import { localDate } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { localDays, rosterCoverage } from './roster.js';
import { listDuties, periodsOn } from './watch.queries.js';
import type { WatchToday } from './watch.schemas.js';

/**
 * 今日值班: the watch periods of the local date of `now`, who is on duty at that instant, who
 * takes over next (everyone whose shift starts soonest after it), and the hours of that day nobody
 * covers. `now` defaults to the clock; a dashboard or a daily report may ask about another instant.
 */
export async function watchToday(
  ctx: AppContext,
  now: Date = ctx.clock.now(),
): Promise<WatchToday> {
  const timeZone = ctx.config.deadlines.timeZone;
  const today = localDate(now, timeZone);
  const periods = await periodsOn(ctx.db, today);
  const duties = await listDuties(
    ctx.db,
    periods.map((p) => p.id),
  );
  const [day] = localDays(today, today, timeZone);
  return {
    date: today,
    now: now.toISOString(),
    periods: periods.map((period) => {
      const own = duties.filter((d) => d.periodId === period.id);
      const shifts = own.map((d) => ({
        ...d,
        start: Date.parse(d.startsAt),
        end: Date.parse(d.endsAt),
      }));
      const person = (d: (typeof shifts)[number]) => ({
        userId: d.userId,
        userName: d.userName,
        startsAt: d.startsAt,
        endsAt: d.endsAt,
      });
      const onDuty = shifts.filter((d) => d.start <= now.getTime() && now.getTime() < d.end);
      const later = shifts.filter((d) => d.start > now.getTime());
      const nextStart = Math.min(...later.map((d) => d.start));
      const coverage = day
        ? rosterCoverage(
            [day],
            shifts.map((d) => ({
              userId: d.userId,
              startsAt: new Date(d.start),
              endsAt: new Date(d.end),
            })),
          )
        : [];
      return {
        id: period.id,
        name: period.name,
        kind: period.kind,
        startsOn: period.starts_on,
        endsOn: period.ends_on,
        onDuty: onDuty.map(person),
        next: later.filter((d) => d.start === nextStart).map(person),
        uncoveredHours: coverage[0]?.uncoveredHours ?? [],
      };
    }),
  };
}
