import { describe, expect, it } from 'vitest';
import { segmenter } from '../../ingest/segment.js';
import { highlightText, positiveTerms, toSearchQuery } from './search-query.js';

describe('toSearchQuery', () => {
  const seg = segmenter(['金鼎村']);
  it('looks for a run of Han characters as it is written, through the pairs the index holds', () => {
    expect(toSearchQuery('学校', seg)).toBe('学校');
    expect(toSearchQuery('路灯不亮', seg)).toBe('"路灯 灯不 不亮"');
    expect(toSearchQuery('-噪音扰民 "金鼎村"', seg)).toBe('-"噪音 音扰 扰民" "金鼎 鼎村"');
    // Other terms are cut into words as the posts are.
    expect(toSearchQuery('G4高速', seg)).toBe('g4 高速');
  });

  it('segments each term like the posts, keeping phrases, exclusions and or', () => {
    expect(toSearchQuery('噪音 -施工', seg)).toBe('噪音 -施工');
    expect(toSearchQuery('"金鼎村 自来水" or 停水', seg)).toBe('"金鼎村 自来水" or 停水');
    expect(toSearchQuery('，。！ or', seg)).toBe('');
  });
});

describe('positiveTerms', () => {
  it('keeps the words sought, longest first, not those excluded', () => {
    expect(positiveTerms('"金鼎村 自来水" or 停水 -施工')).toEqual(['金鼎村', '自来水', '停水']);
    // A Han run's pairs are one term again, to be marked whole.
    expect(positiveTerms('"路灯 灯不 不亮" 学校 -"噪音 音扰"')).toEqual(['路灯不亮', '学校']);
  });
});

describe('highlightText', () => {
  it('marks the words in the original text, punctuation kept, HTML escaped', () => {
    expect(highlightText('夜里施工，噪音<很大>！', ['噪音', '施工'])).toBe(
      '夜里<mark>施工</mark>，<mark>噪音</mark>&lt;很大&gt;！',
    );
  });

  it('shows two fragments around distant matches, and null without a match', () => {
    const text = `噪音${'很'.repeat(100)}中间${'长'.repeat(100)}噪音结尾`;
    const html = highlightText(text, ['噪音'], 5) ?? '';
    expect(html.match(/<mark>噪音<\/mark>/g)).toHaveLength(2);
    expect(html).toContain('… ');
    expect(html).not.toContain('中间');
    expect(highlightText('路灯坏了', ['噪音'])).toBeNull();
  });
});
