import { describe, expect, it } from 'vitest';
import { isDate, isDateTime } from './formats.js';

describe('request date formats', () => {
  it('takes real dates of 1900–2099 only', () => {
    for (const ok of ['2026-11-27', '2024-02-29', '1900-01-01', '2099-12-31'])
      expect(isDate(ok), ok).toBe(true);
    for (const bad of [
      '9999-12-31',
      '0001-01-01',
      '2026-02-29',
      '2026-13-01',
      '2026-11-31',
      '2026-1-1',
      '',
    ])
      expect(isDate(bad), bad).toBe(false);
  });

  it('takes a date and time with its offset, its date as above', () => {
    for (const ok of [
      '2026-11-27T08:00:00Z',
      '2026-11-27T08:00:00.123+08:00',
      '2026-11-27 23:59:59-05:00',
    ])
      expect(isDateTime(ok), ok).toBe(true);
    for (const bad of [
      '9999-12-31T23:59:59Z',
      '0001-01-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-11-27T24:00:00Z',
      '2026-11-27T08:00:00',
      '2026-11-27',
    ])
      expect(isDateTime(bad), bad).toBe(false);
  });
});
