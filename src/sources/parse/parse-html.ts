import * as cheerio from 'cheerio';
import type { HtmlSourceConfig } from '../source-config.js';
import { parseSiteDate } from './dates.js';
import { absoluteUrl, htmlToText, parseCount, tidy, type ParsedItem } from './parsed-item.js';

type Doc = cheerio.CheerioAPI;

function load(html: string, pageUrl: string): { $: Doc; base: string } {
  const $ = cheerio.load(html);
  const baseHref = $('base[href]').attr('href');
  return { $, base: absoluteUrl(baseHref, pageUrl) ?? pageUrl };
}

/** The href of an element that is a link or holds one. */
function hrefOf($: Doc, el: Parameters<Doc>[0]): string | undefined {
  const node = $(el);
  return node.is('a[href]') ? node.attr('href') : node.find('a[href]').first().attr('href');
}

/** A selector that cheerio cannot parse matches nothing rather than failing the page. */
function select($: Doc, selector: string): ReturnType<Doc> {
  try {
    return $(selector);
  } catch {
    return $([]);
  }
}

export interface ParsedListPage {
  /** Absolute detail-page URLs in page order, without repeats. */
  links: string[];
  nextPage: string | null;
}

/** A list page: the item links and the next page's link, both made absolute. */
export function parseListPage(
  html: string,
  pageUrl: string,
  config: HtmlSourceConfig,
): ParsedListPage {
  const { $, base } = load(html, pageUrl);
  const links: string[] = [];
  select($, config.itemLink).each((_, el) => {
    const url = absoluteUrl(hrefOf($, el), base);
    if (url && !links.includes(url)) links.push(url);
  });
  let nextPage: string | null = null;
  if (config.nextPage) {
    const first = select($, config.nextPage).first();
    const next = first.length > 0 ? absoluteUrl(hrefOf($, first.get(0)), base) : null;
    // A "next" link back to the same page ends the pagination.
    nextPage = next && next !== absoluteUrl(pageUrl, pageUrl) ? next : null;
  }
  return { links, nextPage };
}

export type DetailField = 'title' | 'body' | 'author' | 'time' | 'likes';

export interface ParsedDetailPage {
  item: ParsedItem;
  /** Configured fields whose selector matched nothing on this page. */
  missing: DetailField[];
}

/** A detail page: each configured field read by its selector. */
export function parseDetailPage(
  html: string,
  pageUrl: string,
  config: HtmlSourceConfig,
  now: Date,
): ParsedDetailPage {
  const { $ } = load(html, pageUrl);
  const missing: DetailField[] = [];
  const textOf = (field: DetailField, selector: string | undefined): string | null => {
    if (!selector) return null;
    const nodes = select($, selector);
    const value = tidy(nodes.first().text());
    if (!value) missing.push(field);
    return value || null;
  };
  const title = textOf('title', config.title);
  const bodyNodes = select($, config.body);
  const body = bodyNodes
    .map((_, el) => htmlToText($(el).html() ?? ''))
    .get()
    .filter((t) => t.length > 0)
    .join('\n');
  if (!body) missing.push('body');
  const author = textOf('author', config.author);
  let postedAt: Date | null = null;
  if (config.time) {
    const node = select($, config.time).first();
    const raw = node.attr('datetime') ?? node.attr('content') ?? node.text();
    postedAt = parseSiteDate(raw, now);
    if (!postedAt) missing.push('time');
  }
  const likesText = textOf('likes', config.likes);
  return {
    item: {
      externalId: null,
      url: pageUrl,
      title,
      body,
      author,
      postedAt,
      likes: parseCount(likesText),
    },
    missing,
  };
}
