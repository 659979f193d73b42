import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, fitIdf } from './features.js';
import { MODEL_FILE, parseModel, replyCheckModel, serializeModel } from './model.js';

describe('the reply-check model file', () => {
  it('keeps idf and weights through serialising', () => {
    const idf = fitIdf(
      [new Set(['路灯', '维修']), new Set(['路灯', '垃圾']), new Set(['路灯']), new Set(['垃圾'])],
      1,
    );
    const weights = FEATURE_NAMES.map((_, i) => i / 10);
    const json = serializeModel({ idf, relevance: { weights, bias: -1.5 } }, 4, 1, {
      aucScore: 0.99,
    });
    const back = parseModel(json);
    expect(back.relevance).toEqual({ weights, bias: -1.5 });
    expect(back.idf.unseen).toBeCloseTo(idf.unseen, 10);
    for (const [t, v] of idf.idf) expect(back.idf.idf.get(t)).toBeCloseTo(v, 10);
    expect(JSON.parse(json)).toMatchObject({ evaluation: { aucScore: 0.99 } });
  });

  it('refuses a file of another format or feature set', () => {
    expect(() => parseModel('{"format":"x"}')).toThrow('不认识的模型格式');
    const json = serializeModel(
      { idf: fitIdf([new Set(['ab'])], 1), relevance: { weights: [1], bias: 0 } },
      1,
      1,
    );
    const file = JSON.parse(json) as { relevance: { features: string[] } };
    file.relevance.features = ['other'];
    expect(() => parseModel(JSON.stringify(file))).toThrow('请重新训练');
  });

  it('commits a cross-validated model of the current features', () => {
    const model = replyCheckModel();
    expect(model.relevance.weights).toHaveLength(FEATURE_NAMES.length);
    expect(model.idf.idf.size).toBeGreaterThan(10_000);
    expect(MODEL_FILE.endsWith('models/reply-check.json')).toBe(true);
  });
});
