import { describe, expect, it } from 'vitest';
import type { SparseVector } from './features.js';
import { distilModel, neighbourIndex, neighbourVotes, teacherTargets } from './distil.js';
import { probabilities, rng, trainSoftmax } from './model.js';

/** An L2-normalised sparse vector from feature → weight. */
function vec(entries: Record<number, number>): SparseVector {
  const idx = Object.keys(entries).map(Number);
  const raw = idx.map((i) => entries[i] as number);
  const norm = Math.sqrt(raw.reduce((s, v) => s + v * v, 0));
  return { idx: Int32Array.from(idx), val: Float64Array.from(raw, (v) => v / norm) };
}

const cosine = (a: SparseVector, b: SparseVector) => {
  let s = 0;
  a.idx.forEach((i, j) => {
    const at = b.idx.indexOf(i);
    if (at >= 0) s += (a.val[j] as number) * (b.val[at] as number);
  });
  return s;
};

describe('neighbour votes', () => {
  it('are the similarity shares of the k most similar messages, as a brute-force scan finds them', () => {
    const random = rng(3);
    const dim = 40;
    const randomVec = () => {
      const e: Record<number, number> = {};
      for (let n = 0; n < 6; n++) e[Math.floor(random() * dim)] = 0.2 + random();
      return vec(e);
    };
    const xs = Array.from({ length: 60 }, randomVec);
    const ys = xs.map((_, n) => n % 3);
    const index = neighbourIndex(xs, ys, dim);
    for (let q = 0; q < 20; q++) {
      const x = randomVec();
      const sims = xs.map((t, n) => ({ s: cosine(x, t), y: ys[n] as number }));
      const top = [...sims].sort((a, b) => b.s - a.s).slice(0, 5);
      const total = top.reduce((s, t) => s + t.s, 0);
      const expected = [0, 1, 2].map((y) =>
        top.filter((t) => t.y === y).reduce((s, t) => s + t.s / total, 0),
      );
      const votes = neighbourVotes(index, x, 5, 3);
      expected.forEach((v, y) => expect(votes[y]).toBeCloseTo(v, 6));
    }
  });

  it('are all zero when no message shares a feature, and the teacher is then the model alone', () => {
    const xs = [vec({ 0: 1 }), vec({ 1: 1 })];
    const index = neighbourIndex(xs, [0, 1], 3);
    const lonely = vec({ 2: 1 });
    expect([...neighbourVotes(index, lonely, 2, 2)]).toEqual([0, 0]);
    const model = trainSoftmax(xs, [0, 1], ['a', 'b'], 3, { epochs: 5 });
    expect([...teacherTargets(model, index, lonely, { k: 2, beta: 1 })]).toEqual([
      ...probabilities(model, lonely),
    ]);
  });
});

describe('distillation', () => {
  // Feature 0 marks label a, 1 marks b; feature 2 is seen once with each in the labelled
  // messages, but in the unlabelled ones it always comes with feature 0.
  const labelled = {
    xs: [
      ...Array.from({ length: 6 }, () => vec({ 0: 1, 3: 0.3 })),
      ...Array.from({ length: 6 }, () => vec({ 1: 1, 3: 0.3 })),
      vec({ 0: 1, 2: 1 }),
      vec({ 1: 1, 2: 1 }),
    ],
    ys: [...Array<number>(6).fill(0), ...Array<number>(6).fill(1), 0, 1],
  };
  const unlabelled = Array.from({ length: 30 }, () => vec({ 0: 1, 2: 0.8 }));
  const train = { epochs: 30, seed: 5 };

  it('teaches the student what the unlabelled messages say about a feature', () => {
    const teacher = trainSoftmax(labelled.xs, labelled.ys, ['a', 'b'], 4, train);
    const student = distilModel(
      teacher,
      labelled,
      unlabelled,
      { k: 3, beta: 1, weight: 0.5 },
      train,
    );
    const only2 = vec({ 2: 1 });
    const before = probabilities(teacher, only2)[0] as number;
    const after = probabilities(student, only2)[0] as number;
    expect(Math.abs(before - 0.5)).toBeLessThan(0.05);
    expect(after).toBeGreaterThan(0.7);
    // It still knows the labelled messages.
    expect(probabilities(student, vec({ 1: 1 }))[1]).toBeGreaterThan(0.8);
  });

  it('ignores unlabelled messages with no known feature, and their weight sets their pull', () => {
    const teacher = trainSoftmax(labelled.xs, labelled.ys, ['a', 'b'], 4, train);
    const light = distilModel(
      teacher,
      labelled,
      [...unlabelled, { idx: new Int32Array(0), val: new Float64Array(0) }],
      { k: 3, beta: 1, weight: 0.1 },
      train,
    );
    const heavy = distilModel(teacher, labelled, unlabelled, { k: 3, beta: 1, weight: 1 }, train);
    const only2 = vec({ 2: 1 });
    expect(probabilities(heavy, only2)[0]).toBeGreaterThan(
      probabilities(light, only2)[0] as number,
    );
  });
});

describe('soft targets', () => {
  it('train the same model as the labels when they are the labels', () => {
    const xs = [vec({ 0: 1 }), vec({ 1: 1 }), vec({ 0: 1, 1: 0.5 })];
    const ys = [0, 1, 0];
    const hard = trainSoftmax(xs, ys, ['a', 'b'], 2, { epochs: 4, seed: 2 });
    const soft = trainSoftmax(xs, ys, ['a', 'b'], 2, {
      epochs: 4,
      seed: 2,
      targets: ys.map((y) => Float64Array.from([y === 0 ? 1 : 0, y === 1 ? 1 : 0])),
      sampleWeights: [1, 1, 1],
    });
    expect([...soft.weights]).toEqual([...hard.weights]);
    expect([...soft.bias]).toEqual([...hard.bias]);
  });
});
