import { describe, expect, it } from 'vitest';
import type { UrgencyKind, UrgencySignal } from './urgency.js';
import { detectUrgency, isPreHolidayWagePeriod } from './urgency.js';

// Texts written for these tests. July is outside every holiday window.
const JULY = new Date('2026-07-15T04:00:00Z');

function signal(text: string, kind: UrgencyKind, now: Date = JULY): UrgencySignal | undefined {
  return detectUrgency(text, { now }).signals.find((found) => found.kind === kind);
}

function kinds(text: string, now: Date = JULY): UrgencyKind[] {
  return detectUrgency(text, { now }).signals.map((found) => found.kind);
}

describe('each kind with its terms', () => {
  it.each<[UrgencyKind, string, string, string[], boolean]>([
    ['safety', '安全隐患', '小区3号楼外墙出现裂缝，担心有安全隐患', ['裂缝', '安全隐患'], false],
    ['safety', '安全隐患', '村口的挡土墙昨晚坍塌了', ['坍塌'], true],
    ['safety', '安全隐患', '楼道里闻到很重的味道，怀疑燃气泄漏', ['燃气泄漏'], true],
    ['safety', '安全隐患', '电动车长期占用消防通道', ['占用消防通道'], false],
    ['safety', '安全隐患', '晚上车都停到消防通道上了', ['停到消防通道'], false],
    ['safety', '安全隐患', '老桥西侧护栏断了一截，晚上路过很危险', ['护栏断'], false],
    ['fire', '火灾', '菜市场后面的仓库起火了，浓烟很大', ['起火', '浓烟'], true],
    ['group', '群体性事件', '几十个人聚集在工地门口', ['几十个人', '聚集'], true],
    ['group', '群体性事件', '有人在镇政府门口拉横幅', ['拉横幅'], true],
    [
      'group',
      '群体性事件',
      '化工厂门口聚集了上百名村民，现场和保安发生推搡',
      ['聚集', '上百名', '推搡'],
      true,
    ],
    ['selfHarm', '自伤自杀', '邻居大姐说不想活了，一直在哭', ['不想活'], true],
    ['epidemic', '疫情', '隔壁老人发烧好几天，担心是传染病', ['发烧', '传染病'], false],
    ['epidemic', '疫情', '学校食堂吃完饭后多人腹泻，疑似食物中毒', ['多人腹泻', '食物中毒'], true],
    ['minors', '未成年人', '学生放学路上被高年级同学殴打', ['学生', '殴打'], false],
    ['minors', '未成年人', '一名小孩在水库边玩耍时溺水', ['小孩', '溺水'], true],
    ['minors', '未成年人', '前天有小孩被追咬，请尽快处理', ['小孩', '追咬'], false],
    ['safety', '安全隐患', '新街社区流浪狗伤人', ['流浪狗伤人'], false],
    ['wageArrears', '欠薪', '包工头拖欠工资三个月了', ['拖欠工资'], false],
    ['disaster', '汛情灾害', '暴雨后积水漫进一楼住户家里', ['暴雨', '积水漫进'], false],
    ['disaster', '汛情灾害', '上游山洪下来，河堤出现管涌', ['山洪', '管涌'], true],
    ['violence', '暴力威胁', '他说要和物业同归于尽', ['同归于尽'], true],
    ['casualty', '人员伤亡/被困', '市场那边好像有人员伤亡，救护车来了好几辆', ['人员伤亡'], true],
    ['casualty', '人员伤亡/被困', '听说烧死了两个人，还有人烧伤送医', ['烧死', '烧伤'], true],
    ['casualty', '人员伤亡/被困', '二楼仓库还有人被困，火太大进不去', ['被困'], true],
  ])('%s (%s): %s', (kind, label, text, terms, urgent) => {
    const found = signal(text, kind);
    expect(found).toBeDefined();
    expect(found?.label).toBe(label);
    expect(found?.terms).toEqual(terms);
    expect(found?.urgent).toBe(urgent);
    expect(detectUrgency(text, { now: JULY }).urgent).toBe(urgent);
  });

  it('gives positions that point at the terms in the text', () => {
    const text = '昨天夜里，厂房突然着火，随后火势蔓延';
    const found = signal(text, 'fire');
    expect(found?.terms).toEqual(['着火', '火势']);
    expect(found?.positions).toEqual([text.indexOf('着火'), text.indexOf('火势')]);
    found?.terms.forEach((term, i) => {
      expect(text.slice(found.positions[i], found.positions[i]! + term.length)).toBe(term);
    });
  });

  it('reports every occurrence of a word', () => {
    const found = signal('起火了！真的起火了！', 'fire');
    expect(found?.terms).toEqual(['起火', '起火']);
    expect(found?.positions).toEqual([0, 6]);
  });

  it('takes the longest phrase, not also the words inside it', () => {
    expect(signal('老板拖欠农民工工资', 'wageArrears')?.terms).toEqual(['拖欠农民工']);
  });
});

