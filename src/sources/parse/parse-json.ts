import type { JsonSourceConfig } from '../source-config.js';
import { parseSiteDate } from './dates.js';
import { absoluteUrl, htmlToText, parseCount, type ParsedItem } from './parsed-item.js';

/** The value at a dotted path (`data.items`, `user.name`, `list.0.id`); '' is the value itself. */
export function valueAt(value: unknown, path: string | undefined): unknown {
  if (path === undefined) return undefined;
  if (path.trim() === '') return value;
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function dateOf(value: unknown, now: Date): Date | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Unix time in seconds or in milliseconds.
    return new Date(value < 1e11 ? value * 1000 : value);
  }
  const text = scalar(value);
  if (text && /^\d{10}(\d{3})?$/.test(text)) return dateOf(Number(text), now);
  return parseSiteDate(text, now);
}

export interface ParsedJsonPage {
  /** False when itemsPath does not lead to an array. */
  found: boolean;
  items: ParsedItem[];
}

/** A JSON API response read through the configured field mapping. */
export function parseJsonPage(
  json: unknown,
  pageUrl: string,
  config: JsonSourceConfig,
  now: Date,
): ParsedJsonPage {
  const list = valueAt(json, config.itemsPath);
  if (!Array.isArray(list)) return { found: false, items: [] };
  const f = config.fields;
  const items = list.map((entry: unknown): ParsedItem => {
    const likes = valueAt(entry, f.likes);
    return {
      externalId: scalar(valueAt(entry, f.id)),
      url: absoluteUrl(scalar(valueAt(entry, f.url)), pageUrl),
      title: scalar(valueAt(entry, f.title)),
      body: htmlToText(scalar(valueAt(entry, f.body)) ?? ''),
      author: scalar(valueAt(entry, f.author)),
      postedAt: dateOf(valueAt(entry, f.time), now),
      likes: typeof likes === 'number' ? parseCount(likes) : parseCount(scalar(likes)),
    };
  });
  return { found: true, items };
}
