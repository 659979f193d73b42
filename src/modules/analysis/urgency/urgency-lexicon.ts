/**
 * Word lists of the urgency detector (DESIGN §4, issue 5). Plain data so that staff can extend it:
 * add a word to the list it belongs to, and a phrase to `exclusions` when a word misfires.
 *
 * How a kind is matched (see urgency.ts):
 * - `terms` give the signal; `urgentTerms` give the signal and make it urgent.
 * - `combos` need a word of `first` and a word of `second` within `within` characters of each other
 *   (for words that are too common alone, such as 学生 or 集体).
 * - An occurrence is ignored when it lies inside (overlaps) an `exclusions` phrase, or when a
 *   negation (不, 没有, 未, 无, 防止 … see NEGATIONS) comes immediately before it.
 * - `urgency`: 'always' → every signal of the kind is urgent; 'strong' → urgent only through
 *   `urgentTerms` or an urgent combo; 'seasonal' → as 'strong', and also urgent in the weeks before
 *   the Spring Festival and National Day (wage arrears).
 */

export type UrgencyKind =
  | 'safety'
  | 'fire'
  | 'group'
  | 'selfHarm'
  | 'epidemic'
  | 'minors'
  | 'wageArrears'
  | 'disaster'
  | 'casualty'
  | 'violence';

export type KindUrgency = 'always' | 'strong' | 'seasonal';

export interface Combo {
  first: readonly string[];
  second: readonly string[];
  /** Greatest number of characters between the two words. */
  within: number;
  /** Whether this combination makes the signal urgent (for 'strong' kinds). */
  urgent: boolean;
}

export interface KindLexicon {
  kind: UrgencyKind;
  label: string;
  urgency: KindUrgency;
  terms: readonly string[];
  urgentTerms: readonly string[];
  combos: readonly Combo[];
  exclusions: readonly string[];
}

/** Words that, immediately before a trigger, negate it: 没有起火, 无安全隐患, 防止火灾. */
export const NEGATIONS: readonly string[] = [
  '不',
  '没',
  '没有',
  '并没有',
  '未',
  '无',
  '并未',
  '从未',
  '未曾',
  '不是',
  '不会',
  '不存在',
  '未发生',
  '没发生',
  '没有发生',
  '防止',
  '预防',
  '避免',
  '杜绝',
  '严防',
  '谨防',
];

/**
 * Words that make the rest of their clause a supposition: 消防通道被堵，一旦发生火灾后果不堪设想
 * and 电线乱拉，极易引发火灾 report a hazard (安全隐患), not a fire. For the kinds of HYPOTHETICAL_KINDS,
 * a trigger after one of these in the same clause (up to ，。！？；) gives no signal; the clause
 * before it still does (楼下起火了，万一烧到加油站).
 */
export const HYPOTHETICALS: readonly string[] = [
  '一旦',
  '万一',
  '如果',
  '假如',
  '假若',
  '倘若',
  // Not 要是: it is in 主要是 and 只要是 (起火原因主要是电线老化 reports a fire).
  '如遇',
  '若发生',
  '若遇',
  '容易引发',
  '极易引发',
  '易引发',
  '可能引发',
  '容易造成',
  '极易造成',
  '可能造成',
  '容易发生',
  '极易发生',
];

/** Kinds that report an event that happened (a fire, a flood, people hurt), not a hazard. */
export const HYPOTHETICAL_KINDS: ReadonlySet<UrgencyKind> = new Set([
  'fire',
  'disaster',
  'casualty',
]);

/** A negation is not one when the text before the trigger ends with these (是不是起火了). */
export const NEGATION_EXCEPTIONS: readonly string[] = ['是不是', '会不会', '有没有'];

// Children and minors: the words alone are no signal (学生 is everywhere), only with harm words.
const MINOR_WORDS = [
  '儿童',
  '小孩',
  '孩子',
  '小朋友',
  '学生',
  '幼儿',
  '婴儿',
  '女童',
  '男童',
  '未成年',
];
// Harm to a child that needs action today.
const SERIOUS_HARM = [
  '溺水',
  '走失',
  '失踪',
  '虐待',
  '性侵',
  '猥亵',
  '拐卖',
  '拐走',
  '被拐',
  '坠楼',
  '死亡',
  '身亡',
  '中毒',
];
// Harm to a child that is a signal, not necessarily an emergency.
const HARM = [
  '受伤',
  '打架',
  '斗殴',
  '欺凌',
  '霸凌',
  '殴打',
  '被打',
  '打伤',
  '体罚',
  '烫伤',
  '咬伤',
  '被咬',
  '追咬',
  '抓伤',
  '辱骂',
];

