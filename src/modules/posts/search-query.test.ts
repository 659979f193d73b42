import { describe, expect, it } from 'vitest';
import { segmenter } from '../../ingest/segment.js';
import { renderHighlight, toSearchQuery } from './search-query.js';

describe('toSearchQuery', () => {
  const seg = segmenter(['金鼎村']);
  it('segments each term like the posts, keeping phrases, exclusions and or', () => {
    expect(toSearchQuery('噪音扰民', seg)).toBe('噪音 扰民');
    expect(toSearchQuery('噪音 -施工', seg)).toBe('噪音 -施工');
    expect(toSearchQuery('"金鼎村 自来水" or 停水', seg)).toBe('"金鼎村 自来水" or 停水');
    expect(toSearchQuery('，。！ or', seg)).toBe('');
  });
});

describe('renderHighlight', () => {
  it('joins the segmented words back, escapes the text and marks the matches', () => {
    expect(renderHighlight('夜间 施工 \ue000噪音\ue001 <script> abc def')).toBe(
      '夜间施工<mark>噪音</mark>&lt;script&gt;abc def',
    );
  });
});
