import { describe, expect, it } from 'vitest';
import { explanationOf } from './explanation.js';
import { toneOf } from './tone.js';

describe('explanationOf', () => {
  it('adds up the kinds of basis a reply gives, at most 1', () => {
    expect(explanationOf('已转相关部门。').score).toBe(0);
    const law = explanationOf('依据《物业管理条例》第三十五条，业主大会可以另聘物业。');
    expect(law.score).toBeCloseTo(0.35, 5);
    expect(law.reasons[0]).toBe('引用了政策依据《物业管理条例》、第三十五条');
    const rules = explanationOf('按照有关规定办理。');
    expect(rules.score).toBeCloseTo(0.2, 5);
    expect(rules.reasons).toEqual([
      '提到了规定或政策（规定），但未写明名称或条款',
      '可补充：核实情况、办理时间、具体数字、联系方式',
    ]);
    const all = explanationOf(
      '经核实，依据《道路交通安全法》，该路段于2024年5月1日起限速40公里，共设置标志12处。咨询电话：0731-84561234。',
    );
    expect(all.score).toBe(1);
    expect(all.reasons).toEqual([
      '引用了政策依据《道路交通安全法》',
      '说明了核实情况（经核实）',
      '给出了具体时间（2024年5月1日）',
      '给出了具体数字（40公里）',
      '留有联系电话',
    ]);
  });

  it('reads checks, time frames and counted things as officials write them', () => {
    // The demo's reply that scored 0 before: a check on site, a count in 盏, a time frame.
    const lamps = explanationOf(
      '经现场核查，该路段共 13 盏路灯损坏，已联系供电所于本周内完成更换。',
    );
    expect(lamps.reasons).toEqual([
      '说明了核实情况（经现场核查）',
      '给出了具体时间（本周内）',
      '给出了具体数字（13 盏）',
      // What the other half of the score would take.
      '可补充：政策依据（文件名称或条款）、联系方式',
    ]);
    expect(lamps.score).toBeCloseTo(0.5, 5);
    expect(explanationOf('经我局工作人员实地查看，情况属实。').reasons).toEqual([
      '说明了核实情况（经我局工作人员实地查看）',
      '可补充：政策依据（文件名称或条款）、办理时间、具体数字、联系方式',
    ]);
    expect(explanationOf('将在3个工作日内答复。').reasons[0]).toBe('给出了具体时间（3个工作日内）');
    expect(explanationOf('力争5月底前完成。').reasons[0]).toBe('给出了具体时间（5月底）');
    // 经 starting another word (经济, 经营) is no check.
    for (const text of ['经济研究所已成立。', '经营户检查了货架。'])
      expect(explanationOf(text).score, text).toBe(0);
  });
});

describe('toneOf', () => {
  it('rewards greeting, thanks and courtesy', () => {
    expect(toneOf('您好！请您留意后续通知，感谢您的支持。').score).toBe(1);
    expect(toneOf('已办理。').score).toBeCloseTo(0.4, 5);
    expect(toneOf('已办理。').reasons).toEqual(['缺少礼貌用语（您好、感谢、请）']);
  });

  it('penalises a bare verdict or refusal but not one with its reason', () => {
    expect(toneOf('您好，经现场核查，该情况不属实。').score).toBeGreaterThan(0.5);
    const bare = toneOf('该情况不属实。');
    expect(bare.score).toBeLessThan(0.2);
    expect(bare.reasons).toContain('有生硬表态且未说明理由：“不属实”');
    expect(toneOf('请不要无理取闹。').reasons).toContain('用语不当：“无理取闹”');
  });
});
