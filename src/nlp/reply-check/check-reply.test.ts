import { describe, expect, it } from 'vitest';
import { checkReply } from './check-reply.js';

// Made-up messages and replies (never the TipDM data).
const streetLight = {
  title: '幸福路南段路灯长期不亮',
  body:
    '幸福路南段从桃园小区门口到实验小学这一段的路灯已经坏了两个多月，晚上一片漆黑，' +
    '学生晚自习回家很不安全。请问什么时候能修好？',
};

const goodReply =
  '您好！感谢您对城市照明工作的关注。经核实，幸福路南段桃园小区至实验小学路段的路灯因地下电缆被施工挖断而熄灭。' +
  '我局已于2024年3月5日更换电缆120米，修复路灯18盏，目前该路段路灯已恢复正常照明。' +
  '根据《城市道路照明设施管理规定》第十条，我局将加强巡查。如有问题请拨打城市照明服务热线0731-88886666。';

const offTopicReply =
  '您好！感谢您的来信。关于您反映的东湖菜市场占道经营问题，经核实，市场管理方已划定临时摊位区域，' +
  '城管执法中队于2024年4月起每日早晚两次巡查，对占道商户依法劝导。谢谢您的理解与支持！';

// The case of a user test: a full reply that answers the request in its own words (cleared the
// same day, the schedule from now on), and replies of one line.
const lateBins = {
  title: '新街社区垃圾清运不及时',
  body:
    '新街社区东门垃圾站已经三天没有清运了，气味很大，夏天蚊蝇多，老人小孩都受影响。' +
    '请环卫所尽快处理，并说明以后的清运时间安排。联系电话13812345678。',
};
const binsReply =
  '您好！您反映的新街社区东门垃圾站清运不及时问题，城建办会同新街社区居委会于11月27日现场核实，' +
  '情况属实，原因是清运车辆故障。当天已调派备用车辆完成清运，并对垃圾站周边进行了消杀。' +
  '今后该垃圾站每天上午7时、下午5时各清运一次，监督电话0571-12345678。感谢您对我镇工作的关心和支持。';

