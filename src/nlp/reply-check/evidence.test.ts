import { describe, expect, it } from 'vitest';
import { sharedPhrases } from './evidence.js';
import { textGrams } from './features.js';

// Every trigram unseen, so every trigram is rare: the phrases are the longest shared runs.
const idf = { idf: new Map([['的问题', 1]]), unseen: 8 };

describe('sharedPhrases', () => {
  it('lists the runs of the message the reply repeats, longest first, no part twice', () => {
    const reply = textGrams('关于桃园小区东门路灯的问题，已于昨日修复桃园小区东门路灯。');
    expect(sharedPhrases('桃园小区东门路灯不亮的问题，请修复。', reply, idf)).toEqual([
      '桃园小区东门路灯',
    ]);
  });

  it('finds nothing in a stock reply', () => {
    const reply = textGrams('您反映的问题已转相关部门办理。');
    expect(sharedPhrases('桃园小区东门路灯不亮的问题。', reply, idf)).toEqual([]);
  });

  it('takes no phone or other number the two happen to share as evidence', () => {
    const reply = textGrams('东门垃圾站已清运完毕，监督电话0571-12345678。');
    expect(sharedPhrases('东门垃圾站三天没有清运。联系电话13812345678。', reply, idf)).toEqual([
      '东门垃圾站',
    ]);
    expect(sharedPhrases('投诉电话12345678，单号20240601。', reply, idf)).toEqual([]);
  });
});
