import { describe, expect, it } from 'vitest';
import { highlightParts } from '../../../web/src/features/monitoring/posts/highlight.js';
import { highlightText } from './search-query.js';

describe('highlightParts (舆情信息 renders the server highlight as text)', () => {
  it('splits on <mark> and turns escaped text back into plain text, never markup', () => {
    const html = highlightText('<b>夜间</b>噪音扰民&"x"', ['噪音']) ?? '';
    const parts = highlightParts(html);
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(['噪音']);
    expect(parts.map((p) => p.text).join('')).toBe('<b>夜间</b>噪音扰民&"x"');
  });

  it('keeps text without marks whole', () => {
    expect(highlightParts('没有命中 &lt;script&gt;')).toEqual([
      { text: '没有命中 <script>', marked: false },
    ]);
  });
});
