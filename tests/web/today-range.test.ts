import { describe, expect, it } from 'vitest';
import { todayRange } from '../../web/src/features/home/today-range.js';

describe('the days of 今日舆情 on the home page', () => {
  it('is today in the daytime', () => {
    expect(todayRange(new Date('2026-11-28T02:00:00Z'), 'Asia/Shanghai')).toEqual({
      from: '2026-11-28',
      to: '2026-11-28',
      night: false,
    });
  });

  it('keeps yesterday in view after midnight, so a fire at 23:40 is still counted at 00:10', () => {
    // 00:10 on 1 December in Shanghai: the posts of 30 November evening stay on the card.
    expect(todayRange(new Date('2026-11-30T16:10:00Z'), 'Asia/Shanghai')).toEqual({
      from: '2026-11-30',
      to: '2026-12-01',
      night: true,
    });
    expect(todayRange(new Date('2026-11-30T22:00:00Z'), 'Asia/Shanghai').night).toBe(false);
  });

  it('reads the hour in the deployment’s zone, not the machine’s', () => {
    expect(todayRange(new Date('2026-11-28T04:10:00Z'), 'America/Halifax')).toEqual({
      from: '2026-11-27',
      to: '2026-11-28',
      night: true,
    });
  });
});
