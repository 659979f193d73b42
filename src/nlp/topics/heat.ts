/**
 * The heat index of a topic: how much is being said about it now.
 *
 * Each post weighs 1 + ln(1 + likes) + ln(1 + replies) (replies count where the source has them;
 * a post with many likes speaks for many people, but logarithmically, so one viral post does not
 * outweigh a hundred complaints). A post's weight halves every `halfLife` after it was posted.
 * The topic's mass at time t is the sum of its posts' decayed weights, and
 *
 *   heat(t) = 10 × ln(1 + mass(t))
 *
 * so one fresh post scores about 7, forty fresh ones about 37, and a topic nobody writes about
 * cools by half its mass every half-life.
 *
 * The mass is kept as a rank, log2(mass(t)) + t / halfLife, which does not change as time passes:
 * topics ordered by rank are ordered by heat at any moment, so a database can index it, and
 * heat(now) follows from the rank and now alone.
 */

export const DEFAULT_HALF_LIFE_MS = 3 * 24 * 3600 * 1000;

export const postWeight = (likes: number | null, replies: number | null) =>
  1 + Math.log1p(Math.max(0, likes ?? 0)) + Math.log1p(Math.max(0, replies ?? 0));

/** The rank of two masses together: log2(2^a + 2^b), without overflow. */
export function mergeRanks(a: number, b: number): number {
  const [hi, lo] = a >= b ? [a, b] : [b, a];
  return hi + Math.log2(1 + 2 ** (lo - hi));
}

/** The rank after adding a post's weight (`rank` null for a topic without posts yet). */
export function addToRank(
  rank: number | null,
  weight: number,
  postedAt: number,
  halfLifeMs = DEFAULT_HALF_LIFE_MS,
): number {
  const term = Math.log2(weight) + postedAt / halfLifeMs;
  return rank === null ? term : mergeRanks(rank, term);
}

/** The decayed mass at `now`. */
export const massAt = (rank: number, now: number, halfLifeMs = DEFAULT_HALF_LIFE_MS) =>
  2 ** (rank - now / halfLifeMs);

/** The heat index at `now`, to one decimal. */
export function heatAt(rank: number, now: number, halfLifeMs = DEFAULT_HALF_LIFE_MS): number {
  return Math.round(100 * Math.log1p(massAt(rank, now, halfLifeMs))) / 10;
}
