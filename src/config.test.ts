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

  it('backs up daily into the data folder, 14 kept, unless told otherwise', () => {
    expect(loadConfig({ YUQING_DATA_DIR: '/srv/yuqing' }).backup).toEqual({
      dir: '/srv/yuqing/backups',
      keep: 14,
    });
    expect(
      loadConfig({ YUQING_BACKUP_DIR: '/mnt/nas/yq', YUQING_BACKUP_KEEP: '0' }).backup,
    ).toEqual({
      dir: '/mnt/nas/yq',
      keep: 0,
    });
    expect(() => loadConfig({ YUQING_BACKUP_KEEP: '-1' })).toThrow(
      'YUQING_BACKUP_KEEP must be an integer from 0 (no automatic backup) to 3650',
    );
  });

  it('encrypts backups with YUQING_BACKUP_KEY, a passphrase of 16 characters or more', () => {
    expect(loadConfig({ YUQING_BACKUP_KEY: '云溪镇备份密钥-2026-离线保管' }).backup.key).toBe(
      '云溪镇备份密钥-2026-离线保管',
    );
    expect(loadConfig({}).backup.key).toBeUndefined();
    expect(() => loadConfig({ YUQING_BACKUP_KEY: 'short-key' })).toThrow(
      'YUQING_BACKUP_KEY must be at least 16 characters',
    );
  });
});
