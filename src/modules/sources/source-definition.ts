import type { TSchema } from '@sinclair/typebox';
import { load } from 'cheerio';
import { Value } from '@sinclair/typebox/value';
import type { SourceKind } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import {
  FeedSourceConfig,
  HtmlSourceConfig,
  JsonSourceConfig,
  type SourceDefinition,
} from '../../sources/source-config.js';

const FIELD_LABELS: Record<string, string> = {
  itemLink: '列表项链接',
  nextPage: '下一页',
  title: '标题',
  body: '正文',
  author: '作者',
  time: '时间',
  likes: '点赞',
  maxPages: '最多页数',
  maxItems: '最多条数',
  itemsPath: '条目路径',
  fields: '字段映射',
  id: '编号',
  url: '链接',
  pageParam: '分页参数',
};

/** An http(s) address, or a 400 saying what is wrong with it. */
export function checkUrl(url: string | null | undefined): string {
  const text = url?.trim() ?? '';
  if (!text) throw new AppError('VALIDATION_FAILED', '请填写地址（http:// 或 https:// 开头）');
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new AppError('VALIDATION_FAILED', `地址无法识别：${text.slice(0, 100)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('VALIDATION_FAILED', '地址必须以 http:// 或 https:// 开头');
  }
  return parsed.toString();
}

function checkConfig<T>(schema: TSchema, config: unknown): T {
  const value: unknown = config ?? {};
  if (Value.Check(schema, value)) return value as T;
  const first = Value.Errors(schema, value).First();
  const path = first?.path.split('/').filter(Boolean) ?? [];
  const field = path.map((p) => FIELD_LABELS[p] ?? p).join(' › ');
  const what = field ? `「${field}」` : '';
  const missing = first && first.value === undefined;
  throw new AppError(
    'VALIDATION_FAILED',
    missing ? `配置缺少${what}` : `配置${what}不正确${first ? `：${first.message}` : ''}`,
  );
}

const SELECTOR_FIELDS = [
  'itemLink',
  'nextPage',
  'title',
  'body',
  'author',
  'time',
  'likes',
] as const;

/**
 * Each CSS selector of an HTML source, tried on an empty page: one badly written would otherwise
 * be told only at the first fetch, as 没有匹配到内容, which sends the clerk looking at the site.
 * A trailing combinator (`div.content >`) is accepted by the selector engine and matches nothing.
 */
function checkSelectors(config: HtmlSourceConfig): HtmlSourceConfig {
  const $ = load('');
  for (const field of SELECTOR_FIELDS) {
    const selector = config[field];
    if (!selector) continue;
    const what = `「${FIELD_LABELS[field] ?? field}」选择器 ${selector}`;
    if (/[>+~,]\s*$/.test(selector))
      throw new AppError(
        'VALIDATION_FAILED',
        `${what} 写得不完整：结尾的「${selector.trim().slice(-1)}」后面缺少元素`,
      );
    try {
      $(selector);
    } catch {
      throw new AppError('VALIDATION_FAILED', `${what} 写法有误，请检查括号、引号和符号`);
    }
  }
  return config;
}

/** Trims the selector strings and drops empty optional ones, as the form sends them. */
function tidy(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') {
      const v = value.trim();
      if (v) out[key] = v;
      else if (key === 'itemsPath') out[key] = '';
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      out[key] = tidy(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** What a fetched source needs, checked: an http(s) URL and the config its kind expects. */
export function fetchedDefinition(
  kind: 'rss' | 'html' | 'json',
  url: string | null | undefined,
  config: unknown,
): SourceDefinition {
  const checkedUrl = checkUrl(url);
  const c = tidy(config ?? {});
  switch (kind) {
    case 'rss':
      return { kind, url: checkedUrl, config: checkConfig<FeedSourceConfig>(FeedSourceConfig, c) };
    case 'html':
      return {
        kind,
        url: checkedUrl,
        config: checkSelectors(checkConfig<HtmlSourceConfig>(HtmlSourceConfig, c)),
      };
    case 'json':
      return { kind, url: checkedUrl, config: checkConfig<JsonSourceConfig>(JsonSourceConfig, c) };
  }
}

/** The url and config to store for a source of any kind (manual and import have neither). */
export function storedDefinition(
  kind: SourceKind,
  url: string | null | undefined,
  config: unknown,
): { url: string | null; config: Record<string, unknown> } {
  switch (kind) {
    case 'rss':
    case 'html':
    case 'json': {
      const def = fetchedDefinition(kind, url, config);
      return { url: def.url, config: def.config };
    }
    case 'manual':
    case 'import':
    case 'board':
      return { url: null, config: {} };
  }
}
