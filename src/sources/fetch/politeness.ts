import { sql } from 'kysely';
import type { AppContext } from '../../server/context.js';
import type { FetchSettings } from './fetch-settings.js';
import { httpGet, type RawResponse, type RequestOptions } from './http-request.js';

/**
 * The start of the next request to a host that this process may make, reserved in fetch_hosts so
 * that every worker process shares one schedule: each reservation pushes next_at one delay later.
 */
export async function reserveHostSlot(
  ctx: AppContext,
  host: string,
  now: Date,
  delayMs: number,
): Promise<Date> {
  const delay = `${delayMs} milliseconds`;
  const row = await sql<{ next_at: Date }>`
    insert into fetch_hosts (host, next_at)
    values (${host}, ${now}::timestamptz + ${delay}::interval)
    on conflict (host) do update
      set next_at = greatest(fetch_hosts.next_at, ${now}::timestamptz) + ${delay}::interval
    returning next_at`.execute(ctx.db);
  const nextAt = new Date(row.rows[0]?.next_at ?? now);
  return new Date(nextAt.getTime() - delayMs);
}

/** At most `limit` requests in flight to one host from this process. */
export class HostLimiter {
  readonly #limit: number;
  readonly #active = new Map<string, number>();
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    await this.#acquire(host);
    try {
      return await fn();
    } finally {
      this.#release(host);
    }
  }

  async #acquire(host: string): Promise<void> {
    const active = this.#active.get(host) ?? 0;
    if (active < this.#limit) {
      this.#active.set(host, active + 1);
      return;
    }
    await new Promise<void>((resolve) => {
      const queue = this.#waiting.get(host) ?? [];
      queue.push(resolve);
      this.#waiting.set(host, queue);
    });
  }

  #release(host: string): void {
    const next = this.#waiting.get(host)?.shift();
    // The slot passes straight to the next waiter; the count stays the same.
    if (next) return next();
    const active = (this.#active.get(host) ?? 1) - 1;
    if (active > 0) this.#active.set(host, active);
    else {
      this.#active.delete(host);
      this.#waiting.delete(host);
    }
  }
}

/** The process-wide limiter: one per process, shared by every source run. */
export const defaultHostLimiter = new HostLimiter(2);

/** One request under politeness: the host's concurrency cap, then its reserved slot. */
export async function politeGet(
  ctx: AppContext,
  url: string,
  settings: FetchSettings,
  options: RequestOptions,
  delayMs: number = settings.hostDelayMs,
): Promise<RawResponse> {
  const host = new URL(url).host;
  return settings.limiter.run(host, async () => {
    const slot = await reserveHostSlot(ctx, host, settings.now(), delayMs);
    const wait = slot.getTime() - settings.now().getTime();
    if (wait > 0) await settings.sleep(wait);
    return httpGet(url, options);
  });
}
