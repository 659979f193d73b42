import { normalise } from './text.js';

/** How far a reply explains its basis, with the reasons a leader reads. */
export interface Explanation {
  score: number;
  reasons: string[];
}

const LAW_TITLE = /《[^《》]{2,40}》/gu;
const ARTICLE = /第[一二三四五六七八九十百零〇\d]+条/u;
const RULE_WORDS = /规定|条例|办法|政策|文件|通知精神|相关标准|法律|法规|实施细则|管理办法/u;
const FACTS =
  /经核实|经核查|经调查|经查|调查核实|实地查看|现场查看|现场勘查|实地调查|经了解|据了解|经研究/u;
const DATE = /\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/u;
const FIGURE =
  /\d+(?:\.\d+)?\s*(?:元|万元|亿元|米|公里|千米|平方米|㎡|亩|户|人|名|套|栋|个|辆|台|天|个工作日|小时|%|万|吨|所|条|处|次)/u;
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
  if (score === 0) reasons.push('未说明依据：没有政策条款、核实情况、时间、数字或联系方式');
  return { score: Math.min(1, score), reasons };
}
