import robotsParserModule from 'robots-parser';
import type { AppContext } from '../../server/context.js';
import { ROBOTS_AGENT, type FetchSettings } from './fetch-settings.js';
import { networkText } from './http-request.js';
import { politeGet } from './politeness.js';

// robots-parser is CommonJS with `module.exports = fn` but types it as an ES default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** An unreachable robots.txt is asked again after an hour rather than a day. */
const ERROR_TTL_MS = 3600_000;
const MAX_ROBOTS_BYTES = 512 * 1024;

/** robots_status 0: the file could not be fetched at all (robots_txt then says why). */
const UNREACHABLE = 0;

/**
 * Whether yuqing may fetch the URL under its host's robots.txt (RFC 9309), cached in fetch_hosts:
 * 2xx → its rules for `yuqing`; 4xx → everything allowed; 5xx or unreachable → nothing for now.
 */
export async function robotsAllows(
  ctx: AppContext,
  url: string,
  settings: FetchSettings,
): Promise<RobotsVerdict> {
  const target = new URL(url);
  const now = settings.now();
  const cached = await ctx.db
    .selectFrom('fetch_hosts')
    .select(['robots_txt', 'robots_status', 'robots_fetched_at'])
    .where('host', '=', target.host)
    .executeTakeFirst();
  let status = cached?.robots_status ?? null;
  let text = cached?.robots_txt ?? null;
  const fetchedAt = cached?.robots_fetched_at ? new Date(cached.robots_fetched_at).getTime() : null;
  const ttl =
    status !== null && status >= 200 && status < 500 ? settings.robotsTtlMs : ERROR_TTL_MS;
  if (status === null || fetchedAt === null || now.getTime() - fetchedAt >= ttl) {
    ({ status, text } = await fetchRobots(ctx, target, settings));
    const fetched = { robots_status: status, robots_txt: text, robots_fetched_at: settings.now() };
    await ctx.db
      .insertInto('fetch_hosts')
      .values({ host: target.host, next_at: now, ...fetched })
      .onConflict((oc) => oc.column('host').doUpdateSet(fetched))
      .execute();
  }
  return decide(url, status, text);
}

export type RobotsVerdict =
  | { allowed: true; /** The file's Crawl-delay for us, if any. */ crawlDelayMs: number | null }
  | {
      allowed: false;
      reason: string;
      /** The site did not answer at all: a failure to fetch, not a refusal by robots.txt. */
      unreachable?: true;
    };

export const ROBOTS_FORBIDS = 'robots.txt 禁止抓取';

function decide(url: string, status: number, text: string | null): RobotsVerdict {
  if (status >= 200 && status < 300) {
    const origin = new URL(url).origin;
    const robot = robotsParser(`${origin}/robots.txt`, text ?? '');
    if (robot.isAllowed(url, ROBOTS_AGENT) === false) {
      return { allowed: false, reason: ROBOTS_FORBIDS };
    }
    const delay = robot.getCrawlDelay(ROBOTS_AGENT);
    return {
      allowed: true,
      crawlDelayMs: typeof delay === 'number' && delay > 0 ? delay * 1000 : null,
    };
  }
  if (status >= 400 && status < 500) return { allowed: true, crawlDelayMs: null };
  if (status === UNREACHABLE) {
    return {
      allowed: false,
      reason: `网站无法访问（${text ?? '无法连接'}），暂不抓取`,
      unreachable: true,
    };
  }
  return { allowed: false, reason: `robots.txt 无法获取（HTTP ${status}），暂不抓取` };
}

async function fetchRobots(
  ctx: AppContext,
  target: URL,
  settings: FetchSettings,
): Promise<{ status: number; text: string | null }> {
  let url = `${target.origin}/robots.txt`;
  for (let hop = 0; hop <= settings.maxRedirects; hop++) {
    const res = await politeGet(ctx, url, settings, {
      headers: { 'user-agent': settings.userAgent, accept: 'text/plain,*/*' },
      timeoutMs: settings.timeoutMs,
      maxBytes: MAX_ROBOTS_BYTES,
      allowLoopback: settings.allowLoopback,
    });
    if (!res.ok) {
      const { failure } = res;
      const why =
        failure.kind === 'network'
          ? `${networkText(failure.code)}，${failure.code}`
          : failure.kind === 'timeout'
            ? '连接超时'
            : '无法连接';
      return { status: UNREACHABLE, text: why };
    }
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    return {
      status: res.status,
      text: res.status < 300 ? res.body.toString('utf8').slice(0, MAX_ROBOTS_BYTES) : null,
    };
  }
  return { status: UNREACHABLE, text: null };
}
