import type { AppContext } from '../../server/context.js';
import { syncHolidays } from './holiday-arrangements.js';

/** How often a process rereads 节假日安排: a change made through another process reaches it within this. */
export const HOLIDAY_SYNC_MS = 60_000;

/**
 * Loads the entered holiday arrangements into this process's calendar now, and again every
 * minute, so that API and worker processes on one database count the same days. Returns a stop.
 */
export async function startHolidaySync(
  ctx: AppContext,
  log: { warn(obj: unknown, msg: string): void },
): Promise<() => void> {
  await syncHolidays(ctx);
  const timer = setInterval(() => {
    syncHolidays(ctx).catch((err: unknown) => log.warn({ err }, 'reloading 节假日安排 failed'));
  }, HOLIDAY_SYNC_MS);
  timer.unref();
  return () => clearInterval(timer);
}
