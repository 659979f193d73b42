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

  it('with the jurisdiction’s places, keeps apart different matters in one village', () => {
    const posts = [
      [
        'gh1',
        '桂花社区工地夜里施工太吵',
        '桂花社区东边的工地每天晚上十一点以后还在打桩，噪音扰民，老人孩子都睡不好。',
      ],
      [
        'gh2',
        '桂花社区停水没有提前通知',
        '今天上午桂花社区突然停水，也没看到任何通知，希望以后停水能提前说一声。',
      ],
      [
        'gh3',
        '桂花社区流浪狗伤人',
        '桂花社区小广场附近有几条流浪狗，前天有小孩被追咬，请有关部门尽快处理。',
      ],
      [
        'gh4',
        '桂花社区夜间施工噪音扰民',
        '桂花社区东侧工地连续多晚施工到凌晨，老人孩子休息不好，请相关部门管一管。',
      ],
    ].map(([id, title, body], n) =>
      line({ id, title, body, time: new Date(now - (4 - n) * 3_600_000).toISOString() }),
    );
    const topics = (run: ReturnType<typeof runTopics>) =>
      run.lines.map((l) => (JSON.parse(l) as { topic: number }).topic);
    const places = ['桂花社区'];
    const [noise, water, dogs, noiseAgain] = topics(
      runTopics(posts, { seg: segmenter(places), places, now }),
    );
    expect(noiseAgain).toBe(noise);
    expect(new Set([noise, water, dogs]).size).toBe(3);
    // Segmented as one word but not weighed as common, the name is as rare as any word and, in
    // every post, joins them (as it did on the server before withLocalPlaces).
    expect(new Set(topics(runTopics(posts, { seg: segmenter(places), now }))).size).toBeLessThan(3);
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
