import { describe, expect, it } from 'vitest';
import { classifierOf, shippedCategoryModel } from './classify.js';
import { applyDelta, deltaOf, fineTune, type LabelledInput } from './fine-tune.js';

// A category the shipped model never saw, taught by a handful of confirmed messages.
const farm = [
  '村里的水稻田灌溉渠堵塞，秧苗缺水，请农业站派人疏通灌溉渠',
  '今年玉米种子发芽率低，怀疑种子质量有问题，请农业部门检测种子',
  '果园的柑橘树大面积黄叶病，请农技站派技术员来指导防治',
  '养殖场的生猪补贴迟迟没有发放，请畜牧站核实补贴发放',
  '农机补贴申请提交三个月还没有结果，请农业农村局答复',
  '水稻病虫害严重，农药喷洒无效，希望农技站下乡指导',
];
const samples: LabelledInput[] = [
  ...farm.map((body) => ({ input: { body }, label: '农业农村' })),
  { input: { body: '小区门口道路坑洼不平，下雨积水，请尽快修路' }, label: '城乡建设' },
  { input: { body: '化工厂夜里偷排废水，河水发黑发臭' }, label: '环境保护' },
];
const labels = [
  '城乡建设',
  '环境保护',
  '交通运输',
  '教育文体',
  '劳动和社会保障',
  '商贸旅游',
  '卫生计生',
  '农业农村',
];
const from = labels.map((l) => (l === '农业农村' ? null : l));

describe('fine-tuning on confirmed labels', () => {
  const base = shippedCategoryModel();
  const tuned = fineTune(base, samples, { labels, from });

  it('learns a category the shipped model never had', () => {
    const probe = { body: '请农技站派人来指导水稻病虫害防治，灌溉渠也需要疏通' };
    expect(classifierOf(base).classify([probe])[0]?.label).not.toBe('农业农村');
    expect(classifierOf(tuned).classify([probe])[0]?.label).toBe('农业农村');
  });

  it('keeps what the base model knew', () => {
    const probes = [
      '学校食堂卫生差，孩子吃了拉肚子，请教育局管一管',
      '工厂拖欠工人三个月工资，劳动监察大队一直不处理',
      '医院挂号排队太久，希望增加挂号窗口',
      '景区门票价格上涨太多，游客意见很大',
    ].map((body) => ({ body }));
    const before = classifierOf(base)
      .classify(probes)
      .map((r) => r.label);
    expect(
      classifierOf(tuned)
        .classify(probes)
        .map((r) => r.label),
    ).toEqual(before);
  });

  it('is stored as a small delta that rebuilds the same model', () => {
    const delta = deltaOf(base, tuned, from);
    expect(delta.rows.length).toBeGreaterThan(0);
    expect(delta.rows.length).toBeLessThan(base.model.dim / 10);
    const rebuilt = applyDelta(base, JSON.parse(JSON.stringify(delta)) as typeof delta);
    const probes = [...farm, '学校食堂卫生差', '高速路口拥堵'].map((body) => ({ body }));
    const a = classifierOf(tuned).classify(probes);
    const b = classifierOf(rebuilt).classify(probes);
    expect(b.map((r) => r.label)).toEqual(a.map((r) => r.label));
    b.forEach((r, i) => expect(r.confidence).toBeCloseTo(a[i]?.confidence ?? 0, 3));
  });

  it('refuses a delta made over another shipped model', () => {
    const delta = { ...deltaOf(base, tuned, from), base: '0000000000000000' };
    expect(() => applyDelta(base, delta)).toThrow('另一版');
  });
});
