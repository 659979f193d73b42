import { describe, expect, it } from 'vitest';
import { renderWebIndex } from './web-index.js';

describe('renderWebIndex', () => {
  it("replaces the built page's time-zone tag with the deployment's", () => {
    const html =
      '<html><head><meta charset="UTF-8" /><meta name="yuqing-time-zone" content="Asia/Shanghai" /><title>舆情</title></head></html>';
    const out = renderWebIndex(html, { timeZone: 'Asia/Urumqi' });
    expect(out).toContain('<meta name="yuqing-time-zone" content="Asia/Urumqi" />');
    expect(out).not.toContain('Asia/Shanghai');
    expect(out.match(/yuqing-time-zone/g)).toHaveLength(1);
  });

  it('adds the tag to the head of a page that has none', () => {
    const out = renderWebIndex('<html><head><title>舆情</title></head><body></body></html>', {
      timeZone: 'Asia/Tokyo',
    });
    expect(out).toBe(
      '<html><head><title>舆情</title><meta name="yuqing-time-zone" content="Asia/Tokyo" /></head><body></body></html>',
    );
  });

  it('escapes what it writes into the attribute', () => {
    const out = renderWebIndex('<head></head>', { timeZone: 'x"><script>' });
    expect(out).toBe('<head><meta name="yuqing-time-zone" content="x&quot;>&lt;script>" /></head>');
  });
});
