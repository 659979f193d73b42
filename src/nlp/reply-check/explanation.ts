import { normalise } from './text.js';

/** How far a reply explains its basis, with the reasons a leader reads. */
export interface Explanation {
  score: number;
  reasons: string[];
}

const LAW_TITLE = /《[^《》]{2,40}》/gu;
const ARTICLE = /第[一二三四五六七八九十百零〇\d]+条/u;
const RULE_WORDS = /规定|条例|办法|政策|文件|通知精神|相关标准|法律|法规|实施细则|管理办法/u;
/** Who checked, between 经 and the verb: 经(我局工作人员)(现场)核查. */
const CHECKER =
  '(?:[我本该]?(?:局|办|委|单位|中心|所|站|队|镇|街道|社区|村|区|县|市|公司))?(?:有关|相关)?(?:部门|工作人员|执法人员|人员)?(?:现场|实地|认真|初步|多方|反复|深入)?';
const CHECKED = '(?:核实|核查|调查|查实|了解|研究|排查|检查|勘查|勘察|查看|走访)';
/** Facts found on checking: 经核实, 经现场核查, 经我局工作人员实地查看, 调查核实, 据了解 ... */
const FACTS = new RegExp(
  `经${CHECKER}${CHECKED}|经查|调查核实|(?:实地|现场)(?:查看|勘查|勘察|调查|核查|核实|检查|走访|察看)|据了解`,
  'u',
);
/**
 * A date (2024年5月1日, 5月1日, 2024-05-01) or a time frame a reply commits to (本周内, 月底前,
 * 5月底, 3个工作日内, 年底前).
 */
export const DATE =
  /\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|本(?:周|月|季度|年)(?:内|底|末|前)|[本下]周[一二三四五六日]|下(?:周|月)|(?:月|年)底前|\d{1,2}月(?:底|初|上旬|中旬|下旬)|\d+个?(?:工作日|日|天|周|月)内/u;
/** A figure with its unit or measure word: 40公里, 13 盏, 3户, 25% ... */
const FIGURE =
  /\d+(?:\.\d+)?\s*(?:元|万元|亿元|米|公里|千米|平方米|㎡|亩|户|人|名|位|套|栋|座|间|个|辆|台|部|天|个工作日|小时|%|万|吨|所|家|条|处|次|起|件|项|批|盏|根|棵|株|块|段|层|张|份)/u;
const PHONE = /(?:\d{3,4}[-－—]\d{7,8})|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)\d{7,8}(?!\d)/u;
const CONTACT = /联系电话|咨询电话|服务热线|热线|电话|办公室|地址|窗口|联系人|邮箱/u;

/** What each kind of basis adds to the explanation score (together at most 1). */
const WEIGHTS = { law: 0.35, rule: 0.2, facts: 0.2, date: 0.15, figure: 0.15, contact: 0.15 };

/**
 * Whether a reply explains its basis: a cited law or document (《…》, 第N条) or rules in general
 * words, facts found on checking, dates, figures, and a contact (phone, office, address).
 */
export function explanationOf(reply: string): Explanation {
  const text = normalise(reply);
  const reasons: string[] = [];
  let score = 0;
  const titles = [...new Set(text.match(LAW_TITLE) ?? [])];
  const article = ARTICLE.exec(text)?.[0];
  if (titles.length > 0 || article) {
    score += WEIGHTS.law;
    const cited = [...titles.slice(0, 2), ...(article ? [article] : [])].join('、');
    reasons.push(`引用了政策依据${cited}`);
  } else if (RULE_WORDS.test(text)) {
    score += WEIGHTS.rule;
    reasons.push(`提到了规定或政策（${RULE_WORDS.exec(text)?.[0] ?? ''}），但未写明名称或条款`);
  }
  const facts = FACTS.exec(text)?.[0];
  if (facts) {
    score += WEIGHTS.facts;
    reasons.push(`说明了核实情况（${facts}）`);
  }
  const date = DATE.exec(text)?.[0];
  if (date) {
    score += WEIGHTS.date;
    reasons.push(`给出了具体时间（${date}）`);
  }
  const figure = FIGURE.exec(text)?.[0];
  if (figure) {
    score += WEIGHTS.figure;
    reasons.push(`给出了具体数字（${figure}）`);
  }
  const hasPhone = PHONE.test(text);
  const contact = CONTACT.exec(text)?.[0];
  if (hasPhone || contact) {
    score += WEIGHTS.contact;
    reasons.push(hasPhone ? '留有联系电话' : `留有联系方式（${contact ?? ''}）`);
  }
  if (score === 0) {
    reasons.push('未说明依据：没有政策条款、核实情况、时间、数字或联系方式');
  } else {
    // What the score lacks, so that a leader reading 50% knows what would raise it.
    const missing = [
      titles.length === 0 && !article && !RULE_WORDS.test(text) ? '政策依据（文件名称或条款）' : '',
      facts ? '' : '核实情况',
      date ? '' : '办理时间',
      figure ? '' : '具体数字',
      hasPhone || contact ? '' : '联系方式',
    ].filter(Boolean);
    if (missing.length > 0) reasons.push(`可补充：${missing.join('、')}`);
  }
  return { score: Math.min(1, score), reasons };
}
