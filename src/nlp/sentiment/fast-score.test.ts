import { describe, expect, it } from 'vitest';
import { fitVocabulary, tokens, vectorize } from '../category/features.js';
import { fastScorer } from './fast-score.js';
import { logOdds, type ReviewModel } from './model.js';

const texts = [
  '小区噪音扰民，晚上无法入睡！！',
  'ABC 物业 Wi-Fi 坏了 3 天',
  '𠀀𠀁好吃😀不好吃 İ',
  '\ud800孤立\udc00代理',
  '',
  '，。！',
];

describe('fastScorer', () => {
  it('gives the log-odds of tokens() + vectorize() exactly', () => {
    const docs = texts.map((body) => tokens({ body }));
    const vocab = fitVocabulary(docs, 1);
    const weights = Float64Array.from(vocab.idf, (_, i) => Math.sin(i + 1));
    const model: ReviewModel = { vocab, weights, bias: 0.25 };
    const fast = fastScorer(model);
    for (const text of [...texts, '好吃好吃好吃，物业不在', '噪音 abc']) {
      const slow = logOdds(model, vectorize(tokens({ body: text }), vocab));
      expect(fast.logOdds(text)).toBeCloseTo(slow, 12);
    }
    expect(fast.logOdds('')).toBe(0.25);
  });
});
