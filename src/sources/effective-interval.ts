import { localDate } from '../lib/calendar.js';
import type { AppContext } from '../server/context.js';
import { watchIntervalMinutes } from './sources.queries.js';

export interface EffectiveInterval {
  minutes: number;
  /** 'watch' when an active watch period makes the source run more often than its own interval. */
  trigger: 'schedule' | 'watch';
}

/** The source's own interval, or a shorter one of a watch period running today (Asia/Shanghai). */
export async function effectiveInterval(
  ctx: AppContext,
  source: { id: number; interval_minutes: number },
  now: Date,
): Promise<EffectiveInterval> {
  const today = localDate(now, ctx.config.deadlines.timeZone);
  const watch = await watchIntervalMinutes(ctx, source.id, today);
  return watch !== null && watch < source.interval_minutes
    ? { minutes: watch, trigger: 'watch' }
    : { minutes: source.interval_minutes, trigger: 'schedule' };
}
