import type { AppContext } from '../../server/context.js';
import type { FetchSettings } from './fetch-settings.js';
import { networkText, type RawResponse, type RequestFailure } from './http-request.js';
import { politeGet } from './politeness.js';
import { robotsAllows } from './robots.js';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | {
      outcome: 'ok';
      /** After redirects. */
      finalUrl: string;
      status: number;
      contentType: string | null;
      body: Buffer;
      etag: string | null;
      lastModified: string | null;
      attempts: number;
    }
  /** 304: unchanged since the validators were stored; nothing to process. */
  | { outcome: 'not-modified'; finalUrl: string; status: 304; attempts: number }
  | { outcome: 'robots-blocked'; blockedUrl: string; error: string; attempts: number }
  | { outcome: 'failed'; status: number | null; error: string; attempts: number };

const STATUS_TEXT: Record<number, string> = {
  400: '请求无效',
  401: '需要登录',
  403: '禁止访问',
  404: '页面不存在',
  410: '页面已删除',
  429: '请求过多',
  500: '服务器内部错误',
  502: '网关错误',
  503: '服务不可用',
  504: '网关超时',
};

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} 秒`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function withDetails(base: string, details: string[]): string {
  return details.length > 0 ? `${base}（${details.join('，')}）` : base;
}

function failureText(failure: RequestFailure, retried: number): string {
  const retries = retried > 0 ? [`已重试 ${retried} 次`] : [];
  switch (failure.kind) {
    case 'timeout':
      return withDetails('连接超时', [seconds(failure.timeoutMs), ...retries]);
    case 'network':
      return withDetails(networkText(failure.code), [failure.code, ...retries]);
    case 'too-large':
      return `页面超过 ${sizeText(failure.maxBytes)} 上限`;
    case 'corrupt':
      return `页面压缩数据损坏（${failure.code}）`;
  }
}

export function statusText(status: number, retried: number): string {
  const base = `HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
  return withDetails(base, retried > 0 ? [`已重试 ${retried} 次`] : []);
}

function isRetryable(res: RawResponse): boolean {
  if (!res.ok) return res.failure.kind === 'timeout' || res.failure.kind === 'network';
  return res.status === 429 || res.status >= 500;
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or null. */
function retryAfterMs(res: RawResponse, now: Date): number | null {
  const value = res.ok ? res.headers['retry-after'] : undefined;
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** Attempts with exponential backoff and jitter; returns the last response and how many were made. */
async function getWithRetries(
  ctx: AppContext,
  url: string,
  headers: Record<string, string>,
  settings: FetchSettings,
  delayMs: number,
): Promise<{ res: RawResponse; attempts: number }> {
  let attempts = 0;
  for (;;) {
    const res = await politeGet(
      ctx,
      url,
      settings,
      {
        headers,
        timeoutMs: settings.timeoutMs,
        maxBytes: settings.maxBytes,
        allowLoopback: settings.allowLoopback,
      },
      delayMs,
    );
    attempts++;
    if (!isRetryable(res) || attempts > settings.retries) return { res, attempts };
    const backoff = Math.min(
      settings.maxBackoffMs,
      settings.backoffMs * 2 ** (attempts - 1) * (1 + settings.random() / 2),
    );
    const asked = retryAfterMs(res, settings.now());
    const wait =
      asked === null ? backoff : Math.max(backoff, Math.min(asked, settings.maxRetryAfterMs));
    await settings.sleep(wait);
  }
}

const MAX_CRAWL_DELAY_MS = 60_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET a page the polite way: robots.txt checked for the URL and every redirect target, the host's
 * delay and concurrency respected, conditional when validators are given, retried on network
 * errors, timeouts, 429 and 5xx (never on other 4xx). Failures come back as Chinese text.
 */
export async function fetchPage(
  ctx: AppContext,
  url: string,
  settings: FetchSettings,
  validators?: Validators | null,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'user-agent': settings.userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml,application/json;q=0.9,*/*;q=0.8',
    'accept-language': 'zh-CN,zh;q=0.9',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  let current = url;
  let attempts = 0;
  for (let hop = 0; ; hop++) {
    const verdict = await robotsAllows(ctx, current, settings);
    if (!verdict.allowed) {
      // A site that does not answer failed; only a robots.txt that refuses us blocked the page.
      if (verdict.unreachable) {
        return { outcome: 'failed', status: null, error: verdict.reason, attempts };
      }
      return { outcome: 'robots-blocked', blockedUrl: current, error: verdict.reason, attempts };
    }
    // A Crawl-delay longer than ours is honoured, up to a minute.
    const delayMs = Math.max(
      settings.hostDelayMs,
      Math.min(verdict.crawlDelayMs ?? 0, MAX_CRAWL_DELAY_MS),
    );
    const { res, attempts: made } = await getWithRetries(ctx, current, headers, settings, delayMs);
    attempts += made;
    const retried = made - 1;
    if (!res.ok) {
      return {
        outcome: 'failed',
        status: null,
        error: failureText(res.failure, retried),
        attempts,
      };
    }
    const location = res.headers.location;
    if (REDIRECTS.has(res.status) && location) {
      if (hop >= settings.maxRedirects) {
        return {
          outcome: 'failed',
          status: res.status,
          error: `重定向超过 ${settings.maxRedirects} 次`,
          attempts,
        };
      }
      current = new URL(location, current).toString();
      continue;
    }
    if (res.status === 304)
      return { outcome: 'not-modified', finalUrl: current, status: 304, attempts };
    if (res.status < 200 || res.status >= 300) {
      return {
        outcome: 'failed',
        status: res.status,
        error: statusText(res.status, retried),
        attempts,
      };
    }
    return {
      outcome: 'ok',
      finalUrl: current,
      status: res.status,
      contentType: res.headers['content-type'] ?? null,
      body: res.body,
      etag: res.headers.etag ?? null,
      lastModified: res.headers['last-modified'] ?? null,
      attempts,
    };
  }
}
