import { decodeBody } from './fetch/decode.js';
import { parseFeed } from './parse/parse-feed.js';
import { parseDetailPage, parseListPage, type DetailField } from './parse/parse-html.js';
import { parseJsonPage } from './parse/parse-json.js';
import type { ParsedItem } from './parse/parsed-item.js';
import type { SourceDefinition } from './source-config.js';

export type PageRole = 'feed' | 'list' | 'detail' | 'api';

/** What fetching one page gave, as the crawl needs it. */
export type PageResult =
  | { kind: 'ok'; status: number; finalUrl: string; body: Buffer; contentType: string | null }
  /** 304, or the same bytes as last time: nothing to process. */
  | { kind: 'unchanged'; status: number }
  /** Another worker holds the page, or it is a detail page already read. */
  | { kind: 'skipped' }
  | { kind: 'blocked'; error: string }
  | { kind: 'failed'; status: number | null; error: string };

/** How the crawl reaches pages: with leases and validators in a run, plainly in a preview. */
export type GetPage = (url: string, role: PageRole) => Promise<PageResult>;

export interface CrawledPage {
  url: string;
  role: PageRole;
  result: PageResult['kind'];
  status: number | null;
  error?: string;
}

export interface CrawlResult {
  items: ParsedItem[];
  pages: CrawledPage[];
  /** Item links or entries seen on feed, list and API pages. */
  found: number;
  /** A feed, list or API page could not be read: the run fails with this. */
  fatal: string | null;
  /** Detail pages that could not be read: noted, the run goes on. */
  detailErrors: string[];
  /**
   * Content lost although its pages were read: a body selector or field that matched nothing, a
   * list page without item links. A run with any is 部分成功, not 成功.
   */
  losses: string[];
  /** Detail pages read whose body was not found: their posts hold only the title until re-read. */
  incompleteDetails: string[];
  warnings: string[];
}

export interface CrawlOptions {
  now: Date;
  /** Stop after this many items (a preview); all of them otherwise. */
  maxItems?: number;
}

const DEFAULT_MAX_PAGES = 5;
const DEFAULT_FEED_ITEMS = 200;

const FIELD_NAMES: Record<DetailField, string> = {
  title: '标题',
  body: '正文',
  author: '作者',
  time: '时间',
  likes: '点赞数',
};

/** Reads a source's pages by kind and parses them into items; no database writes of its own. */
export async function crawl(
  def: SourceDefinition,
  getPage: GetPage,
  options: CrawlOptions,
): Promise<CrawlResult> {
  const result: CrawlResult = {
    items: [],
    pages: [],
    found: 0,
    fatal: null,
    detailErrors: [],
    losses: [],
    incompleteDetails: [],
    warnings: [],
  };
  const fetchOne = async (url: string, role: PageRole): Promise<PageResult> => {
    const page = await getPage(url, role);
    const status =
      page.kind === 'ok' || page.kind === 'unchanged' || page.kind === 'failed'
        ? page.status
        : null;
    const error = page.kind === 'failed' || page.kind === 'blocked' ? page.error : undefined;
    result.pages.push({ url, role, result: page.kind, status, ...(error ? { error } : {}) });
    return page;
  };
  switch (def.kind) {
    case 'rss':
      await crawlFeed(def.url, def.config.maxItems, fetchOne, result, options);
      break;
    case 'html':
      await crawlHtml(def, fetchOne, result, options);
      break;
    case 'json':
      await crawlJson(def, fetchOne, result, options);
      break;
  }
  return result;
}

/** The source cannot be read at all: the run fails with this, and 试抓取 shows it. */
function fail(result: CrawlResult, message: string): void {
  result.fatal = message;
  result.warnings.push(message);
}

function indexPageFailed(page: PageResult, url: string, result: CrawlResult): boolean {
  if (page.kind === 'failed' || page.kind === 'blocked') {
    result.fatal = page.error;
    result.warnings.push(`${page.error}：${url}`);
    return true;
  }
  return false;
}

async function crawlFeed(
  url: string,
  maxItems: number | undefined,
  getPage: GetPage,
  result: CrawlResult,
  options: CrawlOptions,
): Promise<void> {
  const page = await getPage(url, 'feed');
  if (indexPageFailed(page, url, result) || page.kind !== 'ok') return;
  const feed = parseFeed(decodeBody(page.body, page.contentType).text, page.finalUrl, options.now);
  if (!feed) {
    fail(result, `不是 RSS 或 Atom 订阅源（读到的是网页或其他内容），请检查地址：${url}`);
    return;
  }
  if (feed.items.length === 0) result.warnings.push(`订阅源 ${url} 中没有条目`);
  result.found = feed.items.length;
  const limit = Math.min(maxItems ?? DEFAULT_FEED_ITEMS, options.maxItems ?? Infinity);
  result.items = feed.items.slice(0, limit);
}

