import { systemClock } from '../../lib/clock.js';
import type { AppContext } from '../../server/context.js';
import { defaultHostLimiter, type HostLimiter } from './politeness.js';

/** How politely and how patiently yuqing fetches. Tests shrink the delays and inject sleep. */
export interface FetchSettings {
  userAgent: string;
  /** For the whole request: connect, headers and body. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Further attempts after a network error, a timeout, 429 or 5xx. */
  retries: number;
  /** The first retry waits about this long, each next one twice as long (plus jitter). */
  backoffMs: number;
  maxBackoffMs: number;
  /** Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
  /** Minimum time between two requests to one host, across all worker processes. */
  hostDelayMs: number;
  robotsTtlMs: number;
  limiter: HostLimiter;
  /** May fetch from this machine itself (YUQING_CRAWL_LOOPBACK; the demo's sites are served here). */
  allowLoopback: boolean;
  sleep(ms: number): Promise<void>;
  random(): number;
  /**
   * The clock that paces requests (fetch_hosts.next_at) and ages robots.txt: the real one, not
   * ctx.clock, since requests take real time while a test's manual clock stands still. Tests that
   * fake sleep pass a now and a sleep that move their manual clock together.
   */
  now(): Date;
}

export const ROBOTS_AGENT = 'yuqing';

export function fetchSettings(
  ctx: AppContext,
  overrides: Partial<FetchSettings> = {},
): FetchSettings {
  return {
    // Header values must be ASCII.
    userAgent: `yuqing/${ctx.version} (public opinion monitoring; respects robots.txt)`,
    timeoutMs: 15_000,
    maxBytes: 5 * 1024 * 1024,
    maxRedirects: 5,
    retries: 3,
    backoffMs: 1_000,
    maxBackoffMs: 30_000,
    maxRetryAfterMs: 60_000,
    hostDelayMs: 1_000,
    robotsTtlMs: 24 * 3600_000,
    limiter: defaultHostLimiter,
    allowLoopback: ctx.config.crawlLoopback,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
    random: Math.random,
    now: () => systemClock.now(),
    ...overrides,
  };
}