describe('checkReply', () => {
  it('scores a relevant, complete, polite reply above a reply to another message', () => {
    const good = checkReply({ ...streetLight, reply: goodReply });
    const off = checkReply({ ...streetLight, reply: offTopicReply });
    expect(good.relevance).toBeGreaterThan(0.7);
    expect(off.relevance).toBeLessThan(0.3);
    expect(good.score).toBeGreaterThan(off.score + 0.3);
    expect(good.completeness).toBe(1);
    expect(off.completeness).toBe(0);
    expect(good.reasons[0]).toMatch(/^回复紧扣留言内容，提到了“.*路灯/);
    expect(off.reasons[0]).toContain('答非所问');
    for (const r of [good, off])
      for (const v of [r.relevance, r.completeness, r.explanation, r.tone, r.score]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
  });

  it('gives a two-point message answered on one point completeness ½ and names the other', () => {
    const body =
      '我家楼下的垃圾站每天早上六点就开始用铲车清运，噪音很大，希望调整清运时间。' +
      '另外小区东门外的下水道井盖破损，已经有老人摔倒，请尽快更换井盖。';
    const reply =
      '您好！关于垃圾站清运噪音的问题，环卫所已将该垃圾站的清运时间调整为每天上午八点以后，' +
      '并要求作业人员轻装轻卸，减少噪音。感谢您的监督！';
    const r = checkReply({ body, reply });
    expect(r.points).toHaveLength(2);
    expect(r.points[0]).toMatchObject({ answered: true });
    expect(r.points[0]?.text).toContain('垃圾站');
    expect(r.points[1]).toMatchObject({ answered: false });
    expect(r.points[1]?.text).toContain('井盖');
    expect(r.completeness).toBeCloseTo(0.5, 5);
    const missing = r.reasons.find((s) => s.startsWith('未回应诉求：'));
    expect(missing).toContain('井盖');
    expect(missing).not.toContain('垃圾站');
  });

  it('raises explanation for a cited policy, facts, dates and contacts', () => {
    const body = '请问外地户籍的孩子在本市上小学需要什么材料？';
    const bare = checkReply({ body, reply: '您好，需要准备相关材料，谢谢。' });
    const cited = checkReply({
      body,
      reply:
        '您好！根据《义务教育法》第十二条和市教育局《2024年义务教育招生工作方案》的规定，外地户籍儿童入学' +
        '需提供居住证、户口簿和监护人的劳动合同。具体可咨询市教育局招生办，电话0731-12345678。谢谢！',
    });
    expect(cited.explanation).toBeGreaterThan(bare.explanation + 0.4);
    expect(cited.reasons.some((s) => s.startsWith('引用了政策依据《义务教育法》'))).toBe(true);
    expect(cited.reasons).toContain('留有联系电话');
    expect(bare.reasons.some((s) => s.startsWith('未说明依据'))).toBe(true);
  });

  it('lowers tone for a bare brush-off and keeps it for a reasoned verdict', () => {
    const body = '反映某某公司长期拖欠二十名工人工资，请劳动监察部门查处。';
    const brusque = checkReply({ body, reply: '所反映情况不属实。无法处理。' });
    const reasoned = checkReply({
      body,
      reply:
        '您好！经劳动监察大队调查核实，该公司工资已于3月10日足额发放，所反映欠薪情况不属实。' +
        '如仍有疑问，请您携带工资条到劳动监察大队办理。感谢您的监督！',
    });
    expect(brusque.tone).toBeLessThan(0.3);
    expect(reasoned.tone).toBeGreaterThan(0.8);
    expect(brusque.reasons.some((s) => s.includes('不属实') && s.includes('未说明理由'))).toBe(
      true,
    );
    expect(reasoned.reasons.some((s) => s.includes('未说明理由'))).toBe(false);
  });

  it('flags a reply about another place and trusts it less', () => {
    const message = {
      title: '关于A3区金桥社区停车难的问题',
      body: 'A3区金桥社区车位太少，晚上车辆乱停，希望增加停车位。',
    };
    const elsewhere = checkReply({
      ...message,
      reply: '您好！B2县交通局已对B2县城区停车位进行规划，计划新增车位500个。谢谢！',
    });
    const here = checkReply({
      ...message,
      reply: '您好！A3区交通局已对金桥社区周边停车位进行规划，计划新增车位500个。谢谢！',
    });
    expect(elsewhere.reasons).toContain('回复提到留言中没有的地点：B2县');
    expect(here.reasons.some((s) => s.startsWith('回复提到留言中没有的地点'))).toBe(false);
    expect(elsewhere.relevance).toBeLessThan(here.relevance);
  });

  it('gives an empty reply nothing', () => {
    const r = checkReply({ ...streetLight, reply: ' 。' });
    expect(r).toMatchObject({ relevance: 0, completeness: 0, score: 0, reasons: ['答复意见为空'] });
    expect(r.points.every((p) => !p.answered)).toBe(true);
  });

  it('counts a request answered in other words: the deed done and the schedule asked for', () => {
    const r = checkReply({ ...lateBins, reply: binsReply });
    expect(r.points).toEqual([
      { text: '请环卫所尽快处理，并说明以后的清运时间安排', answered: true },
    ]);
    expect(r.completeness).toBe(1);
    expect(r.reasons).toContain('留言中的诉求都有回应');
    expect(r.reasons.some((s) => s.startsWith('未回应诉求'))).toBe(false);
    expect(r.score).toBeGreaterThan(0.85);
  });

  it('lists no phone number the message and the reply share as evidence', () => {
    const r = checkReply({ ...lateBins, reply: binsReply });
    expect(r.reasons[0]).toMatch(/^回复紧扣留言内容，提到了“新街社区东门垃圾站”/);
    expect(r.reasons.some((s) => s.includes('12345678'))).toBe(false);
  });

  it('scores a bare one-line reply low, well below a full one, however relevant', () => {
    const good = checkReply({ ...lateBins, reply: binsReply });
    for (const reply of ['已处理。', '已安排人员处理。']) {
      const bare = checkReply({ ...lateBins, reply });
      expect(bare.score).toBeLessThan(0.4);
      expect(good.score).toBeGreaterThan(bare.score + 0.5);
      expect(bare.completeness).toBe(0);
      expect(bare.reasons).toContain('回复过于简短，没有具体说明办理情况、时间或结果');
    }
    // Naming the unit asked is on topic, but still a line with nothing done, no time: not green.
    const named = checkReply({ ...lateBins, reply: '您好！已安排环卫所处理，谢谢！' });
    expect(named.score).toBeLessThan(0.7);
    expect(good.score).toBeGreaterThan(named.score + 0.3);
    expect(named.completeness).toBeLessThan(0.5);
    // Repeating the request's own words is no answer of substance either.
    const echo = checkReply({
      body: '小区路灯坏了一个月，请安排人员处理。',
      reply: '已安排人员处理。',
    });
    expect(echo.relevance).toBeGreaterThan(0.7);
    expect(echo.completeness).toBeLessThan(0.5);
    expect(echo.score).toBeLessThan(0.5);
    // With no point found, completeness no longer falls back on relevance for a reply of nothing.
    const nothingAsked = checkReply({ body: '灯坏了', reply: '已处理。' });
    expect(nothingAsked.points).toEqual([]);
    expect(nothingAsked.completeness).toBe(0);
    expect(nothingAsked.score).toBeLessThan(0.4);
  });
});