async function crawlHtml(
  def: Extract<SourceDefinition, { kind: 'html' }>,
  getPage: GetPage,
  result: CrawlResult,
  options: CrawlOptions,
): Promise<void> {
  const { config } = def;
  const links: string[] = [];
  const seenPages = new Set<string>();
  let pageUrl: string | null = def.url;
  for (let n = 1; pageUrl && n <= (config.maxPages ?? DEFAULT_MAX_PAGES); n++) {
    if (seenPages.has(pageUrl)) break;
    seenPages.add(pageUrl);
    const page = await getPage(pageUrl, 'list');
    if (indexPageFailed(page, pageUrl, result)) return;
    // Unchanged since last time (or being read by another worker): nothing new further on.
    if (page.kind !== 'ok') break;
    const list = parseListPage(decodeBody(page.body, page.contentType).text, page.finalUrl, config);
    if (list.links.length === 0) {
      const message = `列表选择器 ${config.itemLink} 在 ${pageUrl} 上没有匹配到链接`;
      result.warnings.push(message);
      result.losses.push(message);
    }
    for (const link of list.links) if (!links.includes(link)) links.push(link);
    if (options.maxItems !== undefined && links.length >= options.maxItems) break;
    pageUrl = list.nextPage;
  }
  result.found = links.length;
  const warned = new Set<DetailField>();
  for (const link of links.slice(0, options.maxItems ?? links.length)) {
    const page = await getPage(link, 'detail');
    if (page.kind === 'failed') {
      result.detailErrors.push(`${page.error}：${link}`);
      continue;
    }
    if (page.kind !== 'ok') continue;
    const detail = parseDetailPage(
      decodeBody(page.body, page.contentType).text,
      page.finalUrl,
      config,
      options.now,
    );
    for (const field of detail.missing) {
      if (warned.has(field)) continue;
      warned.add(field);
      const selector = field === 'time' ? config.time : config[field];
      result.warnings.push(
        `${FIELD_NAMES[field]}选择器 ${selector ?? ''} 在 ${link} 上没有匹配到内容`,
      );
    }
    if (detail.missing.includes('body')) result.incompleteDetails.push(link);
    result.items.push(detail.item);
  }
  const incomplete = result.incompleteDetails;
  if (incomplete.length > 0) {
    result.losses.push(
      `正文选择器 ${config.body} 在 ${incomplete.length} 个详情页没有匹配到内容（如 ${incomplete[0] ?? ''}），` +
        '已先只存标题，修正选择器后下次抓取补全正文',
    );
  }
}

function withPage(url: string, param: string, page: number): string {
  const u = new URL(url);
  u.searchParams.set(param, String(page));
  return u.toString();
}

async function crawlJson(
  def: Extract<SourceDefinition, { kind: 'json' }>,
  getPage: GetPage,
  result: CrawlResult,
  options: CrawlOptions,
): Promise<void> {
  const { config } = def;
  const maxPages = config.pageParam ? (config.maxPages ?? DEFAULT_MAX_PAGES) : 1;
  for (let n = 1; n <= maxPages; n++) {
    const url = config.pageParam ? withPage(def.url, config.pageParam, n) : def.url;
    const page = await getPage(url, 'api');
    if (indexPageFailed(page, url, result)) return;
    if (page.kind !== 'ok') break;
    let json: unknown;
    try {
      json = JSON.parse(decodeBody(page.body, page.contentType).text);
    } catch {
      fail(result, `接口返回的不是 JSON：${url}`);
      return;
    }
    const parsed = parseJsonPage(json, page.finalUrl, config, options.now);
    if (!parsed.found) {
      fail(result, `条目路径 ${config.itemsPath || '（根）'} 在 ${url} 的返回中不是数组`);
      return;
    }
    if (parsed.items.length === 0) break;
    if (n === 1 && parsed.items.every((i) => !i.body)) {
      const message = `正文字段 ${config.fields.body} 在 ${url} 的条目中没有内容`;
      result.warnings.push(message);
      result.losses.push(message);
    }
    result.found += parsed.items.length;
    result.items.push(...parsed.items);
    if (options.maxItems !== undefined && result.items.length >= options.maxItems) {
      result.items = result.items.slice(0, options.maxItems);
      break;
    }
  }
}
