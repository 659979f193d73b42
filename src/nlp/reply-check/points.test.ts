import { describe, expect, it } from 'vitest';
import { ANSWERED_SHARE, answeredPoints, demandsOf, messagePoints } from './points.js';

const noIdf = { idf: new Map<string, number>(), unseen: 8 };

describe('messagePoints', () => {
  it('takes the questions and requests, listed items one by one, not the narration', () => {
    const points = messagePoints(
      null,
      '尊敬的领导：您好！我是城南小区的业主。小区去年交房，至今没有通天然气。' +
        '1、开发商承诺的燃气入户什么时候能完成？2、没有燃气期间的用电补贴能否发放？谢谢！',
    );
    expect(points.map((p) => p.text)).toEqual([
      '开发商承诺的燃气入户什么时候能完成',
      '没有燃气期间的用电补贴能否发放',
    ]);
  });

  it('knows a question by its question mark', () => {
    const points = messagePoints('新生儿医保办理', '孩子上个月出生了。需要带什么材料？');
    expect(points.map((p) => p.text)).toEqual(['孩子上个月出生了，需要带什么材料']);
  });

  it('reads a short question with the sentence before it', () => {
    const [point] = messagePoints(null, '东风路公交站的候车亭被大风吹倒了。请问什么时候修？');
    expect(point?.match).toContain('候车亭');
    expect(point?.text).toContain('候车亭');
  });

  it('falls back on the title when nothing is asked', () => {
    expect(messagePoints('反映河道垃圾成堆', '河边堆满了生活垃圾。')).toEqual([
      { text: '反映河道垃圾成堆', match: '反映河道垃圾成堆' },
    ]);
    expect(messagePoints(null, '')).toEqual([]);
  });

  it('drops a request repeated in other words', () => {
    const points = messagePoints(
      null,
      '希望尽快修复人民路的破损路面。恳请尽快修复人民路破损路面！另外希望增设人行横道。',
    );
    expect(points).toHaveLength(2);
  });
});

describe('answeredPoints', () => {
  it('marks a point answered when the reply takes up its key words', () => {
    const [lights, bins] = answeredPoints(
      null,
      '希望修好广场的路灯。希望增加垃圾桶。',
      '广场路灯已于昨日修好。',
      noIdf,
    );
    expect(lights?.answered).toBe(true);
    expect(bins?.answered).toBe(false);
    expect(bins?.coverage).toBe(0);
  });

  it('counts a point answered in other words when the reply gives the kind of answer it asks for', () => {
    const body = '我们小区北门外人行道上的共享单车堆放杂乱，占满了整条盲道。请问什么时候能清理？';
    const [inOtherWords] = answeredPoints(
      null,
      body,
      '城管中队已于6月3日将乱停的单车全部清走，今后每天上午9时巡查。',
      noIdf,
    );
    expect(inOtherWords?.coverage).toBeLessThan(ANSWERED_SHARE);
    expect(inOtherWords?.answered).toBe(true);
    // The same words taken up, but no deed and no time: not an answer.
    const [evasive] = answeredPoints(null, body, '乱停的单车我们会进一步研究。', noIdf);
    expect(evasive?.answered).toBe(false);
    // A deed and a time, but nothing of the point: about something else.
    const [elsewhere] = answeredPoints(
      null,
      body,
      '已于6月3日全部清走，今后每天上午9时巡查。',
      noIdf,
    );
    expect(elsewhere?.answered).toBe(false);
  });
});

describe('demandsOf', () => {
  it('reads what a point asks for from its cue words', () => {
    expect(demandsOf('请环卫所尽快处理，并说明以后的清运时间安排')).toEqual(['action', 'time']);
    expect(demandsOf('请说明为什么拖欠工资')).toEqual(['reason']);
    expect(demandsOf('孩子上个月出生了，需要带什么材料')).toEqual(['how']);
    expect(demandsOf('拆迁补偿标准是多少')).toEqual(['amount']);
    expect(demandsOf('希望增设人行横道')).toEqual(['action']);
    expect(demandsOf('路灯长时间不亮，能否修复')).toEqual(['action']);
    // A yes-or-no question asks for no kind of answer: its key words decide.
    expect(demandsOf('没有燃气期间的用电补贴能否发放')).toEqual([]);
  });
});
