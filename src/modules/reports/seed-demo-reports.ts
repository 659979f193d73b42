import { sql } from 'kysely';
import { localDate } from '../../lib/calendar.js';
import type { AppContext } from '../../server/context.js';
import { ORG_NAME_KEY } from '../cases/documents/case-record.js';
import { startOfLocalDay } from '../cases/stats/period.js';
import { demoActor } from '../demo/seed-demo-cases.js';
import { DEMO_TOWNSHIP } from '../demo/seed-demo.js';
import { deliveryBody, generateReport } from './generate-report.js';
import { addDate } from './report-period.js';
import { loadReportSettings } from './report-settings.js';
import type { ReportFigures } from './report.schemas.js';

const DAILY_REPORTS = 3;

/** A context whose clock stands at the configured report time of a past day, as the schedule ran. */
async function asScheduled(ctx: AppContext): Promise<(date: string) => AppContext> {
  const timeZone = ctx.config.deadlines.timeZone;
  const { dailyTime } = await loadReportSettings(ctx.db);
  const minutes = Number(dailyTime.slice(0, 2)) * 60 + Number(dailyTime.slice(3));
  return (date) => {
    const then = new Date(startOfLocalDay(date, timeZone).getTime() + minutes * 60_000);
    return { ...ctx, clock: { now: () => then } };
  };
}

/**
 * Demo content: the daily reports of the last few working days, each generated and delivered to
 * the leaders as the schedule would have at the configured time of its day, and this month's
 * report so far as the office (办公室) would make it on demand: the schedule only makes a month's
 * report after the month, so one made before must not be listed as 定时生成; it is not sent.
 * The documents carry the demo township's name. Does nothing when any report exists; call it
 * after the demo posts and cases.
 */
export async function seedDemoReports(ctx: AppContext): Promise<number> {
  if (await ctx.db.selectFrom('reports').select('id').limit(1).executeTakeFirst()) return 0;
  const timeZone = ctx.config.deadlines.timeZone;
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('settings')
    .values({ key: ORG_NAME_KEY, value: JSON.stringify(DEMO_TOWNSHIP), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const as = await asScheduled(ctx);

  const today = localDate(now, timeZone);
  const days: string[] = [];
  for (let d = addDate(today, -1); days.length < DAILY_REPORTS; d = addDate(d, -1)) {
    if (ctx.config.deadlines.holidays.isWorkingDay(d)) days.unshift(d);
  }
  for (const day of days) {
    await generateReport({ ctx: as(day), actor: null, input: { kind: 'daily', date: day } });
  }
  const office = await demoActor(ctx.db, 'office');
  await generateReport({ ctx, actor: office, input: { kind: 'monthly' } });
  return days.length + 1;
}

/** Waits for the demo's sources' first fetch: their ids and when the demo was made. */
export const DEMO_FIRST_CRAWL_KEY = 'demo.first-crawl';

/**
 * How long after a demo post was written the demo pretends it was collected: the forum is read
 * hourly, so about half an hour.
 */
const DEMO_COLLECTION_LAG = "interval '30 minutes'";

/**
 * Called at the demo's first start, after seedDemoReports: the demo's sources are fetched only
 * once the server listens (within a minute), after the reports were made, so those reports knew
 * none of their posts. refreshDemoReports, run after each fetch, makes them again once every demo
 * source has been read.
 */
export async function awaitDemoFirstCrawl(ctx: AppContext, sourceIds: number[]): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('settings')
    .values({
      key: DEMO_FIRST_CRAWL_KEY,
      value: JSON.stringify({ sourceIds, since: now.toISOString() }),
      updated_at: now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/**
 * Once every demo source still there has had a successful run since the demo was made: the posts
 * those runs collected are dated as collected half an hour after they were written (capped at
 * when they came in), as if the township had been monitored all along, the way the demo's cases
 * and reports are dated in the past; then the demo's reports are made again, each as at its
 * time (a daily report counts the posts collected in its span, the month's those posted), and the leaders' messages about
 * them say the new figures. Runs once: the process that deletes the waiting row does it. Returns
 * whether it ran. A real installation (no demo) never has the row: one settings read per fetch.
 */
export async function refreshDemoReports(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', DEMO_FIRST_CRAWL_KEY)
    .executeTakeFirst();
  if (!row) return false;
  const waiting = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as {
    sourceIds: number[];
    since: string;
  };
  const since = new Date(waiting.since);
  const ids = waiting.sourceIds.length > 0 ? waiting.sourceIds : [0];
  const { rows } = await sql<{ left: number | string }>`
    select count(*) as left from sources s
    where s.id in (${sql.join(ids)})
      and not exists (select 1 from source_runs r
        where r.source_id = s.id and r.status in ('ok', 'partial') and r.started_at >= ${since})`.execute(
    ctx.db,
  );
  if (Number(rows[0]?.left ?? 0) > 0) return false;

  const taken = await ctx.db
    .deleteFrom('settings')
    .where('key', '=', DEMO_FIRST_CRAWL_KEY)
    .returning('key')
    .executeTakeFirst();
  if (!taken) return false;
  const keys = ids.map((id) => `source:${id}`);
  await sql`
    update posts set created_at = least(created_at, posted_at + ${sql.raw(DEMO_COLLECTION_LAG)})
    where source_key in (${sql.join(keys)}) and created_at >= ${since}`.execute(ctx.db);

  const reports = await ctx.db
    .selectFrom('reports')
    .select(['id', 'kind', 'period_start', 'generated_at', 'generated_by'])
    .orderBy('id')
    .execute();
  for (const r of reports) {
    // Made again as at its time, by whom it was made: neither sent again (deliver: false, and
    // a delivered report keeps its delivery) nor audited as a new act of anyone.
    const then = new Date(r.generated_at);
    await generateReport({
      ctx: { ...ctx, clock: { now: () => then } },
      actor: null,
      input: { kind: r.kind, date: r.period_start },
      deliver: false,
    });
    await ctx.db
      .updateTable('reports')
      .set({ generated_by: r.generated_by })
      .where('id', '=', r.id)
      .execute();
    const made = await ctx.db
      .selectFrom('reports')
      .select('figures')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    const figures = (
      typeof made.figures === 'string' ? JSON.parse(made.figures) : made.figures
    ) as ReportFigures;
    await ctx.db
      .updateTable('notifications')
      .set({ body: deliveryBody(figures) })
      .where('link', '=', `/reports/${r.id}`)
      .where('kind', 'like', 'report.%')
      .execute();
  }
  return true;
}