// Many people together: with a protest word this is a group incident (集体 alone is not).
const CROWD_WORDS = [
  '集体',
  '一起去',
  '一群人',
  '大批',
  '几十人',
  '几十个人',
  '数十人',
  '上百人',
  '上百个人',
  '数百人',
  '上千人',
  // Counted in 名 (上百名村民) as often as in 人.
  '几十名',
  '数十名',
  '上百名',
  '近百名',
  '近百人',
  '百余名',
  '百余人',
  '数百名',
  '几百名',
  '几百人',
  '上千名',
  '众多群众',
  '大批群众',
  '众多村民',
  '全村',
  '很多村民',
  '很多业主',
  '业主们',
  '村民们',
  '工人们',
];
const PROTEST_WORDS = [
  '聚集',
  '上访',
  '堵路',
  '堵门',
  '围堵',
  '堵住',
  '拉横幅',
  '打横幅',
  '讨说法',
  '讨薪',
  '静坐',
  '闹事',
  '推搡',
  '肢体冲突',
  '发生冲突',
  '维权',
  '去政府',
  '到政府',
  '去市政府',
  '到市政府',
  '去县政府',
  '到县政府',
];

// Wages owed.
const WAGE_WORDS = [
  '欠薪',
  '讨薪',
  '拖欠工资',
  '工资拖欠',
  '拖欠农民工',
  '农民工工资',
  '拖欠工钱',
  '讨要工资',
  '讨工钱',
  '欠工资',
  '欠我们工资',
  '欠工钱',
  '克扣工资',
  '不发工资',
  '不给工资',
  '不给发工资',
  '工资不发',
  '工资没发',
  '工资一直没发',
  '工资未发放',
  '拿不到工资',
  '要不到工资',
];
// The writer says a holiday is near: with wages owed this is urgent whatever the date.
const HOLIDAY_NEAR = [
  '快过年',
  '马上过年',
  '马上就要过年',
  '就要过年',
  '要过年了',
  '眼看过年',
  '眼看就要过年',
  '年关将至',
  '临近年关',
  '年关到了',
  '快到春节',
  '春节快到',
  '临近春节',
  '回家过年',
  '过年回家',
  '快过节',
  '国庆快到',
  '快到国庆',
];

