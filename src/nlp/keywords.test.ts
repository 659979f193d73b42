import { describe, expect, it } from 'vitest';
import { isKeyword, withOriginalCase } from './keywords.js';

describe('isKeyword', () => {
  it('keeps the words that say what posts are about', () => {
    // Road numbers too (G4 高速): a letter and digits is not always a masked place.
    for (const w of [
      '积水',
      '青石村',
      '噪音',
      '排水沟',
      'pm2.5',
      'g4',
      '拖欠',
      '安全隐患',
      '停水',
      '小区',
    ])
      expect(isKeyword(w), w).toBe(true);
  });

  it('leaves out single characters, stop words, times, amounts and numbers', () => {
    for (const w of [
      '路',
      '希望',
      '问题',
      '我们',
      '晚上',
      '上周',
      '两个',
      '三组',
      '十几天',
      '几张',
      '多处',
      '两台',
      '2026',
      '100%',
    ])
      expect(isKeyword(w), w).toBe(false);
  });

  it('leaves out words that name no subject: function words by their word class, and words common in every category', () => {
    // 所有 b, 目前 t, 甚至 d, 任何 r, 同时 c, 经过 p, 期间 f: by class; 不敢 a stopword the
    // training messages contain; 很大, 作为, 导致, 国家: spread evenly over the seven categories.
    for (const w of [
      '所有',
      '目前',
      '甚至',
      '任何',
      '同时',
      '经过',
      '期间',
      '不敢',
      '很大',
      '作为',
      '导致',
      '国家',
    ])
      expect(isKeyword(w), w).toBe(false);
  });
});

describe('withOriginalCase', () => {
  it('gives a lower-cased key word back the case of the text it came from', () => {
    expect(withOriginalCase('a7县', ['关于A7县星沙大道噪音的投诉'])).toBe('A7县');
    expect(withOriginalCase('wifi', ['小区没有WiFi信号'])).toBe('WiFi');
    expect(withOriginalCase('a7县', ['别的地方'])).toBe('a7县');
    expect(withOriginalCase('停水', ['A7县停水'])).toBe('停水');
  });
});
