/**
 * Burst: a topic growing far faster than its own baseline. The posts of the last `recentMs`
 * (24 hours) against those of the `baselineMs` (7 days) before it, as rates per unit of time. The
 * baseline gets one post added (Laplace smoothing): a topic out of nowhere with many posts in a
 * day is a burst, and one with no history and a single post is not (it fails `minRecent`).
 */

const HOUR = 3600 * 1000;

export interface BurstOptions {
  recentMs: number;
  baselineMs: number;
  /** Fewer recent posts than this are never a burst, however quiet the baseline. */
  minRecent: number;
  /** Recent rate ÷ baseline rate at or above this is a burst. */
  ratio: number;
}

export const DEFAULT_BURST: BurstOptions = {
  recentMs: 24 * HOUR,
  baselineMs: 7 * 24 * HOUR,
  minRecent: 5,
  ratio: 5,
};

export interface BurstCounts {
  /** Posts in (now − recent, now]. */
  recent: number;
  /** Posts in (now − recent − baseline, now − recent]. */
  baseline: number;
}

export interface BurstResult extends BurstCounts {
  burst: boolean;
  /** Recent rate over smoothed baseline rate, to two decimals. */
  ratio: number;
}

export function detectBurst(counts: BurstCounts, options = DEFAULT_BURST): BurstResult {
  const recentRate = counts.recent / options.recentMs;
  const baselineRate = (counts.baseline + 1) / options.baselineMs;
  const ratio = Math.round((100 * recentRate) / baselineRate) / 100;
  return {
    ...counts,
    ratio,
    burst: counts.recent >= options.minRecent && ratio >= options.ratio,
  };
}

/** Counts a topic's post times (ms) into the two windows ending at `now`. */
export function countWindows(
  times: Iterable<number>,
  now: number,
  options = DEFAULT_BURST,
): BurstCounts {
  const recentStart = now - options.recentMs;
  const baselineStart = recentStart - options.baselineMs;
  let recent = 0;
  let baseline = 0;
  for (const t of times) {
    if (t > now) continue;
    if (t > recentStart) recent++;
    else if (t > baselineStart) baseline++;
  }
  return { recent, baseline };
}

/** Whether a topic with these post times is bursting at `now`. */
export const burstAt = (times: Iterable<number>, now: number, options = DEFAULT_BURST) =>
  detectBurst(countWindows(times, now, options), options);
