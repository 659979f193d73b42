import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, classifyCategories, classifyJsonLine } from './classify.js';

describe('the committed category model (models/category.json)', () => {
  it('classifies made-up messages', () => {
    const [noise, bus] = classifyCategories([
      {
        title: '小区旁边工地夜间施工噪音扰民',
        body: '每天晚上十一点以后工地还在施工，机器轰鸣，噪音很大，居民无法休息，请环保部门查处。',
      },
      {
        title: '学校校车安排问题咨询',
        body: '请问孩子所在的小学今年还开不开校车？接送学生的校车路线和收费标准是什么？',
      },
    ]);
    expect(noise?.label).toBe('环境保护');
    expect(bus?.label).toBe('教育文体');
    expect(bus?.confidence).toBeGreaterThan(0);
    expect(bus?.confidence).toBeLessThanOrEqual(1);
  });

  it('knows the seven categories', () => {
    expect(CATEGORY_LABELS).toHaveLength(7);
  });
});

describe('classifyJsonLine', () => {
  it('answers every line, with the id, and a Chinese error for bad ones', () => {
    const ok = JSON.parse(classifyJsonLine('{"id":"a1","body":"小区垃圾没人清运，臭气熏天"}')) as {
      id: string;
      label: string;
      confidence: number;
    };
    expect(ok.id).toBe('a1');
    expect(typeof ok.label).toBe('string');
    expect(ok.confidence).toBeGreaterThan(0);
    expect(JSON.parse(classifyJsonLine('{"id":7}'))).toEqual({ id: 7, error: '缺少 body（正文）' });
    expect(JSON.parse(classifyJsonLine('{oops'))).toEqual({ id: null, error: '不是有效的 JSON' });
    expect(JSON.parse(classifyJsonLine(''))).toEqual({ id: null, error: '空行' });
    expect(JSON.parse(classifyJsonLine('[1]'))).toMatchObject({ id: null });
  });
});
