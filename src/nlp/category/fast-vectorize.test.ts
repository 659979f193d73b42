import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../lib/paths.js';
import {
  categoryTokens,
  fitVocabulary,
  HEAD_UNITS,
  vectorize,
  type CategoryInput,
  type SparseVector,
} from './features.js';
import { fastVectorizer, featureKey } from './fast-vectorize.js';

const asMap = (v: SparseVector) => new Map(Array.from(v.idx, (i, k) => [i, v.val[k] as number]));

/** The features where two vectors differ (one expect per message: expect() is slow per value). */
function differences(a: SparseVector, b: SparseVector): number[] {
  const ma = asMap(a);
  const mb = asMap(b);
  const keys = new Set([...ma.keys(), ...mb.keys()]);
  return [...keys].filter(
    (i) => Math.abs((ma.get(i) ?? NaN) - (mb.get(i) ?? NaN)) > 1e-12 || !ma.has(i) || !mb.has(i),
  );
}
const expectSame = (a: SparseVector, b: SparseVector) => expect(differences(a, b)).toEqual([]);

const made: CategoryInput[] = [
  { title: '小区噪音扰民！', body: '夜间施工，噪音很大。请环保局查处 ABC 123' },
  { title: null, body: '关于A市地铁5号线的建议，尊敬的领导：您好！' },
  { title: '？？', body: '只有标点的标题' },
  { title: '', body: '𠮷野家的𠮷字和表情😀不一样' },
  { body: 'İstanbul 的大写 İ 变小写会变长' },
  { title: '很长的标题'.repeat(20), body: '正文'.repeat(100) },
  { body: '' },
];

describe('fastVectorizer', () => {
  it('gives what vectorize(categoryTokens()) gives, on made-up edge cases', () => {
    const vocab = fitVocabulary(made.map(categoryTokens), 1);
    const fast = fastVectorizer(vocab);
    for (const input of made)
      expectSame(vectorize(categoryTokens(input), vocab), fast.vectorize(input));
  });

  it('marks the opening: the first HEAD_UNITS letters and digits, separators not counted', () => {
    const body = `${'甲'.repeat(HEAD_UNITS - 1)}，乙丙`;
    const t = categoryTokens({ title: null, body });
    expect(t).toContain('@乙');
    expect(t).not.toContain('@丙');
    expect(t).not.toContain('@乙丙');
    expect(t).toContain('乙丙');
  });

  it('refuses a vocabulary with features it cannot compute', () => {
    expect(featureKey('^噪')).toBeUndefined();
    expect(() =>
      fastVectorizer({ index: new Map([['三个字', 0]]), idf: Float64Array.of(1) }),
    ).toThrow(/无法识别/);
  });

  const data = join(packageRoot, '..', 'shared', 'data', 'tipdm2020c-classify', 'train.jsonl');
  it.skipIf(!existsSync(data))('agrees on the TipDM messages (read at run time)', () => {
    const rows = readFileSync(data, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as CategoryInput)
      .slice(0, 500);
    const vocab = fitVocabulary(rows.map(categoryTokens), 2);
    const fast = fastVectorizer(vocab);
    for (const input of rows)
      expectSame(vectorize(categoryTokens(input), vocab), fast.vectorize(input));
  });
});
