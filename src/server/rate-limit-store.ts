import { sql } from 'kysely';
import { addressHash } from '../modules/board/board-source.js';
import type { AppContext } from './context.js';

interface RouteLike {
  method?: string | string[];
  url?: string;
}

/** What the plugin hands a child store: its options, with the route under routeInfo. */
type StoreParams = RouteLike & { routeInfo?: RouteLike };

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The counters of one route apart from another's: the same address may log in and post. */
function bucketOf(params: StoreParams): string {
  const route = params.routeInfo ?? params;
  if (!route.url) return '*';
  const method = Array.isArray(route.method) ? route.method.join(',') : (route.method ?? '');
  return `${method} ${route.url}`;
}

/**
 * Counts one request of `key` in its fixed window: a new window when the last one has passed.
 * One statement, so two API processes counting the same address at once both add to one row.
 */
export async function countHit(
  ctx: AppContext,
  bucket: string,
  key: string,
  windowMs: number,
): Promise<{ current: number; ttl: number }> {
  const now = ctx.clock.now();
  const expired = new Date(now.getTime() - windowMs);
  const hashed = await addressHash(ctx.db, ctx.clock, key);
  const { rows } = await sql<{ hits: number; window_start: Date }>`
    insert into rate_limits as r (bucket, key, window_start, hits)
    values (${bucket}, ${hashed}, ${now}, 1)
    on conflict (bucket, key) do update set
      hits = case when r.window_start <= ${expired} then 1 else r.hits + 1 end,
      window_start = case when r.window_start <= ${expired} then ${now} else r.window_start end
    returning hits, window_start`.execute(ctx.db);
  const row = rows[0];
  if (!row) throw new Error('rate limit counter not written');
  const ttl = new Date(row.window_start).getTime() + windowMs - now.getTime();
  return { current: row.hits, ttl: Math.max(ttl, 0) };
}

/**
 * A store for @fastify/rate-limit that keeps its counters in the database (rate_limits) instead
 * of each process's memory, so the limits hold for an address however many API processes serve
 * it. Only the rate-limited routes use it (login, the board): one small write per request.
 */
export function databaseRateLimitStore(ctx: AppContext) {
  return class DatabaseRateLimitStore {
    readonly bucket: string;

    constructor(params: object) {
      this.bucket = bucketOf(params);
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(ctx, this.bucket, key, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(params: object): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(params);
    }
  };
}

/** Counters whose window ended long ago: of no further use. */
export async function purgeRateLimits(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - 24 * 3600_000);
  const result = await ctx.db
    .deleteFrom('rate_limits')
    .where('window_start', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
