import { describe, expect, it } from 'vitest';
import { SENTIMENT_LABELS, analyseSentiment, type SentimentInput } from './analyse.js';
import { labelledSets } from './labelled.js';

const one = (input: SentimentInput) => analyseSentiment([input])[0];

describe('analyseSentiment', () => {
  it('calls a complaint negative, with the words behind it', () => {
    const r = one({
      title: '工地夜间施工噪音扰民',
      body: '每天凌晨还在施工，居民无法入睡，多次投诉没人管，请尽快处理，谢谢！',
    });
    expect(r?.label).toBe('negative');
    expect(r?.score).toBeLessThan(-0.4);
    expect(r?.words).toEqual(expect.arrayContaining(['扰民', '无法入睡', '没人管']));
    expect(r?.words).not.toContain('谢谢');
  });

  it('calls a water-quality complaint negative though it ends with a 希望 request', () => {
    const r = one({
      title: '河口村自来水浑浊',
      body: '河口村二组这两天自来水发黄浑浊，烧开后有沉淀，不敢喝，希望检查一下供水管道。',
    });
    expect(r?.label).toBe('negative');
    expect(r?.words).toEqual(expect.arrayContaining(['浑浊', '发黄', '不敢喝']));
  });

  it('calls a report of a child attacked by dogs negative though it ends with a request', () => {
    const r = one({
      title: '新街社区流浪狗伤人',
      body: '新街社区最近流浪狗很多，前天有小孩被追咬，请有关部门尽快处理。',
    });
    expect(r?.label).toBe('negative');
    expect(r?.words).toEqual(expect.arrayContaining(['伤人', '追咬']));
  });

  it('calls a crowd pushing at a factory gate and dead fish negative, a notice of work done not', () => {
    const crowd = one({
      title: '青石村化工厂门口聚集上百村民',
      body: '今天上午青石村化工厂门口聚集了上百名村民，要求工厂停产。现场有人情绪激动，和厂里保安发生推搡，希望有关部门尽快到场处理，防止事态扩大。',
    });
    expect(crowd?.label).toBe('negative');
    expect(crowd?.words).toEqual(expect.arrayContaining(['推搡', '情绪激动']));
    expect(one({ title: '云溪河下游又发现死鱼', body: '说好的停产呢？' })?.label).toBe('negative');
    // A government notice is news, not a complaint (the review model read 安全生产 as a hazard).
    expect(
      one({ title: '云溪镇召开安全生产工作会议', body: '会议部署了冬季安全生产工作。' })?.label,
    ).toBe('neutral');
    expect(one({ title: '柳塘村环境整治工作取得成效', body: '村容村貌明显改善。' })?.label).toBe(
      'positive',
    );
  });

  it('calls a thanks letter positive', () => {
    const r = one({
      title: '感谢信',
      body: '街道工作人员上门帮我家老人办好了医保手续，耐心周到，特此表扬！',
    });
    expect(r?.label).toBe('positive');
    expect(r?.words).toEqual(expect.arrayContaining(['感谢信', '表扬']));
  });

  it('calls a consultation neutral', () => {
    const r = one({
      title: '咨询落户政策',
      body: '请问大专毕业生在本市落户需要哪些材料，在哪里办理？',
    });
    expect(r?.label).toBe('neutral');
    expect(r?.words).toContain('请问');
  });

  it('takes 请问 deep in a complaint as rhetorical, not as a consultation', () => {
    const r = one({
      body: '我们小区门口那条路的路灯三个月前就不亮了，每到晚上就一片漆黑，老人孩子出门都要摸黑，请问到底有没有人管？',
    });
    // With 请问 taken as a consultation this scores -0.2 (中性).
    expect(r?.label).toBe('negative');
  });

  it('turns words after a negator', () => {
    const [pleased, displeased, notComplaint] = analyseSentiment([
      { body: '工作人员处理很及时，我们非常满意。' },
      { body: '工作人员处理一点也不及时，态度也不热情，我们很不满意。' },
      { body: '这不是投诉，只是想咨询一下公积金的办理流程。' },
    ]);
    expect(pleased?.label).toBe('positive');
    expect(displeased?.label).toBe('negative');
    expect(displeased?.words).toEqual(expect.arrayContaining(['不热情', '不满意']));
    expect(notComplaint?.label).toBe('neutral');
  });

  it('keeps order, bounds the score and is neutral without evidence', () => {
    const inputs = [{ body: '表扬' }, { body: '' }, { body: '恶臭扰民' }];
    const results = analyseSentiment(inputs);
    expect(results.map((r) => r.label)).toEqual(['positive', 'neutral', 'negative']);
    for (const r of results) expect(Math.abs(r.score)).toBeLessThanOrEqual(1);
    expect(SENTIMENT_LABELS).toEqual({ negative: '负面', neutral: '中性', positive: '正面' });
  });
});

describe('accuracy on labelled government messages', () => {
  const sets = labelledSets();
  const accuracy = (name: string) => {
    const items = sets.find((s) => s.name === name)?.items ?? [];
    const results = analyseSentiment(items.map((it) => it.input));
    return results.filter((r, k) => r.label === items[k]?.label).length / items.length;
  };

  it('≥ 95% on the 90 hand-written messages (measured 0.978)', () => {
    const own = sets.filter((s) => s.name.startsWith('own')).flatMap((s) => s.items);
    expect(own).toHaveLength(90);
    expect((accuracy('own dev') * 60 + accuracy('own late') * 30) / 90).toBeGreaterThanOrEqual(
      0.95,
    );
  });

  const real = sets.some((s) => s.name === 'real held-out');
  it.skipIf(!real)(
    `≥ 80% on the 60 held-out real messages, above always-负面 (0.783; measured 0.817)${real ? '' : ' (skipped: ../shared/data/tipdm2020c-hot-messages not found)'}`,
    () => {
      expect(accuracy('real held-out')).toBeGreaterThanOrEqual(0.8);
      expect(accuracy('real tune')).toBeGreaterThanOrEqual(0.85);
    },
  );
});
