import { ingestPosts, type IngestReport } from '../ingest/ingest-posts.js';
import type { SourcesTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import type { AppContext } from '../server/context.js';
import { notFound } from '../server/errors.js';
import { crawl, type CrawlResult } from './crawl.js';
import { effectiveInterval } from './effective-interval.js';
import { fetchSettings, type FetchSettings } from './fetch/fetch-settings.js';
import { leasedPages } from './leased-pages.js';
import { definitionOf } from './source-definition.js';
import { forgetValidators, markIncomplete } from './sources.queries.js';

export type RunTrigger = 'schedule' | 'watch' | 'manual';

export interface RunSourceOptions {
  fetch?: Partial<FetchSettings>;
  /** How long a page lease lasts before another worker may take the page. */
  leaseMs?: number;
}

export interface RunSourceReport {
  runId: number;
  sourceId: number;
  trigger: RunTrigger;
  /** partial (部分成功): the pages were read but content was lost; `warnings` says what. */
  status: 'ok' | 'partial' | 'failed';
  /** Pages requested (answered or not), robots-blocked ones excluded. */
  pages: number;
  notModified: number;
  robotsBlocked: number;
  found: number;
  /** New originals stored; near-duplicates (stored too, linked to their original) are counted apart. */
  new: number;
  /** Not stored: the same URL or the same text as a stored post. */
  duplicates: number;
  nearDuplicates: number;
  /** Why the run failed. */
  error: string | null;
  /** What a run that did not fail lost (detail pages unread, selectors that matched nothing). */
  warnings: string[];
  /** Everything the crawl noted, warnings of the preview included. */
  notes: string[];
}

const DEFAULT_LEASE_MS = 10 * 60_000;
/** Longer than the fetch job may run (30 minutes). */
const STALE_RUN_MS = 2 * 3600_000;

/**
 * One fetch of a source (a source_runs row from 'running' to 'ok' or 'failed'): its pages read
 * under robots.txt, politeness and page leases, its items through the post pipeline, and its
 * health and next run time updated. A failing feed, list or API page fails the run; a failing
 * detail page, a detail page without its body or a list page without links makes it 部分成功:
 * recorded with its warnings, shown as the source's health, and read again next time.
 */
export async function runSource(
  ctx: AppContext,
  sourceId: number,
  trigger: RunTrigger,
  options: RunSourceOptions = {},
): Promise<RunSourceReport> {
  const source = await ctx.db
    .selectFrom('sources')
    .selectAll()
    .where('id', '=', sourceId)
    .executeTakeFirst();
  if (!source) throw notFound('信息源');
  // A run left 'running' by a worker that died is closed, so the history does not show it forever.
  await ctx.db
    .updateTable('source_runs')
    .set({ status: 'failed', finished_at: ctx.clock.now(), error: '抓取中断（进程退出）' })
    .where('source_id', '=', sourceId)
    .where('status', '=', 'running')
    .where('started_at', '<', new Date(ctx.clock.now().getTime() - STALE_RUN_MS))
    .execute();
  const run = await ctx.db
    .insertInto('source_runs')
    .values({ source_id: sourceId, trigger, status: 'running', started_at: ctx.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const settings = fetchSettings(ctx, options.fetch);
  const def = definitionOf(source);
  let crawled: CrawlResult | null = null;
  let ingested: IngestReport | null = null;
  let busyUntil: Date | null = null;
  try {
    if (def) {
      const pages = leasedPages(ctx, sourceId, settings, options.leaseMs ?? DEFAULT_LEASE_MS);
      crawled = await crawl(def, pages.getPage, { now: ctx.clock.now() });
      if (crawled.items.length > 0) {
        ingested = await ingestPosts(
          ctx,
          crawled.items.map((item) => ({ ...item })),
          { sourceKey: `source:${sourceId}`, sourceName: source.name, completeTitleOnly: true },
        );
      }
      // Only now that the posts are stored are the pages taken as read (see leasedPages).
      await pages.commit();
      // Stored meanwhile with only their title; read again next time, to complete those posts.
      await markIncomplete(ctx, crawled.incompleteDetails, '正文选择器没有匹配到内容');
      if (crawled.detailErrors.length > 0 || crawled.losses.length > 0 || pages.busy.length > 0) {
        // Read the index pages again next time, so that the missing detail pages are retried
        // (also those a run cut off still held when this one came).
        const indexPages = crawled.pages.filter((p) => p.role !== 'detail' && p.result === 'ok');
        await forgetValidators(
          ctx,
          indexPages.map((p) => p.url),
        );
        // Pages held by a run that was cut off: read once their lease ends, not a day later.
        busyUntil = await leaseEnd(ctx, pages.busy);
      }
    }
  } catch (error) {
    await finish(ctx, source, run.id, {
      crawled,
      ingested,
      error: `内部错误：${error instanceof Error ? error.message.slice(0, 200) : String(error)}`,
    });
    throw error;
  }
  return finish(ctx, source, run.id, {
    crawled,
    ingested,
    busyUntil,
    error: def ? (crawled?.fatal ?? null) : '信息源地址或配置无效',
  });
}

function nextRunAt(now: Date, minutes: number, busyUntil: Date | null): Date {
  const next = now.getTime() + minutes * 60_000;
  return new Date(busyUntil ? Math.min(next, busyUntil.getTime() + 60_000) : next);
}

/** When the last of these pages' leases ends (null when none is held). */
async function leaseEnd(ctx: AppContext, urls: readonly string[]): Promise<Date | null> {
  if (urls.length === 0) return null;
  const row = await ctx.db
    .selectFrom('fetched_pages')
    .select((eb) => eb.fn.max('leased_until').as('until'))
    .where('url', 'in', urls)
    .executeTakeFirst();
  return row?.until ? new Date(row.until) : null;
}

async function finish(
  ctx: AppContext,
  source: Selectable<SourcesTable>,
  runId: number,
  outcome: {
    crawled: CrawlResult | null;
    ingested: IngestReport | null;
    error: string | null;
    /** Some pages were held by another run until then: the next run comes no later. */
    busyUntil?: Date | null;
  },
): Promise<RunSourceReport> {
  const { crawled, ingested } = outcome;
  const pages = crawled?.pages ?? [];
  const detailErrors = crawled?.detailErrors ?? [];
  const notes = [...detailErrors, ...(crawled?.warnings ?? [])];
  const failed = outcome.error !== null;
  const warnings = failed
    ? []
    : [
        ...(detailErrors.length > 0
          ? [`${detailErrors.length} 个详情页未能读取（${detailErrors[0] ?? ''}）`]
          : []),
        ...(crawled?.losses ?? []),
      ].map((w) => w.slice(0, 500));
  const report: RunSourceReport = {
    runId,
    sourceId: source.id,
    // Read back from the run row below.
    trigger: 'manual',
    status: failed ? 'failed' : warnings.length > 0 ? 'partial' : 'ok',
    pages: pages.filter((p) => p.result !== 'blocked' && p.result !== 'skipped').length,
    notModified: pages.filter((p) => p.result === 'unchanged').length,
    robotsBlocked: pages.filter((p) => p.result === 'blocked').length,
    found: crawled?.found ?? 0,
    new: ingested?.new ?? 0,
    duplicates: (ingested?.duplicateUrl ?? 0) + (ingested?.duplicateText ?? 0),
    nearDuplicates: ingested?.nearDuplicate ?? 0,
    error: outcome.error,
    warnings,
    notes,
  };
  const now = ctx.clock.now();
  const interval = await effectiveInterval(ctx, source, now);
  await ctx.db.transaction().execute(async (trx) => {
    const run = await trx
      .updateTable('source_runs')
      .set({
        status: report.status,
        finished_at: now,
        pages: report.pages,
        not_modified: report.notModified,
        robots_blocked: report.robotsBlocked,
        found: report.found,
        new: report.new,
        duplicates: report.duplicates,
        near_duplicates: report.nearDuplicates,
        error: report.error,
        warnings: report.warnings,
      })
      .where('id', '=', runId)
      .returning('trigger')
      .executeTakeFirstOrThrow();
    report.trigger = run.trigger;
    await trx
      .updateTable('sources')
      .set({
        last_run_at: now,
        last_found: report.found,
        last_new: report.new,
        ...(failed
          ? { last_error_at: now, last_error: outcome.error }
          : {
              last_success_at: now,
              last_warning: warnings.length > 0 ? warnings.join('；').slice(0, 1000) : null,
            }),
        ...(source.enabled
          ? { next_run_at: nextRunAt(now, interval.minutes, outcome.busyUntil ?? null) }
          : {}),
      })
      .where('id', '=', source.id)
      .execute();
  });
  return report;
}
