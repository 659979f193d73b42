import { describe, expect, it } from 'vitest';
import { burstAt, countWindows, DEFAULT_BURST, detectBurst } from './burst.js';

const HOUR = 3_600_000;
const now = Date.parse('2026-03-10T12:00:00+08:00');
const hoursAgo = (...hours: number[]) => hours.map((h) => now - h * HOUR);

describe('burst detection', () => {
  it('flags a topic that jumps from a quiet week to many posts in a day', () => {
    // One post in the previous week, six in the last 24 hours.
    const r = burstAt(hoursAgo(100, 1, 2, 3, 5, 8, 20), now);
    expect(r).toMatchObject({ recent: 6, baseline: 1, burst: true });
    // 6 per day against (1 + 1) per 7 days.
    expect(r.ratio).toBe(21);
  });

  it('does not flag a topic that has been this busy all week', () => {
    const steady = Array.from({ length: 8 * 6 }, (_, i) => now - (i * 4 + 1) * HOUR);
    const r = burstAt(steady, now);
    expect(r.recent).toBe(6);
    expect(r.baseline).toBe(42);
    expect(r.burst).toBe(false);
    expect(r.ratio).toBeLessThan(DEFAULT_BURST.ratio);
  });

  it('needs a minimum of recent posts, however quiet the baseline', () => {
    expect(burstAt(hoursAgo(1, 2, 3, 4), now).burst).toBe(false);
    expect(burstAt(hoursAgo(1, 2, 3, 4, 5), now).burst).toBe(true);
  });

  it('depends on the injected now: the same posts a day later are no burst', () => {
    const times = hoursAgo(1, 2, 3, 4, 5, 6);
    expect(burstAt(times, now).burst).toBe(true);
    const dayLater = burstAt(times, now + 24 * HOUR);
    expect(dayLater).toMatchObject({ recent: 0, baseline: 6, burst: false });
  });

  it('counts the window edges once: (now − 24 h, now] is recent, later posts not at all', () => {
    expect(countWindows([now - 24 * HOUR, now, now + 1, now - 8 * 24 * HOUR], now)).toEqual({
      recent: 1,
      baseline: 1,
    });
  });

  it('takes its thresholds from the options', () => {
    const counts = { recent: 3, baseline: 0 };
    expect(detectBurst(counts).burst).toBe(false);
    expect(detectBurst(counts, { ...DEFAULT_BURST, minRecent: 3 }).burst).toBe(true);
    expect(detectBurst(counts, { ...DEFAULT_BURST, minRecent: 3, ratio: 50 }).burst).toBe(false);
  });
});
