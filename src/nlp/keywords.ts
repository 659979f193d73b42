import { readFileSync } from 'node:fs';
import { segmenter } from '../ingest/segment.js';
import { IDF_FILE, type IdfFile } from './topics/vectors.js';

/**
 * Words too common in citizens' messages to say what a period was about: pronouns, function
 * words and the stock phrases of a complaint (希望、反映、问题 …). Single characters never count,
 * so only words of two or more characters are listed.
 */
export const STOPWORDS: readonly string[] = [
  // pronouns and demonstratives
  ...(
    '我们 你们 他们 她们 它们 大家 自己 这个 那个 这些 那些 这里 那里 这样 ' +
    '那样 这么 那么 什么 怎么 怎么办 为什么 哪里 如何 本人 我家 咱们 这段 那段 这边 那边'
  ).split(' '),
  // function words and adverbs
  ...(
    '一个 一些 一下 一直 一样 一起 没有 不是 就是 还是 还有 但是 而且 并且 ' +
    '因为 所以 如果 虽然 可是 然后 或者 以及 对于 关于 由于 已经 现在 目前 ' +
    '时候 可以 可能 应该 需要 能够 能否 是否 不能 不会 不要 非常 很多 十分 ' +
    '特别 比较 经常 总是 只是 只有 都是 也是 这是 还要 之后 之前 以后 以前 ' +
    '其中 其他 其它 为了 通过 进行 根据 按照 以上 以下 等等 有关 相关 一次 ' +
    '多次 每天 今天 昨天 今年 去年 有人 没人 起来 出来 知道 觉得 看到 听说'
  ).split(' '),
  // times of day and of the calendar, directions
  ...(
    '晚上 早上 上午 下午 中午 白天 夜里 夜间 凌晨 平时 最近 近期 当时 上周 本周 下周 ' +
    '上月 本月 下月 明年 前年 今日 明天 后来 东侧 西侧 南侧 北侧 旁边 附近 周边 对面'
  ).split(' '),
  // the stock phrases of a message to the government
  ...(
    '您好 你好 尊敬 领导 请问 谢谢 感谢 希望 恳请 请求 要求 建议 反映 问题 ' +
    '情况 解决 处理 相关部门 有关部门 部门 政府 百姓 老百姓 群众 市民 居民 网友 ' +
    '我们的 严重 影响 存在 了解 回复 答复 尽快 及时 帮助 关注 重视 管理 工作 ' +
    '人员 地方 时间 安排 不好'
  ).split(' '),
];

const STOP = new Set(STOPWORDS);

/**
 * jieba's classes of words that never name a subject: pronouns (r), conjunctions (c),
 * prepositions (p), directions (f), numerals and measures (m, q), adverbs (d, ad), distinguishing
 * words (b: 所有, 主要), particles (u), interjections (e, y, o), time words (t: 目前, 当时, 年底) and
 * descriptive words (z: 依旧).
 */
const FUNCTION_CLASS =
  /^(?:r|rg|rr|rz|c|p|f|m|mq|q|d|dg|ad|b|u|ud|ug|uj|ul|uv|uz|e|y|o|t|tg|z|zg)$/;

let carriesNoSubject: ReadonlySet<string> | undefined;

/**
 * The words of models/topic-idf.json that key words leave out: the stopwords found in the training
 * messages and the generic words (frequent and spread evenly over all categories: 作为, 导致,
 * 很大), both derived by scripts/train-topics.ts.
 */
function derivedStopwords(): ReadonlySet<string> {
  if (!carriesNoSubject) {
    const file = JSON.parse(readFileSync(IDF_FILE, 'utf8')) as IdfFile;
    carriesNoSubject = new Set(`${file.zero} ${file.generic ?? ''}`.split(' ').filter(Boolean));
  }
  return carriesNoSubject;
}

// A numeral and a measure word (两个, 三组, 一截, 十几天, 几张): an amount, not a subject.
const QUANTITY =
  /^[一二两三四五六七八九十百千万几半多每]+[个只条次组号天周年月截段位名家户座栋层辆盏块米元张件台根处间片份棵趟遍斤吨]/u;

/**
 * Whether a segmented word can stand for what posts are about: the situation dashboard's word
 * counts and a hot topic's key words both keep only these.
 */
export function isKeyword(word: string): boolean {
  return (
    [...word].length >= 2 &&
    !STOP.has(word) &&
    !QUANTITY.test(word) &&
    !/^[\p{N}\p{P}\p{S}]+$/u.test(word) &&
    !derivedStopwords().has(word) &&
    !FUNCTION_CLASS.test(segmenter().wordClass(word))
  );
}

/**
 * Segmentation lower-cases, so a key word with Latin letters (a7县) takes its case back from a
 * text it came from (A7县), as people wrote it; unchanged when none of the texts has it.
 */
export function withOriginalCase(word: string, texts: readonly string[]): string {
  if (!/[a-z]/.test(word)) return word;
  for (const text of texts) {
    const lower = text.toLowerCase();
    // Only where lower-casing kept every position (it does for all but a few letters).
    if (lower.length !== text.length) continue;
    const at = lower.indexOf(word);
    if (at !== -1) return text.slice(at, at + word.length);
  }
  return word;
}
