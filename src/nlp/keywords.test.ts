import { describe, expect, it } from 'vitest';
import { isKeyword } from './keywords.js';

describe('isKeyword', () => {
  it('keeps the words that say what posts are about', () => {
    // Road numbers too (G4 高速): a letter and digits is not always a masked place.
    for (const w of ['积水', '青石村', '噪音', '排水沟', 'pm2.5', 'g4'])
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
});
