import * as cheerio from 'cheerio';

/** One item as a parser reads it from a feed, a detail page or an API response. */
export interface ParsedItem {
  externalId: string | null;
  url: string | null;
  title: string | null;
  body: string;
  author: string | null;
  postedAt: Date | null;
  likes: number | null;
}

/** Text of an HTML fragment, block elements as line breaks, whitespace collapsed per line. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidy(html);
  const $ = cheerio.load(`<div id="__root">${html}</div>`);
  $('script, style, noscript').remove();
  $('br').replaceWith('\n');
  $('p, div, li, h1, h2, h3, h4, h5, h6, tr, blockquote, section, article').each((_, el) => {
    $(el).append('\n');
  });
  return tidy($('#__root').text());
}

export function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u3000]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** A count as sites show it: "1,234", "1.2万", "赞 35". */
export function parseCount(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.round(raw) : null;
  const match = /(\d[\d,]*(?:\.\d+)?)\s*(万)?/.exec(raw);
  if (!match?.[1]) return null;
  const n = Number(match[1].replace(/,/g, '')) * (match[2] ? 10_000 : 1);
  return Number.isFinite(n) ? Math.round(n) : null;
}

/** An absolute http(s) URL, or null for anything else (javascript:, mailto:, garbage). */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href?.trim()) return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}
