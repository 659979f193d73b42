import type { AppContext } from '../server/context.js';
import { crawl, type GetPage, type PageResult } from './crawl.js';
import { fetchPage } from './fetch/fetch-page.js';
import { fetchSettings, type FetchSettings } from './fetch/fetch-settings.js';
import type { SourceDefinition } from './source-config.js';

export interface PreviewResult {
  items: {
    url: string | null;
    title: string | null;
    body: string;
    author: string | null;
    postedAt: string | null;
    likes: number | null;
  }[];
  pages: { url: string; status: number | null; error?: string }[];
  warnings: string[];
}

const DEFAULT_PREVIEW_ITEMS = 5;
/** A preview is interactive: give up sooner and retry less than a scheduled run. */
const PREVIEW_FETCH: Partial<FetchSettings> = { timeoutMs: 10_000, retries: 1 };

/**
 * 试抓取: fetch a source as it is defined (stored or not) and show what its selectors or field
 * mapping extract. robots.txt and the host's politeness apply; no post and no page is stored.
 */
export async function previewSource(
  ctx: AppContext,
  def: SourceDefinition,
  options?: { maxItems?: number; fetch?: Partial<FetchSettings> },
): Promise<PreviewResult> {
  const settings = fetchSettings(ctx, { ...PREVIEW_FETCH, ...options?.fetch });
  const getPage: GetPage = async (url) => {
    const res = await fetchPage(ctx, url, settings);
    switch (res.outcome) {
      case 'ok':
        return {
          kind: 'ok',
          status: res.status,
          finalUrl: res.finalUrl,
          body: res.body,
          contentType: res.contentType,
        } satisfies PageResult;
      case 'not-modified':
        return { kind: 'unchanged', status: 304 };
      case 'robots-blocked':
        return { kind: 'blocked', error: res.error };
      case 'failed':
        return { kind: 'failed', status: res.status, error: res.error };
    }
  };
  const result = await crawl(def, getPage, {
    now: ctx.clock.now(),
    maxItems: options?.maxItems ?? DEFAULT_PREVIEW_ITEMS,
  });
  // A fatal page error is among the warnings already, with its address.
  const warnings = [...result.warnings, ...result.detailErrors];
  if (!result.fatal && result.items.length === 0 && result.found === 0) {
    warnings.push(
      def.kind === 'html' ? '没有读到任何条目，请检查地址和选择器' : '没有读到任何条目，请检查地址',
    );
  }
  return {
    items: result.items.map((item) => ({
      url: item.url,
      title: item.title,
      body: item.body,
      author: item.author,
      postedAt: item.postedAt ? item.postedAt.toISOString() : null,
      likes: item.likes,
    })),
    pages: result.pages.map((p) => ({
      url: p.url,
      status: p.status,
      ...(p.error ? { error: p.error } : {}),
    })),
    warnings,
  };
}
