import { describe, expect, it } from 'vitest';
import {
  dailySpan,
  firstWorkingDayAfter,
  periodName,
  previousPeriod,
  reportPeriod,
} from './report-period.js';
import { dueReports } from './scheduled-reports.js';

const TZ = 'Asia/Shanghai';
/** An instant from a Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`);
const SETTINGS = { dailyEnabled: true, dailyTime: '16:30', periodicEnabled: true };
const kinds = (local: string, settings = SETTINGS) =>
  dueReports(at(local), TZ, settings).map((d) => `${d.kind} ${d.date}`);

describe('report periods', () => {
  it('finds the period of each kind that holds a date', () => {
    expect(reportPeriod('daily', '2026-11-26')).toEqual({ from: '2026-11-26', to: '2026-11-26' });
    // Thursday: the week from Monday to Sunday.
    expect(reportPeriod('weekly', '2026-11-26')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(reportPeriod('weekly', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(reportPeriod('monthly', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(reportPeriod('quarterly', '2026-11-26')).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(reportPeriod('annual', '2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(previousPeriod('quarterly', '2026-01-15')).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
  });

  it('names periods as titles write them', () => {
    expect(periodName('daily', { from: '2026-11-26', to: '2026-11-26' })).toBe('2026年11月26日');
    expect(periodName('weekly', { from: '2026-11-23', to: '2026-11-29' })).toBe(
      '2026年11月23日至11月29日',
    );
    expect(periodName('weekly', { from: '2026-12-28', to: '2027-01-03' })).toBe(
      '2026年12月28日至2027年1月3日',
    );
    expect(periodName('quarterly', { from: '2026-10-01', to: '2026-12-31' })).toBe(
      '2026年第四季度',
    );
  });

  it('counts the first working day after a period with holidays and 调休', () => {
    // National Day 10-01 to 10-07, then Thursday 10-08.
    expect(firstWorkingDayAfter('2026-09-30')).toBe('2026-10-08');
    // New Year 01-01 to 01-03; Sunday 01-04 is a 调休 working day.
    expect(firstWorkingDayAfter('2025-12-31')).toBe('2026-01-04');
  });

  it('spans a daily report from the previous working day’s report to its own', () => {
    const span = (date: string) => {
      const s = dailySpan(date, '16:30', TZ);
      return [s.start.toISOString(), s.end.toISOString(), s.name];
    };
    // Thursday: since Wednesday's.
    expect(span('2026-11-26')).toEqual([
      at('2026-11-25T16:30').toISOString(),
      at('2026-11-26T16:30').toISOString(),
      '2026年11月25日16:30至11月26日16:30',
    ]);
    // Monday: Friday evening and the weekend.
    expect(span('2026-11-30')).toEqual([
      at('2026-11-27T16:30').toISOString(),
      at('2026-11-30T16:30').toISOString(),
      '2026年11月27日16:30至11月30日16:30',
    ]);
    // After National Day (10-01 to 10-07 off): since the last working day before it.
    expect(span('2026-10-08')[2]).toBe('2026年9月30日16:30至10月8日16:30');
    // A 调休 Saturday is a working day like any other.
    expect(span('2026-10-10')[2]).toBe('2026年10月9日16:30至10月10日16:30');
    // A day off asked for on demand: the calendar day.
    expect(span('2026-11-28')).toEqual([
      at('2026-11-28T00:00').toISOString(),
      at('2026-11-29T00:00').toISOString(),
      '2026年11月28日',
    ]);
    expect(
      periodName('daily', {
        from: '2026-11-30',
        to: '2026-11-30',
        span: { name: '2026年11月27日16:30至11月30日16:30' },
      }),
    ).toBe('2026年11月27日16:30至11月30日16:30');
  });
});

describe('reports due', () => {
  it('is nothing before the configured time and today’s daily report after it', () => {
    expect(kinds('2026-11-26T16:29:59')).toEqual([]);
    expect(kinds('2026-11-26T16:30:00')).toEqual(['daily 2026-11-26']);
    expect(kinds('2026-11-26T09:00:00', { ...SETTINGS, dailyTime: '08:45' })).toEqual([
      'daily 2026-11-26',
    ]);
    expect(kinds('2026-11-26T17:00:00', { ...SETTINGS, dailyEnabled: false })).toEqual([]);
  });

  it('is nothing on a weekend or a statutory holiday, and the daily report on a 调休 Saturday', () => {
    expect(kinds('2026-11-28T17:00:00')).toEqual([]);
    expect(kinds('2026-10-01T17:00:00')).toEqual([]);
    expect(kinds('2026-10-10T17:00:00', { ...SETTINGS, periodicEnabled: false })).toEqual([
      'daily 2026-10-10',
    ]);
  });

  it('adds the periodic reports on the first working day after their period', () => {
    // Tuesday 12-01: November's report and (Monday's) last week's, still within the catch-up.
    expect(kinds('2026-12-01T16:30:00')).toEqual([
      'daily 2026-12-01',
      'weekly 2026-11-23',
      'monthly 2026-11-01',
    ]);
    // After National Day: September, Q3 and the week of 09-28 fall due on Thursday 10-08.
    expect(kinds('2026-10-08T16:30:00')).toEqual([
      'daily 2026-10-08',
      'weekly 2026-09-28',
      'monthly 2026-09-01',
      'quarterly 2026-07-01',
    ]);
    // The annual report on the first working day of the year (the 调休 Sunday 01-04).
    expect(kinds('2026-01-04T16:30:00')).toContain('annual 2025-01-01');
    // Well after the due day nothing periodic is made up.
    expect(kinds('2026-11-26T16:30:00')).toEqual(['daily 2026-11-26']);
  });
});
