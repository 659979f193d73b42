import { sql } from 'kysely';
import type { AppContext } from '../server/context.js';
import type { PageRole } from './crawl.js';

export interface PageLease {
  etag: string | null;
  last_modified: string | null;
  content_hash: string | null;
}

/**
 * Takes the page's lease, or returns null when another worker holds an unexpired one or the page
 * is a detail page already read successfully (never fetched twice). A detail page that answered
 * but whose body was not found (error set, see markIncomplete) is read again.
 */
/**
 * A detail page read in a run whose posts are not stored yet: not done, and still leased, so a
 * run cut off before storing them leaves the page to be read again once the lease runs out.
 */
export const UNSTORED = '已读取，尚未入库';

/**
 * Takes the page for this run: 'busy' while another run's lease lasts, 'done' for a detail page
 * read and stored before (never fetched again).
 */
export async function leasePage(
  ctx: AppContext,
  page: { url: string; sourceId: number | null; role: PageRole },
  now: Date,
  leaseMs: number,
): Promise<PageLease | 'busy' | 'done'> {
  const until = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<PageLease>`
    insert into fetched_pages (url, source_id, role, leased_until)
    values (${page.url}, ${page.sourceId}, ${page.role}, ${until})
    on conflict (url) do update
      set leased_until = excluded.leased_until,
          source_id = coalesce(fetched_pages.source_id, excluded.source_id)
      where (fetched_pages.leased_until is null or fetched_pages.leased_until < ${now})
        and not (fetched_pages.role = 'detail' and fetched_pages.status between 200 and 299
          and fetched_pages.error is null)
    returning etag, last_modified, content_hash`.execute(ctx.db);
  if (rows[0]) return rows[0];
  const held = await ctx.db
    .selectFrom('fetched_pages')
    .select(['leased_until'])
    .where('url', '=', page.url)
    .executeTakeFirst();
  return held?.leased_until && held.leased_until.getTime() >= now.getTime() ? 'busy' : 'done';
}

export interface PageValidators {
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentHash: string;
}

/** A run's posts are stored: its index pages' validators kept, its detail pages done. */
export async function commitPages(
  ctx: AppContext,
  validators: readonly PageValidators[],
  details: readonly string[],
): Promise<void> {
  for (const v of validators) {
    await ctx.db
      .updateTable('fetched_pages')
      .set({ etag: v.etag, last_modified: v.lastModified, content_hash: v.contentHash })
      .where('url', '=', v.url)
      .execute();
  }
  if (details.length === 0) return;
  await ctx.db
    .updateTable('fetched_pages')
    .set({ error: null, leased_until: null })
    .where('url', 'in', details)
    .where('error', '=', UNSTORED)
    .execute();
}

export interface PageRecord {
  status: number | null;
  /** Undefined keeps what is stored (a 304 or a failure leaves the validators as they were). */
  etag?: string | null;
  lastModified?: string | null;
  contentHash?: string | null;
  fetchedAt: Date | null;
  attempts: number;
  error: string | null;
  /** Kept leased until then (a detail page until its post is stored), not released. */
  holdUntil?: Date;
}

/** What the fetch gave, and the lease released. */
export async function releasePage(ctx: AppContext, url: string, record: PageRecord): Promise<void> {
  await ctx.db
    .updateTable('fetched_pages')
    .set((eb) => ({
      leased_until: record.holdUntil ?? null,
      status: record.status,
      error: record.error,
      attempts: eb('attempts', '+', record.attempts),
      ...(record.etag !== undefined ? { etag: record.etag } : {}),
      ...(record.lastModified !== undefined ? { last_modified: record.lastModified } : {}),
      ...(record.contentHash !== undefined ? { content_hash: record.contentHash } : {}),
      ...(record.fetchedAt ? { fetched_at: record.fetchedAt } : {}),
    }))
    .where('url', '=', url)
    .execute();
}

/** Detail pages read without their body: the next run reads them again (leasePage). */
export async function markIncomplete(
  ctx: AppContext,
  urls: readonly string[],
  reason: string,
): Promise<void> {
  if (urls.length === 0) return;
  await ctx.db
    .updateTable('fetched_pages')
    .set({ error: reason })
    .where('url', 'in', urls)
    .where('role', '=', 'detail')
    .execute();
}

/** Forget an index page's validators so that the next run reads it (and its items) again. */
export async function forgetValidators(ctx: AppContext, urls: readonly string[]): Promise<void> {
  if (urls.length === 0) return;
  await ctx.db
    .updateTable('fetched_pages')
    .set({ etag: null, last_modified: null, content_hash: null })
    .where('url', 'in', urls)
    .execute();
}

/** The shortest interval of the watch periods running on that local date that include the source. */
export async function watchIntervalMinutes(
  ctx: AppContext,
  sourceId: number,
  today: string,
): Promise<number | null> {
  const row = await ctx.db
    .selectFrom('watch_periods as wp')
    .innerJoin('watch_period_sources as wps', 'wps.period_id', 'wp.id')
    .select((eb) => eb.fn.min('wp.interval_minutes').as('minutes'))
    .where('wps.source_id', '=', sourceId)
    .where('wp.starts_on', '<=', today)
    .where('wp.ends_on', '>=', today)
    .executeTakeFirst();
  return row?.minutes === null || row?.minutes === undefined ? null : Number(row.minutes);
}
