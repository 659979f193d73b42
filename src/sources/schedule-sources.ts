import { sql } from 'kysely';
import type { JobQueue } from '../jobs/job.js';
import { localDate } from '../lib/calendar.js';
import type { AppContext } from '../server/context.js';
import { effectiveInterval } from './effective-interval.js';
import type { RunTrigger } from './run-source.js';

export const FETCH_JOB = 'source.fetch';

export interface FetchJobData {
  sourceId: number;
  trigger: RunTrigger;
}

const BATCH = 100;

/**
 * Claims the sources that are due (enabled, fetched kinds, next_run_at reached, after a watch
 * period that began has pulled it in) and moves each one's next_run_at on by its effective
 * interval, in one transaction with `for update skip locked` so that two workers never claim the
 * same source; then enqueues one fetch per source (one at a time per source: singletonKey).
 */
export async function scheduleSources(ctx: AppContext, queue: JobQueue): Promise<FetchJobData[]> {
  const now = ctx.clock.now();
  const today = localDate(now, ctx.config.deadlines.timeZone);
  const claimed = await ctx.db.transaction().execute(async (trx) => {
    // A watch period that has begun pulls in sources scheduled further out than its interval
    // allows: to one interval after their last run, or now.
    await sql`
      update sources s
      set next_run_at = greatest(
        coalesce(s.last_run_at + make_interval(mins => w.minutes), ${now}::timestamptz),
        ${now}::timestamptz)
      from (
        select wps.source_id, min(wp.interval_minutes) as minutes
        from watch_periods wp
        join watch_period_sources wps on wps.period_id = wp.id
        where wp.starts_on <= ${today}::date and wp.ends_on >= ${today}::date
        group by wps.source_id
      ) w
      where w.source_id = s.id and s.enabled and s.next_run_at is not null
        and s.next_run_at > ${now}::timestamptz + make_interval(mins => w.minutes)`.execute(trx);
    const due = await sql<{ id: number; interval_minutes: number; requested: boolean }>`
      select s.id, s.interval_minutes, s.run_requested_at is not null as requested
      from sources s
      where s.enabled and s.kind in ('rss', 'html', 'json')
        and s.next_run_at is not null and s.next_run_at <= ${now}
      order by s.next_run_at
      limit ${BATCH}
      for update of s skip locked`.execute(trx);
    const jobs: FetchJobData[] = [];
    for (const source of due.rows) {
      const interval = await effectiveInterval({ ...ctx, db: trx }, source, now);
      await trx
        .updateTable('sources')
        .set({
          next_run_at: new Date(now.getTime() + interval.minutes * 60_000),
          run_requested_at: null,
        })
        .where('id', '=', source.id)
        .execute();
      jobs.push({ sourceId: source.id, trigger: source.requested ? 'manual' : interval.trigger });
    }
    return jobs;
  });
  for (const job of claimed) {
    await queue.send(FETCH_JOB, job, { singletonKey: `source:${job.sourceId}` });
  }
  return claimed;
}
