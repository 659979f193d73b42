import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('keeps dates in Asia/Shanghai unless YUQING_TIME_ZONE names another zone', () => {
    expect(loadConfig({}).deadlines.timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ YUQING_TIME_ZONE: '' }).deadlines.timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ YUQING_TIME_ZONE: 'Asia/Urumqi' }).deadlines.timeZone).toBe('Asia/Urumqi');
  });

  it('refuses a time zone this Node does not know, at start rather than at the first date', () => {
    expect(() => loadConfig({ YUQING_TIME_ZONE: 'Beijing' })).toThrow(
      'YUQING_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not Beijing',
    );
  });

  it('refuses settings that are not positive integers', () => {
    expect(() => loadConfig({ YUQING_REPLY_DAYS: '0' })).toThrow(
      'YUQING_REPLY_DAYS must be a positive integer',
    );
    expect(() => loadConfig({ YUQING_DAY_COUNTING: 'lunar' })).toThrow(
      'YUQING_DAY_COUNTING must be calendar or working',
    );
  });
});
