import { describe, expect, it } from 'vitest';
import { segmenter } from '../../ingest/segment.js';
import { parseTopicLine, runTopics } from './topics-jsonl.js';

const seg = segmenter();
const now = Date.parse('2026-03-10T12:00:00+08:00');
const line = (v: unknown) => JSON.stringify(v);

describe('yuqing topics', () => {
  const input = [
    line({
      id: 'a1',
      title: '翠湖花园捆绑销售车位',
      body: '翠湖花园开发商要求买房必须捆绑购买车位。',
      time: '2026-03-09T09:00:00+08:00',
      likes: 3,
    }),
    line({
      id: 'b1',
      title: '建设路夜间施工噪音扰民',
      body: '建设路工地每天夜里施工，噪音扰民。',
      time: '2026-03-01T09:00:00+08:00',
    }),
    'not json',
    line({
      id: 'a2',
      title: '投诉翠湖花园强制捆绑车位',
      body: '翠湖花园强制购房者捆绑购买车位。',
      time: '2026-03-09T10:00:00+08:00',
    }),
    line({ id: 'x', body: 12 }),
    line({
      id: 'a3',
      body: '翠湖花园捆绑销售车位，不买车位不卖房，合法吗？',
      time: '2026-03-10T08:00:00+08:00',
    }),
  ];

  it('writes one line per input line in order, errors in Chinese', () => {
    const run = runTopics(input, { seg, now });
    const out = run.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual(['a1', 'b1', null, 'a2', 'x', 'a3']);
    expect(out[2]).toEqual({ id: null, error: '不是有效的 JSON' });
    expect(out[4]).toEqual({ id: 'x', error: '缺少 body（正文）' });
    // Numbered in order of post time: the March 1 post came first.
    expect(out[1]?.topic).toBe(1);
    expect(out[0]?.topic).toBe(2);
    expect(out[3]?.topic).toBe(2);
    expect(out[5]?.topic).toBe(2);
  });

  it('summarises topics hottest first, with key words and the representative title', () => {
    const { summary } = runTopics(input, { seg, now });
    expect(summary.map((t) => t.topic)).toEqual([2, 1]);
    const [hot, cold] = summary;
    expect(hot).toMatchObject({ size: 3, likes: 3 });
    expect(hot?.keywords).toEqual(expect.arrayContaining(['车位', '捆绑']));
    expect(hot?.label).toMatch(/翠湖花园/);
    expect(hot?.heat).toBeGreaterThan(cold?.heat ?? Infinity);
    expect(cold).toMatchObject({ size: 1, first: '2026-03-01T01:00:00.000Z' });
  });

  it('rejects what is not a post', () => {
    expect(parseTopicLine('')).toEqual({ ok: false, id: null, error: '空行' });
    expect(parseTopicLine('[1]')).toMatchObject({ ok: false, id: null });
    expect(parseTopicLine(line({ body: 'x' }))).toMatchObject({
      ok: false,
      error: '缺少 id（字符串或数字）',
    });
    expect(parseTopicLine(line({ id: 1, body: 'x', time: '昨天' }))).toMatchObject({
      ok: false,
      id: 1,
      error: expect.stringMatching(/^time（发布时间）/) as unknown,
    });
    expect(parseTopicLine(line({ id: 1, body: 'x', likes: -1 }))).toMatchObject({
      ok: false,
      id: 1,
    });
    expect(parseTopicLine(line({ id: 1, body: 'x', title: null }))).toMatchObject({
      ok: true,
      title: null,
    });
  });
});
