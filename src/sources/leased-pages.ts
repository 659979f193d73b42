import { createHash } from 'node:crypto';
import type { AppContext } from '../server/context.js';
import type { GetPage, PageResult } from './crawl.js';
import { fetchPage } from './fetch/fetch-page.js';
import type { FetchSettings } from './fetch/fetch-settings.js';
import {
  leasePage,
  releasePage,
  UNSTORED,
  commitPages,
  type PageValidators,
} from './sources.queries.js';

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export interface LeasedPages {
  getPage: GetPage;
  /**
   * Once the run's posts are stored: the index pages' new validators and the detail pages' being
   * done. Until then a run cut off (its process killed, an error while storing) leaves the pages
   * to be read again: the index pages with their old validators, the detail pages as not done.
   */
  commit(): Promise<void>;
  /** Pages another run held (its lease not run out): this run could not read them. */
  busy: string[];
}

/** Page access for a run: lease first, conditional GET for index pages, then record and release. */
export function leasedPages(
  ctx: AppContext,
  sourceId: number,
  settings: FetchSettings,
  leaseMs: number,
): LeasedPages {
  const indexPages: PageValidators[] = [];
  const details: string[] = [];
  const busy: string[] = [];
  const getPage: GetPage = async (url, role) => {
    const lease = await leasePage(ctx, { url, sourceId, role }, ctx.clock.now(), leaseMs);
    if (lease === 'busy') busy.push(url);
    if (lease === 'busy' || lease === 'done') return { kind: 'skipped' };
    const validators =
      role === 'detail' ? null : { etag: lease.etag, lastModified: lease.last_modified };
    let result: PageResult;
    try {
      const res = await fetchPage(ctx, url, settings, validators);
      const fetchedAt = ctx.clock.now();
      switch (res.outcome) {
        case 'ok': {
          const contentHash = sha256(res.body);
          const page = { etag: res.etag, lastModified: res.lastModified, contentHash };
          await releasePage(ctx, url, {
            status: res.status,
            // An index page keeps its old validators until commit; a detail page stays leased
            // and not done until then.
            ...(role === 'detail'
              ? { ...page, holdUntil: new Date(ctx.clock.now().getTime() + leaseMs) }
              : {}),
            fetchedAt,
            attempts: res.attempts,
            error: role === 'detail' ? UNSTORED : null,
          });
          if (role === 'detail') details.push(url);
          else indexPages.push({ url, ...page });
          // A server without validators that sends the same bytes again: unchanged all the same.
          result =
            role !== 'detail' && contentHash === lease.content_hash
              ? { kind: 'unchanged', status: res.status }
              : {
                  kind: 'ok',
                  status: res.status,
                  finalUrl: res.finalUrl,
                  body: res.body,
                  contentType: res.contentType,
                };
          break;
        }
        case 'not-modified':
          await releasePage(ctx, url, {
            status: 304,
            fetchedAt,
            attempts: res.attempts,
            error: null,
          });
          result = { kind: 'unchanged', status: 304 };
          break;
        case 'robots-blocked':
          await releasePage(ctx, url, {
            status: null,
            fetchedAt: null,
            attempts: 0,
            error: res.error,
          });
          result = { kind: 'blocked', error: res.error };
          break;
        case 'failed':
          await releasePage(ctx, url, {
            status: res.status,
            fetchedAt,
            attempts: res.attempts,
            error: res.error,
          });
          result = { kind: 'failed', status: res.status, error: res.error };
          break;
      }
    } catch (error) {
      await releasePage(ctx, url, {
        status: null,
        fetchedAt: null,
        attempts: 1,
        error: '内部错误',
      });
      throw error;
    }
    return result;
  };
  return { getPage, busy, commit: () => commitPages(ctx, indexPages, details) };
}
