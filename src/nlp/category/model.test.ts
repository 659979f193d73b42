import { describe, expect, it } from 'vitest';
import { fitVocabulary, tokens, vectorize } from './features.js';
import { logCountRatios, OTHER, predict, probabilities, trainSoftmax } from './model.js';

// A tiny made-up training set (never the real texts).
const made = [
  { body: '楼下工地夜间施工噪音太大，吵得睡不着', label: '噪音' },
  { body: '附近工厂排放废气，噪音扰民', label: '噪音' },
  { body: '广场舞音响声音太大，噪音严重', label: '噪音' },
  { body: '学校校车超载，孩子上学不安全', label: '学校' },
  { body: '学校收费不合理，老师补课收费', label: '学校' },
  { body: '孩子入学学位紧张，学校招生问题', label: '学校' },
];
const labels = ['噪音', '学校'];

function train(seed = 7) {
  const docs = made.map((m) => tokens(m));
  const vocab = fitVocabulary(docs, 1);
  const model = trainSoftmax(
    docs.map((d) => vectorize(d, vocab)),
    made.map((m) => labels.indexOf(m.label)),
    labels,
    vocab.idf.length,
    { epochs: 30, seed },
  );
  return { vocab, model };
}

describe('category model', () => {
  it('separates the classes it was trained on', () => {
    const { vocab, model } = train();
    const at = (body: string) => predict(model, vectorize(tokens({ body }), vocab));
    expect(at('晚上噪音吵人').label).toBe('噪音');
    expect(at('学校校车接送孩子').label).toBe('学校');
    for (const m of made) expect(at(m.body).label).toBe(m.label);
  });

  it('is deterministic for a seed', () => {
    const a = train(11);
    const b = train(11);
    expect(Array.from(a.model.weights)).toEqual(Array.from(b.model.weights));
    const x = vectorize(tokens({ title: '噪音', body: '学校旁边施工' }), a.vocab);
    expect(predict(a.model, x)).toEqual(predict(b.model, x));
  });

  it('gives 其他 below the confidence threshold', () => {
    const { vocab, model } = train();
    // Nothing of this text is in the vocabulary: both classes about equally likely.
    const x = vectorize(tokens({ body: '今天天气怎么样' }), vocab);
    const p = predict(model, x, 0.9);
    expect(p.label).toBe(OTHER);
    expect(p.confidence).toBeLessThan(0.9);
    expect(predict(model, x, 0).label).not.toBe(OTHER);
  });
});

describe('log-count-ratio scaling', () => {
  // Every message asks 请: a word that says nothing about the label.
  const docs = made.map((m) => tokens({ body: `请${m.body}` }));
  const vocab = fitVocabulary(docs, 1);
  const xs = docs.map((d) => vectorize(d, vocab));
  const ys = made.map((m) => labels.indexOf(m.label));
  const dim = vocab.idf.length;
  const r = logCountRatios(xs, ys, labels.length, dim);
  const at = (f: string, k: number) =>
    r[(vocab.index.get(f) as number) * labels.length + k] as number;

  it('is large for a feature of one label only, small for one both labels share', () => {
    expect(at('噪音', 0)).toBeGreaterThan(1);
    expect(at('学校', 1)).toBeGreaterThan(1);
    expect(at('噪音', 0)).toBeGreaterThan(5 * at('请', 0));
  });

  it('is folded into the weights: the model scores unscaled vectors', () => {
    const model = trainSoftmax(xs, ys, labels, dim, { epochs: 30, scale: r });
    xs.forEach((x, n) => expect(predict(model, x).label).toBe(made[n]?.label));
    // Starting from the folded weights with nothing to learn keeps the model as it was.
    const again = trainSoftmax([], [], labels, dim, {
      scale: r,
      init: { weights: model.weights, bias: model.bias },
    });
    const p = probabilities(model, xs[0] as (typeof xs)[0]);
    const q = probabilities(again, xs[0] as (typeof xs)[0]);
    p.forEach((v, k) => expect(q[k]).toBeCloseTo(v, 9));
  });
});