describe('negation', () => {
  it.each<[string, UrgencyKind]>([
    ['楼下只是有点焦味，没有起火', 'fire'],
    ['经检查未发生火灾', 'fire'],
    ['检查后确认无安全隐患', 'safety'],
    ['老板从来没有拖欠工资', 'wageArrears'],
    ['孩子摔了一下但没受伤', 'minors'],
  ])('%s → no %s', (text, kind) => {
    expect(signal(text, kind)).toBeUndefined();
  });

  it('keeps a question as a signal (是不是起火了)', () => {
    expect(signal('对面楼是不是起火了', 'fire')?.terms).toEqual(['起火']);
  });

  it('negates only the occurrence that is negated', () => {
    const found = signal('东边没有起火，西边起火了', 'fire');
    expect(found?.terms).toEqual(['起火']);
    expect(found?.positions).toEqual([9]);
  });
});

describe('suppositions', () => {
  it.each<[string, UrgencyKind]>([
    ['消防通道被杂物堵死，一旦发生火灾后果不堪设想', 'fire'],
    ['楼道里电动车充电，电线乱拉，极易引发火灾', 'fire'],
    ['路口没有护栏，万一出事造成人员伤亡谁负责', 'casualty'],
    ['河堤有裂缝，如果发洪水整个村都要被淹', 'disaster'],
  ])('%s → no %s: a hazard, not an event', (text, kind) => {
    expect(signal(text, kind)).toBeUndefined();
  });

  it('keeps the event the clause before the supposition reports', () => {
    const found = signal('菜市场起火了，万一烧到旁边的加油站就麻烦了', 'fire');
    expect(found?.terms).toEqual(['起火']);
  });

  it('reads no supposition into 主要是 (起火原因主要是电线老化)', () => {
    expect(signal('仓库昨晚起火原因主要是电线老化导致起火', 'fire')?.terms).toEqual([
      '起火',
      '起火',
    ]);
  });

  it('leaves the hazard itself a safety signal', () => {
    expect(
      detectUrgency('消防通道被杂物堵死，一旦发生火灾后果不堪设想').signals.map((s) => s.kind),
    ).toContain('safety');
  });
});

describe('exclusions and ordinary words', () => {
  it.each([
    '周末和朋友去吃火锅，味道不错',
    '火车站附近的公交站台太少',
    '小区组织了一次消防演练，大家都参加了',
    '学生在学校门口等车，希望增加公交班次',
    '建议开展安全隐患排查工作',
    '手机发热严重，想咨询维修点',
    '我想咨询疫情期间的补贴政策',
    '举报后担心遭到打击报复',
    '儿子期末成绩滑坡，想咨询课外辅导',
    '集体土地的确权什么时候办理',
    '孩子入学需要什么材料',
    '路灯不亮已经一个月了，晚上走路不方便',
  ])('%s → no signal', (text) => {
    expect(detectUrgency(text, { now: JULY })).toEqual({ urgent: false, signals: [] });
  });

  it('still finds a fire in a hotpot restaurant', () => {
    expect(signal('火锅店后厨着火了', 'fire')?.terms).toEqual(['着火']);
  });

  it('several people ill at once is an urgent epidemic signal', () => {
    expect(signal('班上多名学生发烧咳嗽', 'epidemic')).toMatchObject({
      terms: ['多名', '发烧'],
      urgent: true,
    });
  });

  it('a fire hazard is a safety hazard, not a fire', () => {
    expect(kinds('仓库堆满纸箱，存在火灾隐患')).toEqual(['safety']);
  });

  it('needs a protest word with 集体', () => {
    expect(signal('村里集体经济收入怎么分配', 'group')).toBeUndefined();
    expect(signal('工人们明天集体到县政府讨说法', 'group')?.urgent).toBe(true);
  });
});