export const URGENCY_LEXICON: readonly KindLexicon[] = [
  {
    kind: 'safety',
    label: '安全隐患',
    urgency: 'strong',
    terms: [
      '安全隐患',
      '火灾隐患',
      '漏电',
      '触电危险',
      '电线裸露',
      '私拉电线',
      '私拉乱接',
      '飞线充电',
      '危房',
      '裂缝',
      '墙体开裂',
      '开裂',
      '漏气',
      '有毒气体',
      '危化品',
      '危险化学品',
      '井盖丢失',
      '井盖缺失',
      '没有井盖',
      '井盖被偷',
      '井盖没了',
      '井盖没有了',
      '井盖不见',
      '高空坠物',
      '摇摇欲坠',
      // 消防通道 alone (消防演练, 消防通道畅通) is no hazard; blocked or occupied is.
      '消防通道被占',
      '占用消防通道',
      '占据消防通道',
      '堵塞消防通道',
      '堵住消防通道',
      '消防通道堵塞',
      '消防通道被堵',
      '停到消防通道',
      '停在消防通道',
      '停满消防通道',
      // A guard rail broken or missing on a bridge or road.
      '护栏断',
      '护栏损坏',
      '护栏缺失',
      '护栏倒了',
      '没有护栏',
      '栏杆断',
      // Dogs that attack people: a hazard to passers-by and children.
      '流浪狗伤人',
      '恶犬伤人',
      '狗咬人',
      '被狗咬',
      '疯狗',
    ],
    // Collapse, gas, explosions and poisoning: act today.
    urgentTerms: [
      '塌方',
      '坍塌',
      '倒塌',
      '垮塌',
      '塌陷',
      '燃气泄漏',
      '煤气泄漏',
      '天然气泄漏',
      '燃气泄露',
      '煤气泄露',
      '天然气泄露',
      '爆炸',
      '触电身亡',
      '一氧化碳中毒',
      '煤气中毒',
    ],
    // A fire, flood or people hurt written as a supposition is the hazard the writer warns of:
    // 消防通道被杂物堵死，一旦发生火灾后果不堪设想 (the fire itself is no signal, HYPOTHETICALS).
    combos: [
      {
        first: HYPOTHETICALS,
        second: ['火灾', '起火', '着火', '失火', '伤亡', '事故', '洪水', '被淹'],
        within: 6,
        urgent: false,
      },
    ],
    exclusions: [
      '隐患排查',
      '排查安全隐患',
      '消除安全隐患',
      '消防演练',
      '轮胎漏气',
      '车胎漏气',
      '信息爆炸',
      '爆炸性新闻',
    ],
  },
  {
    kind: 'fire',
    label: '火灾',
    urgency: 'always',
    terms: [
      '火灾',
      '起火',
      '着火',
      '失火',
      '火情',
      '火势',
      '大火',
      '火苗',
      '冒烟',
      '浓烟',
      '烧起来',
      '烧着了',
      '烧毁',
      '纵火',
      '放火',
    ],
    urgentTerms: [],
    combos: [],
    // 火锅 / 火车 / 发火 contain no trigger; these are phrases that do but mean no fire.
    exclusions: [
      '火灾隐患',
      '消防演练',
      '火灾演练',
      '火情演练',
      '防火演练',
      '大火收汁',
      '烟囱冒烟',
      '火灾保险',
      '火灾险',
    ],
  },
  {
    kind: 'group',
    label: '群体性事件',
    urgency: 'always',
    terms: [
      '群体性事件',
      '集体上访',
      '联名上访',
      '越级上访',
      '进京上访',
      '集体讨薪',
      '堵路',
      '围堵',
      '拉横幅',
      '打横幅',
      '静坐示威',
      '示威',
      '游行',
      '打砸',
      '群殴',
      '械斗',
      '冲击政府',
      '围攻',
    ],
    urgentTerms: [],
    combos: [{ first: CROWD_WORDS, second: PROTEST_WORDS, within: 12, urgent: true }],
    exclusions: ['游行表演', '花车游行', '国庆游行', '围堵违法', '围堵嫌疑人'],
  },
  {
    kind: 'selfHarm',
    label: '自伤自杀',
    urgency: 'always',
    terms: [
      '轻生',
      '自杀',
      '自残',
      '自尽',
      '跳楼',
      '跳河',
      '跳江',
      '跳湖',
      '割腕',
      '上吊',
      '喝农药',
      '服毒',
      '寻死',
      '不想活',
      '活不下去',
      '一死了之',
      '以死相逼',
      '以死明志',
    ],
    urgentTerms: [],
    combos: [],
    exclusions: ['自杀式'],
  },
  {
    kind: 'epidemic',
    label: '疫情',
    urgency: 'strong',
    terms: [
      '疫情',
      '传染病',
      '传染',
      '感染',
      '发热',
      '发烧',
      '腹泻',
      '上吐下泻',
      '手足口',
      '水痘',
      '麻疹',
      '肺结核',
      '狂犬',
      '禽流感',
      '猪瘟',
      '病死猪',
      '病死畜禽',
    ],
    // Many people ill at once, or a notifiable outbreak.
    urgentTerms: [
      '集体发烧',
      '集体发热',
      '多人发烧',
      '多人发热',
      '集体腹泻',
      '多人腹泻',
      '食物中毒',
      '聚集性',
      '疫情扩散',
      '暴发',
      '霍乱',
      '鼠疫',
      '非洲猪瘟',
    ],
    // Several people with the same symptoms at once (多名学生发烧).
    combos: [
      {
        first: ['多名', '多人', '多个', '好几个', '十几个', '几十个', '不少人', '全班', '全家'],
        second: ['发烧', '发热', '腹泻', '呕吐', '上吐下泻'],
        within: 6,
        urgent: true,
      },
    ],
    exclusions: [
      '疫情期间',
      '疫情以来',
      '疫情过后',
      '疫情结束',
      '疫情防控',
      '手机发热',
      '电脑发热',
      '充电发热',
      '发热量',
      '感染力',
      '伤口感染',
      '电热毯发热',
    ],
  },
  {
    kind: 'minors',
    label: '未成年人',
    urgency: 'strong',
    terms: ['校园欺凌', '校园霸凌', '童工', '虐童'],
    urgentTerms: ['儿童走失', '拐卖儿童', '性侵儿童', '猥亵儿童'],
    combos: [
      { first: MINOR_WORDS, second: SERIOUS_HARM, within: 15, urgent: true },
      { first: MINOR_WORDS, second: HARM, within: 15, urgent: false },
    ],
    exclusions: ['学生证', '学生卡', '孩子气', '防溺水', '溺水演练', '预防溺水'],
  },
  {
    kind: 'wageArrears',
    label: '欠薪',
    urgency: 'seasonal',
    terms: WAGE_WORDS,
    urgentTerms: ['集体讨薪'],
    combos: [{ first: WAGE_WORDS, second: HOLIDAY_NEAR, within: 40, urgent: true }],
    exclusions: ['农民工工资保证金', '农民工工资专用账户'],
  },
  {
    kind: 'disaster',
    label: '汛情灾害',
    urgency: 'strong',
    terms: [
      '内涝',
      '积水漫进',
      '水漫进',
      '倒灌',
      '被淹',
      '淹了',
      '水淹',
      '洪水',
      '河水暴涨',
      '洪涝',
      '汛情',
      '险情',
      '滑坡',
      '暴雨',
      '冰雹',
      '台风',
      '地质灾害',
    ],
    // Life-threatening, or a breach that spreads fast.
    urgentTerms: [
      '山洪',
      '决堤',
      '决口',
      '溃坝',
      '溃堤',
      '管涌',
      '漫堤',
      '泥石流',
      '山体滑坡',
      '地震',
    ],
    combos: [],
    exclusions: [
      '洪水猛兽',
      '防汛演练',
      '地震演练',
      '应急演练',
      '质量滑坡',
      '成绩滑坡',
      '业绩滑坡',
      '断崖式滑坡',
      '困难',
    ],
  },
  {
    // People killed, hurt or trapped, whatever the cause (a fire, a collapse, a flood, a crash):
    // what a first report (首报) must state, and what makes a matter one to report upward at once.
    kind: 'casualty',
    label: '人员伤亡/被困',
    urgency: 'always',
    terms: [
      '伤亡',
      '人员伤亡',
      '死伤',
      '遇难',
      '罹难',
      '身亡',
      '丧生',
      '死亡',
      '死了人',
      '死人了',
      '出人命',
      '烧死',
      '烧伤',
      '炸死',
      '炸伤',
      '砸死',
      '砸伤',
      '压死',
      '重伤',
      '人受伤',
      '人员受伤',
      '被困',
      '困在里面',
      '被埋',
    ],
    urgentTerms: [],
    combos: [],
    // Official wording that says nobody was hurt (无人员伤亡 is a negation already).
    exclusions: [
      '未造成人员伤亡',
      '没有造成人员伤亡',
      '未造成伤亡',
      '没有造成伤亡',
      '没造成伤亡',
      '未发现人员被困',
      '未发现被困',
      '伤亡保险',
      '意外伤亡险',
      '伤亡抚恤',
      '死亡证明',
      '死亡证',
      '死亡赔偿',
      '死亡抚恤',
      '死亡补助',
      '死亡登记',
    ],
  },
  {
    kind: 'violence',
    label: '暴力威胁',
    urgency: 'always',
    terms: [
      '报复',
      '同归于尽',
      '杀人',
      '杀了他',
      '杀了你',
      '杀了他们',
      '杀全家',
      '杀死',
      '杀掉',
      '砍死',
      '砍人',
      '捅死',
      '弄死',
      '打死',
      '血债血还',
      '炸了',
      '炸掉',
      '泼汽油',
      '浇汽油',
      '持刀',
      '拿刀',
      '动刀',
      '恐吓',
    ],
    urgentTerms: [],
    combos: [],
    // Officials retaliating against a complainant is a complaint, not a threat of violence.
    exclusions: [
      '打击报复',
      '被报复',
      '遭报复',
      '遭到报复',
      '怕报复',
      '担心报复',
      '害怕报复',
      '杀死害虫',
      '杀死细菌',
      '杀死病毒',
      '杀死病菌',
      '炸了锅',
      '气炸了',
      '打死蚊子',
      '打死不',
      '笑死',
    ],
  },
];
