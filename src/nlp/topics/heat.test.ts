import { describe, expect, it } from 'vitest';
import { addToRank, DEFAULT_HALF_LIFE_MS, heatAt, massAt, postWeight } from './heat.js';

const DAY = 86_400_000;
const now = Date.parse('2026-03-10T12:00:00+08:00');

const rankOf = (posts: { at: number; likes?: number }[], halfLife = DEFAULT_HALF_LIFE_MS) =>
  posts.reduce<number | null>(
    (r, p) => addToRank(r, postWeight(p.likes ?? 0, null), p.at, halfLife),
    null,
  ) as number;

describe('heat index', () => {
  it('is about 7 for one fresh post and grows with posts and likes', () => {
    const one = rankOf([{ at: now }]);
    expect(heatAt(one, now)).toBe(6.9);
    const three = rankOf([{ at: now }, { at: now }, { at: now }]);
    const liked = rankOf([{ at: now, likes: 100 }]);
    expect(heatAt(three, now)).toBeGreaterThan(heatAt(one, now));
    expect(heatAt(liked, now)).toBeGreaterThan(heatAt(one, now));
    // Likes count logarithmically: a post with 100 likes weighs less than six posts.
    const six = rankOf(Array.from({ length: 6 }, () => ({ at: now })));
    expect(heatAt(liked, now)).toBeLessThan(heatAt(six, now));
  });

  it('halves a topic’s mass every half-life', () => {
    const r = rankOf([{ at: now }, { at: now - 2 * DAY }]);
    expect(massAt(r, now + 3 * DAY) / massAt(r, now)).toBeCloseTo(0.5, 10);
    // Two posts three days apart: the older weighs half.
    expect(massAt(rankOf([{ at: now }, { at: now - 3 * DAY }]), now)).toBeCloseTo(1.5, 10);
  });

  it('orders topics the same at any time, so the rank can be indexed', () => {
    const busyLastWeek = rankOf(Array.from({ length: 4 }, (_, i) => ({ at: now - 7 * DAY + i })));
    const fewToday = rankOf([{ at: now }, { at: now }]);
    const quietOld = rankOf([{ at: now - 20 * DAY }]);
    const byRank = [quietOld, fewToday, busyLastWeek].sort((a, b) => b - a);
    for (const at of [now, now + 5 * DAY, now + 60 * DAY]) {
      const byHeat = [quietOld, fewToday, busyLastWeek].sort(
        (a, b) => massAt(b, at) - massAt(a, at),
      );
      expect(byHeat).toEqual(byRank);
    }
    // Two posts today outweigh four a week ago (7 days is more than two half-lives).
    expect(heatAt(fewToday, now)).toBeGreaterThan(heatAt(busyLastWeek, now));
    expect(heatAt(quietOld, now)).toBeLessThanOrEqual(0.1);
  });

  it('does not decay with an infinite half-life', () => {
    const r = rankOf([{ at: now - 400 * DAY }, { at: now }], Infinity);
    expect(massAt(r, now, Infinity)).toBeCloseTo(2, 10);
    expect(heatAt(r, now + 1000 * DAY, Infinity)).toBe(11);
  });

  it('adds posts in any order to the same rank', () => {
    const a = rankOf([{ at: now, likes: 3 }, { at: now - DAY }, { at: now - 5 * DAY }]);
    const b = rankOf([{ at: now - 5 * DAY }, { at: now, likes: 3 }, { at: now - DAY }]);
    expect(a).toBeCloseTo(b, 9);
  });
});
