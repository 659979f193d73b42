import { describe, expect, it } from 'vitest';
import { replyCheckJsonLine } from './json-line.js';

describe('replyCheckJsonLine', () => {
  it('answers a good line with the four figures, rounded, and the same id', () => {
    const out = JSON.parse(
      replyCheckJsonLine(
        JSON.stringify({
          id: 'r1',
          title: '南湖公园厕所无人打扫',
          body: '南湖公园东门的公共厕所长期无人打扫，气味很大，希望安排保洁。',
          reply: '您好！南湖公园管理处已安排专人每天打扫东门公共厕所两次，感谢您的监督。',
        }),
      ),
    ) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['id', 'relevance', 'completeness', 'explanation', 'score']);
    expect(out.id).toBe('r1');
    for (const k of ['relevance', 'completeness', 'explanation', 'score']) {
      const v = out[k] as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.round(v * 10000)).toBe(v * 10000);
    }
    expect(out.relevance).toBeGreaterThan(0.5);
  });

  it('answers a bad line with a Chinese error instead of throwing', () => {
    expect(JSON.parse(replyCheckJsonLine('{"id":3,"reply":"好"}'))).toEqual({
      id: 3,
      error: '缺少 body（留言正文）',
    });
    expect(JSON.parse(replyCheckJsonLine('{"id":4,"body":"问"}'))).toEqual({
      id: 4,
      error: '缺少 reply（答复意见）',
    });
    expect(JSON.parse(replyCheckJsonLine('{"id":5,"title":1,"body":"问","reply":"答"}'))).toEqual({
      id: 5,
      error: 'title（标题）应为字符串',
    });
    expect(JSON.parse(replyCheckJsonLine('{oops'))).toEqual({ id: null, error: '不是有效的 JSON' });
    expect(JSON.parse(replyCheckJsonLine('  '))).toEqual({ id: null, error: '空行' });
    expect(JSON.parse(replyCheckJsonLine('"text"'))).toMatchObject({ id: null });
    expect(JSON.parse(replyCheckJsonLine('{"id":6,"body":"","reply":""}'))).toMatchObject({
      id: 6,
      score: 0,
    });
  });
});
