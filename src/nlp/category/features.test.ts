import { describe, expect, it } from 'vitest';
import { fitVocabulary, tokens, vectorize } from './features.js';

describe('category features', () => {
  it('has characters, bigrams and marked title bigrams', () => {
    const t = tokens({ title: '噪音', body: '夜间施工！' });
    expect(t).toEqual(expect.arrayContaining(['噪', '噪音', '夜间', '施工', '^噪音']));
    expect(t).not.toContain('工！');
  });

  it('gives an L2-normalised vector, ignoring unknown features', () => {
    const vocab = fitVocabulary([tokens({ body: '噪音扰民' }), tokens({ body: '噪音很大' })], 1);
    const v = vectorize(tokens({ body: '噪音噪音 未知' }), vocab);
    const norm = Math.sqrt(Array.from(v.val).reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 10);
    expect(v.idx.length).toBe(3); // 噪, 音, 噪音
    expect(vectorize(tokens({ body: '完全陌生' }), vocab).idx.length).toBe(0);
  });
});
