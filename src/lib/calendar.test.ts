import { describe, expect, it } from 'vitest';
import {
  addDays,
  builtinArrangement,
  HolidayCalendar,
  deadlineLevel,
  holidayDataCovers,
  isWorkingDay,
  localDate,
  remainingText,
} from './calendar.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Runs `check` with the process time zone switched, to prove results do not depend on it. */
function inProcessTimeZone(timeZone: string, check: () => void): void {
  const saved = process.env.TZ;
  process.env.TZ = timeZone;
  try {
    // Precondition: the switch took effect (Node re-reads TZ when it is assigned).
    expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(
      timeZone === 'America/Los_Angeles' ? 480 : 0,
    );
    check();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe('localDate', () => {
  it('gives the date in the time zone, not in UTC', () => {
    expect(localDate(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
    expect(localDate(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
    expect(localDate(new Date('2026-02-13T16:00:00Z'), 'UTC')).toBe('2026-02-13');
    expect(localDate(new Date('2026-02-13T16:00:00Z'), 'America/New_York')).toBe('2026-02-13');
  });
});

describe('isWorkingDay', () => {
  // chinese-days 2026: 春节 2/15 (Sun) – 2/23 (Mon) off; 2/14 (Sat) and 2/28 (Sat) worked (调休).
  it('knows the 2026 Spring Festival and its 调休 Saturdays', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    for (let d = 15; d <= 23; d++) expect(isWorkingDay(`2026-02-${d}`), `2026-02-${d}`).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-27')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(isWorkingDay('2026-03-01')).toBe(false);
  });

  it('knows National Day 2025 (10/1–10/8 off, 9/28 and 10/11 worked)', () => {
    expect(isWorkingDay('2025-09-27')).toBe(false);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-09-30')).toBe(true);
    for (let d = 1; d <= 8; d++) expect(isWorkingDay(`2025-10-0${d}`), `2025-10-0${d}`).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('knows 2024 (春节 2/10–2/17 off, Sunday 2/18 worked)', () => {
    expect(isWorkingDay('2024-02-12')).toBe(false);
    expect(isWorkingDay('2024-02-18')).toBe(true);
    expect(isWorkingDay('2024-02-19')).toBe(true);
  });

  it('counts ordinary weekdays and weekends', () => {
    expect(isWorkingDay('2025-11-14')).toBe(true);
    expect(isWorkingDay('2025-11-15')).toBe(false);
    expect(isWorkingDay('2025-11-16')).toBe(false);
    expect(isWorkingDay('2025-11-17')).toBe(true);
  });

  it('does not depend on the process time zone', () => {
    for (const tz of ['America/Los_Angeles', 'UTC']) {
      inProcessTimeZone(tz, () => {
        expect(isWorkingDay('2026-02-14')).toBe(true);
        expect(isWorkingDay('2026-02-23')).toBe(false);
        expect(isWorkingDay('2026-02-24')).toBe(true);
      });
    }
  });

  it('rejects what is not a date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2026-2-3')).toThrow(RangeError);
  });
});

describe('holidayDataCovers', () => {
  it('covers 2024 to 2026 and says when a year is missing', () => {
    expect(holidayDataCovers('2024-06-01')).toBe(true);
    expect(holidayDataCovers('2025-06-01')).toBe(true);
    expect(holidayDataCovers('2026-12-31')).toBe(true);
    expect(holidayDataCovers('2099-01-01')).toBe(false);
  });
});

describe('addDays, working days', () => {
  it('steps over the 2026 Spring Festival, keeping the clock time', () => {
    // Fri 2/13 16:30 → Sat 2/14 (调休), Tue 2/24, Wed 2/25.
    expect(addDays(new Date('2026-02-13T16:30:00+08:00'), 3, 'working')).toEqual(
      new Date('2026-02-25T16:30:00+08:00'),
    );
  });

  it('counts from the local date of a start near midnight UTC', () => {
    // 23:30 UTC on Fri 2/13 is 07:30 on Sat 2/14 in Shanghai: count after 2/14 → 2/24, 2/25, 2/26.
    // Counting from the UTC date (2/13) would give 2/25.
    const start = new Date('2026-02-13T23:30:00Z');
    const due = new Date('2026-02-26T07:30:00+08:00');
    expect(addDays(start, 3, 'working')).toEqual(due);
    expect(addDays(start, 3, 'working', 'Asia/Shanghai')).toEqual(due);
    for (const tz of ['America/Los_Angeles', 'UTC']) {
      inProcessTimeZone(tz, () => expect(addDays(start, 3, 'working')).toEqual(due));
    }
  });

  it('steps over National Day 2025 onto the 调休 Saturday', () => {
    // Tue 9/30 09:00 → Thu 10/9, Fri 10/10, Sat 10/11 (调休).
    expect(addDays(new Date('2025-09-30T09:00:00+08:00'), 3, 'working')).toEqual(
      new Date('2025-10-11T09:00:00+08:00'),
    );
    // Sat 9/27 10:00 → Sun 9/28 (调休), Mon 9/29, Tue 9/30.
    expect(addDays(new Date('2025-09-27T10:00:00+08:00'), 3, 'working')).toEqual(
      new Date('2025-09-30T10:00:00+08:00'),
    );
  });

  it('counts a normal week, from a working day and from a weekend', () => {
    expect(addDays(new Date('2025-11-17T10:00:00+08:00'), 3, 'working')).toEqual(
      new Date('2025-11-20T10:00:00+08:00'),
    );
    expect(addDays(new Date('2025-11-15T10:00:00+08:00'), 3, 'working')).toEqual(
      new Date('2025-11-19T10:00:00+08:00'),
    );
    expect(addDays(new Date('2025-11-14T10:00:00+08:00'), 2, 'working')).toEqual(
      new Date('2025-11-18T10:00:00+08:00'),
    );
  });

  it('keeps the local clock time across a DST change in another zone', () => {
    // Fri 2026-03-06 10:00 EST → Mon 3/9 10:00 EDT (clocks went forward on 3/8).
    expect(addDays(new Date('2026-03-06T15:00:00Z'), 1, 'working', 'America/New_York')).toEqual(
      new Date('2026-03-09T14:00:00Z'),
    );
  });

  it('returns the start itself for 0 days and rejects nonsense', () => {
    const start = new Date('2026-02-15T10:00:00+08:00');
    expect(addDays(start, 0, 'working')).toEqual(start);
    expect(() => addDays(start, -1, 'working')).toThrow(RangeError);
    expect(() => addDays(start, 1.5, 'calendar')).toThrow(RangeError);
    expect(() => addDays(new Date('nope'), 1, 'calendar')).toThrow(RangeError);
  });
});

describe('addDays, calendar days', () => {
  it('adds whole days of 24 hours across a month end', () => {
    expect(addDays(new Date('2026-01-30T15:00:00+08:00'), 3, 'calendar')).toEqual(
      new Date('2026-02-02T15:00:00+08:00'),
    );
    expect(addDays(new Date('2024-02-28T23:30:00+08:00'), 2, 'calendar')).toEqual(
      new Date('2024-03-01T23:30:00+08:00'),
    );
  });

  it('ignores holidays', () => {
    const start = new Date('2026-02-13T16:30:00+08:00');
    expect(addDays(start, 3, 'calendar').getTime() - start.getTime()).toBe(3 * DAY);
  });
});

describe('remainingText', () => {
  const now = new Date('2026-05-20T09:00:00+08:00');
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('says the time left in two units at most, rounded down', () => {
    expect(remainingText(at(DAY + 3 * HOUR), now)).toBe('剩余 1 天 3 小时');
    expect(remainingText(at(DAY + 3 * HOUR + 59 * MINUTE), now)).toBe('剩余 1 天 3 小时');
    expect(remainingText(at(2 * DAY), now)).toBe('剩余 2 天');
    expect(remainingText(at(2 * HOUR - 1), now)).toBe('剩余 1 小时 59 分钟');
    expect(remainingText(at(45 * MINUTE), now)).toBe('剩余 45 分钟');
    expect(remainingText(at(59_999), now)).toBe('剩余不足 1 分钟');
    expect(remainingText(now, now)).toBe('剩余不足 1 分钟');
  });

  it('says how long overdue', () => {
    expect(remainingText(at(-1), now)).toBe('超期不足 1 分钟');
    expect(remainingText(at(-5 * HOUR), now)).toBe('超期 5 小时');
    expect(remainingText(at(-(2 * DAY + HOUR)), now)).toBe('超期 2 天 1 小时');
  });
});

describe('deadlineLevel', () => {
  const now = new Date('2026-05-20T09:00:00+08:00');
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('bands at 2 hours and 1 day, overdue only once past', () => {
    expect(deadlineLevel(at(-1), now)).toBe('overdue');
    expect(deadlineLevel(now, now)).toBe('red');
    expect(deadlineLevel(at(2 * HOUR - 1), now)).toBe('red');
    expect(deadlineLevel(at(2 * HOUR), now)).toBe('amber');
    expect(deadlineLevel(at(DAY - 1), now)).toBe('amber');
    expect(deadlineLevel(at(DAY), now)).toBe('green');
  });

  it('agrees with remainingText about overdue', () => {
    for (const ms of [-HOUR, -1, 0, 1]) {
      expect(deadlineLevel(at(ms), now) === 'overdue').toBe(
        remainingText(at(ms), now).startsWith('超期'),
      );
    }
  });
});

describe('builtinArrangement', () => {
  it('gives every built-in year as festivals that say the same days as the data', () => {
    for (let year = 2010; year <= 2026; year++) {
      const entered = new HolidayCalendar();
      const arrangement = builtinArrangement(year);
      entered.setArrangements([arrangement]);
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        expect(entered.isWorkingDay(date), date).toBe(isWorkingDay(date));
      }
      for (const f of arrangement.festivals) {
        for (const w of f.workdays) expect(w < f.from || w > f.to, `${year} ${f.name}`).toBe(true);
      }
    }
  });
});
