import { describe, expect, it } from 'vitest';
import {
  localDays,
  periodBounds,
  problemsMessage,
  proposeRoster,
  rosterCoverage,
  rosterProblems,
  type Shift,
} from './roster.js';

const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}:00+08:00`);
const shift = (userId: number, from: string, to: string): Shift => ({
  userId,
  startsAt: at(from),
  endsAt: at(to),
});
const hours = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('local days of a period', () => {
  it('spans whole local days in the time zone, both ends included', () => {
    const days = localDays('2026-12-01', '2026-12-03', TZ);
    expect(days.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(days[0]?.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(days[2]?.end.toISOString()).toBe('2026-12-03T16:00:00.000Z');
    const bounds = periodBounds('2026-12-01', '2026-12-03', TZ);
    expect(bounds.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(bounds.end.toISOString()).toBe('2026-12-03T16:00:00.000Z');
  });
});

describe('coverage of the 24-hour roster', () => {
  const days = localDays('2026-12-01', '2026-12-02', TZ);

  it('finds the uncovered hours of each day, across midnight', () => {
    const coverage = rosterCoverage(days, [shift(7, '2026-12-01T22:00', '2026-12-02T06:00')]);
    expect(coverage[0]?.uncoveredHours).toEqual(hours(0, 22));
    expect(coverage[1]?.uncoveredHours).toEqual(hours(6, 24));
    expect(coverage[0]?.onDuty[22]).toEqual([7]);
    expect(coverage[0]?.onDuty[21]).toEqual([]);
    expect(coverage[1]?.onDuty[5]).toEqual([7]);
  });

  it('counts an hour as covered only when someone is on duty for all of it', () => {
    const coverage = rosterCoverage(days, [
      shift(1, '2026-12-01T00:00', '2026-12-01T08:50'),
      shift(2, '2026-12-01T09:00', '2026-12-02T00:00'),
      // Two people back to back cover the hour between them together.
      shift(1, '2026-12-02T00:00', '2026-12-02T12:30'),
      shift(2, '2026-12-02T12:30', '2026-12-03T00:00'),
    ]);
    expect(coverage[0]?.uncoveredHours).toEqual([8]);
    expect(coverage[0]?.onDuty[8]).toEqual([1]);
    expect(coverage[1]?.uncoveredHours).toEqual([]);
    expect(coverage[1]?.onDuty[12]).toEqual([1, 2]);
  });

  it('reports every hour of a day without shifts', () => {
    expect(rosterCoverage(days, [])[1]?.uncoveredHours).toEqual(hours(0, 24));
  });
});

describe('a proposed rotating roster', () => {
  const days = localDays('2026-12-01', '2026-12-03', TZ);
  const bounds = { ...periodBounds('2026-12-01', '2026-12-03', TZ), startsOn: '', endsOn: '' };

  it('rotates the people in order, changing shift at the given hour', () => {
    const shifts = proposeRoster(days, [11, 12, 13], 8, 8);
    expect(shifts).toHaveLength(9);
    expect(shifts.slice(0, 4).map((s) => [s.userId, s.startsAt.toISOString()])).toEqual([
      [11, '2026-11-30T16:00:00.000Z'],
      [12, '2026-12-01T00:00:00.000Z'],
      [13, '2026-12-01T08:00:00.000Z'],
      [11, '2026-12-01T16:00:00.000Z'],
    ]);
  });

  it('gives the short first shift before the first change to the last person', () => {
    const shifts = proposeRoster(days, [21, 22], 24, 8);
    expect(shifts.map((s) => [s.userId, s.startsAt.getTime(), s.endsAt.getTime()])).toEqual([
      [22, at('2026-12-01T00:00').getTime(), at('2026-12-01T08:00').getTime()],
      [21, at('2026-12-01T08:00').getTime(), at('2026-12-02T08:00').getTime()],
      [22, at('2026-12-02T08:00').getTime(), at('2026-12-03T08:00').getTime()],
      [21, at('2026-12-03T08:00').getTime(), at('2026-12-04T00:00').getTime()],
    ]);
  });

  it('covers every hour of every day without overlaps, for every shift length and start', () => {
    for (const shiftHours of [6, 8, 12, 24]) {
      for (let first = 0; first < 24; first += 1) {
        for (const people of [[1], [1, 2], [1, 2, 3, 4, 5]]) {
          const shifts = proposeRoster(days, people, shiftHours, first);
          const label = `${shiftHours}h from ${first}:00 by ${people.length}`;
          const gaps = rosterCoverage(days, shifts).flatMap((d) => d.uncoveredHours);
          expect(gaps, label).toEqual([]);
          expect(rosterProblems(shifts, bounds), label).toEqual([]);
          expect(
            shifts.every((s) => s.endsAt.getTime() - s.startsAt.getTime() <= shiftHours * 3.6e6),
            label,
          ).toBe(true);
        }
      }
    }
  });
});

describe('problems of a roster typed in', () => {
  const period = {
    ...periodBounds('2026-12-01', '2026-12-02', TZ),
    startsOn: '2026-12-01',
    endsOn: '2026-12-02',
  };

  it('names the later row of two overlapping shifts of one person', () => {
    const problems = rosterProblems(
      [
        shift(1, '2026-12-01T08:00', '2026-12-01T16:00'),
        shift(2, '2026-12-01T08:00', '2026-12-01T16:00'),
        shift(1, '2026-12-01T15:00', '2026-12-01T20:00'),
        shift(1, '2026-12-01T20:00', '2026-12-02T08:00'),
      ],
      period,
    );
    expect(problems.map((p) => p.text)).toEqual(['第 3 行：与第 1 行时间重叠']);
  });

  it('names the later row even when it is the earlier shift', () => {
    const problems = rosterProblems(
      [
        shift(1, '2026-12-01T10:00', '2026-12-01T12:00'),
        shift(1, '2026-12-01T08:00', '2026-12-01T11:00'),
      ],
      period,
    );
    expect(problems.map((p) => p.text)).toEqual(['第 2 行：与第 1 行时间重叠']);
  });

  it('refuses backwards, over-long and out-of-period shifts, in row order', () => {
    const problems = rosterProblems(
      [
        shift(1, '2026-12-01T08:00', '2026-12-01T08:00'),
        shift(2, '2026-11-30T23:00', '2026-12-01T08:00'),
        shift(3, '2026-12-01T00:00', '2026-12-02T01:00'),
        shift(4, '2026-12-02T20:00', '2026-12-03T00:00'),
      ],
      period,
    );
    expect(problems.map((p) => p.text)).toEqual([
      '第 1 行：结束时间须晚于开始时间',
      '第 2 行：超出重点时段（2026-12-01 至 2026-12-02）',
      '第 3 行：一个班次不能超过 24 小时',
    ]);
    expect(problemsMessage(problems)).toBe(problems.map((p) => p.text).join('；'));
  });
});
