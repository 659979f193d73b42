import { describe, expect, it } from 'vitest';
import { sameSite, sitesIn } from './sites.js';

const classes: Record<string, string> = { 幸福: 'a', 废品: 'n', 西边: 's', 一处: 'm', 到: 'v' };
const wordClass = (w: string) => classes[w] ?? 'x';

describe('sites', () => {
  it('reads a site word, a bare kind with its name, and neither a scene nor a destination', () => {
    expect(sitesIn(['柳溪村', '砖厂', '的', '工棚'], wordClass, (w) => w === '柳溪村')).toEqual([
      '砖厂',
    ]);
    expect(sitesIn(['幸福', '小区', '燃气'], wordClass)).toEqual(['幸福小区']);
    expect(sitesIn(['一处', '废品', '仓库'], wordClass)).toEqual(['废品仓库']);
    expect(sitesIn(['西边', '化工厂'], wordClass)).toEqual(['化工厂']);
    expect(sitesIn(['现场', '视频', '路上', '堵路', '厂'], wordClass)).toEqual([]);
    expect(sitesIn(['飘', '到', '学校'], wordClass)).toEqual([]);
  });

  it('takes one site worded two ways as one, and two names of one kind as two', () => {
    expect(sameSite('市场', '农贸市场')).toBe(true);
    expect(sameSite('红星砖厂', '砖厂')).toBe(true);
    expect(sameSite('养殖场', '养猪场')).toBe(true);
    expect(sameSite('砖厂', '农贸市场')).toBe(false);
    expect(sameSite('幸福小区', '阳光小区')).toBe(false);
    // 东 and 第一 say nothing of which school.
    expect(sameSite('东城小学', '东方小学')).toBe(false);
    expect(sameSite('第一中学', '第二中学')).toBe(false);
  });
});
