import { describe, expect, it } from 'vitest';
import { scanLexicon } from './lexicon.js';

const hits = (text: string) => scanLexicon(text).hits.map((h) => [h.text, h.weight]);

describe('scanLexicon', () => {
  it('takes the longest word at each position', () => {
    expect(hits('对答复不满意')).toEqual([['不满意', -2]]);
    expect(hits('部门不作为')).toEqual([['不作为', -2.5]]);
  });

  it('turns praise after a negator into blame, with the negator in the word', () => {
    const scan = scanLexicon('处理得不及时，态度也不太热情');
    expect(scan.hits.map((h) => h.text)).toEqual(['不及时', '不太热情']);
    expect(scan.positive).toBe(0);
    expect(scan.negative).toBeCloseTo(-2);
  });

  it('turns a negated harm into weaker relief', () => {
    const scan = scanLexicon('再也不用担心停水了');
    expect(scan.hits[0]).toEqual({ text: '再也不用担心', weight: 0.5 });
  });

  it('knows words that start like a negator but negate nothing', () => {
    expect(hits('家属非常气愤')).toEqual([['气愤', -2.5]]);
    expect(hits('祝工作顺利')).toEqual([]);
    expect(hits('没有造成人员伤亡')).toEqual([['没有造成人员伤亡', 1]]);
  });

  it('does not carry negation across punctuation or far away', () => {
    expect(hits('没有，满意')).toEqual([['满意', 2]]);
    expect(hits('不知道这家店到底满意')).toEqual([['满意', 2]]);
  });

  it('collects consultation cues without weighing them', () => {
    const scan = scanLexicon('请问如何办理？');
    expect(scan.consult).toEqual([
      { word: '请问', at: 0 },
      { word: '如何', at: 2 },
    ]);
    expect(scan.hits).toEqual([]);
  });

  it('scales title words and adds to an existing scan', () => {
    const scan = scanLexicon('表扬', 2);
    scanLexicon('噪音', 1, scan);
    expect(scan.positive).toBe(6);
    expect(scan.negative).toBe(-1.5);
  });
});
