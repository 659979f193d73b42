import { describe, expect, it } from 'vitest';
import { durationText } from '../../../lib/calendar.js';
import { printableUrl } from './docx-kit.js';

describe('printed links and spans', () => {
  it('names this system’s board page by its query code, and leaves other links whole', () => {
    expect(printableUrl('/board/m/B6KRKG6Q')).toBe('本系统网络问政（查询码 B6KRKG6Q）');
    expect(printableUrl('https://bbs.example.cn/t/1')).toBe('https://bbs.example.cn/t/1');
    expect(printableUrl(null)).toBeNull();
    expect(printableUrl('')).toBeNull();
  });

  it('writes a span as the screen does, not in raw minutes', () => {
    expect(durationText(307 * 60_000)).toBe('5 小时 7 分钟');
    expect(durationText(40 * 60_000)).toBe('40 分钟');
    expect(durationText((26 * 60 + 5) * 60_000)).toBe('1 天 2 小时');
  });
});