describe('wage arrears before holidays', () => {
  const text = '工地老板欠薪不还，我们回不了家';

  it('is urgent in the weeks before Spring Festival 2027', () => {
    for (const at of [
      '2026-11-05T02:00:00Z',
      '2026-12-10T02:00:00Z',
      '2027-01-20T02:00:00Z',
      '2027-02-05T15:00:00Z',
    ]) {
      const result = detectUrgency(text, { now: new Date(at) });
      expect(result.urgent, at).toBe(true);
      expect(result.signals).toMatchObject([
        { kind: 'wageArrears', terms: ['欠薪'], urgent: true },
      ]);
    }
  });

  it('is only a signal in July and after the festival', () => {
    for (const at of ['2026-07-15T02:00:00Z', '2027-02-20T02:00:00Z']) {
      const result = detectUrgency(text, { now: new Date(at) });
      expect(result.urgent, at).toBe(false);
      expect(result.signals).toMatchObject([{ kind: 'wageArrears', urgent: false }]);
    }
  });

  it('is urgent before National Day', () => {
    expect(detectUrgency(text, { now: new Date('2026-09-25T02:00:00Z') }).urgent).toBe(true);
    expect(detectUrgency(text, { now: new Date('2026-10-08T02:00:00Z') }).urgent).toBe(false);
  });

  it('is urgent whatever the date when the writer says the holiday is near', () => {
    const near = '工地老板拖欠工资五个月了，快过年了，家里等着钱用';
    const result = detectUrgency(near, { now: JULY });
    expect(result.urgent).toBe(true);
    expect(result.signals).toMatchObject([
      { kind: 'wageArrears', terms: ['拖欠工资', '快过年'], urgent: true },
    ]);
    const found = result.signals[0];
    expect(near.slice(found?.positions[1], (found?.positions[1] ?? 0) + 3)).toBe('快过年');
  });

  it('needs the wages owed and the holiday near each other', () => {
    const apart = `包工头拖欠工资三个月了。${'后来他说会想办法，可是一直没有消息，我们也不知道该找谁。'.repeat(2)}快过年了`;
    expect(detectUrgency(apart, { now: JULY }).urgent).toBe(false);
    expect(detectUrgency('快过年了，镇上的集市什么时候开', { now: JULY }).signals).toEqual([]);
  });

  it('uses the local date of the time zone', () => {
    // 2027-02-06 is 正月初一: 23:00 UTC on that day is already 02-07 in Shanghai.
    const now = new Date('2027-02-06T23:00:00Z');
    expect(detectUrgency(text, { now }).urgent).toBe(false);
    expect(detectUrgency(text, { now, timeZone: 'UTC' }).urgent).toBe(true);
  });

  it('knows the window by date', () => {
    expect(isPreHolidayWagePeriod('2027-02-06')).toBe(true);
    expect(isPreHolidayWagePeriod('2027-02-07')).toBe(false);
    expect(isPreHolidayWagePeriod('2026-10-31')).toBe(false);
    expect(isPreHolidayWagePeriod('2026-11-01')).toBe(true);
    expect(isPreHolidayWagePeriod('2026-11-30')).toBe(true);
    expect(isPreHolidayWagePeriod('2026-07-01')).toBe(false);
  });
});

describe('people killed, hurt or trapped', () => {
  it('is its own urgent signal beside a fire, not a flood', () => {
    expect(kinds('云溪农贸市场着火了，二楼还有人被困，听说已经有人员伤亡')).toEqual([
      'fire',
      'casualty',
    ]);
  });

  it('is no signal where the text says nobody was hurt, or means paperwork', () => {
    expect(kinds('仓库起火，经全力扑救已扑灭，未造成人员伤亡')).toEqual(['fire']);
    expect(kinds('事故暂无人员伤亡')).toEqual([]);
    expect(kinds('想问一下办理死亡证明需要哪些材料')).toEqual([]);
  });
});

describe('several signals in one text', () => {
  it('reports each kind once, urgent when any is', () => {
    const text = '工地拖欠工资，工人们聚集在门口，有人扬言要跳楼';
    const result = detectUrgency(text, { now: JULY });
    expect(result.urgent).toBe(true);
    expect(result.signals.map((found) => [found.kind, found.terms, found.urgent])).toEqual([
      ['group', ['工人们', '聚集'], true],
      ['selfHarm', ['跳楼'], true],
      ['wageArrears', ['拖欠工资'], false],
    ]);
  });

  it('a flood with a child in danger', () => {
    expect(kinds('河水暴涨，有个孩子被困在河中间的沙洲上')).toEqual(['disaster', 'casualty']);
    expect(kinds('洪水冲垮了桥，一名儿童失踪')).toEqual(['minors', 'disaster']);
  });
});
