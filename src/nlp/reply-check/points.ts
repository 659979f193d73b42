import { DATE } from './explanation.js';
import type { IdfTable } from './features.js';
import { charGrams, normalise, runs } from './text.js';

/** One point of a message (a question or a request) and whether the reply answers it. */
export interface MessagePoint {
  text: string;
  answered: boolean;
}

// Questions and requests: what a citizen expects an answer to.
const CUE =
  /[?？]|吗|是否|能否|可否|能不能|可不可以|有没有|何时|什么时候|怎么|怎样|如何|为什么|为何|多少|哪里|哪些|请求|要求|希望|建议|恳请|恳求|请问|咨询|呼吁|盼望|期盼|尽快|督促|查处|整改|给个说法|讨个说法|请.{0,6}(?:解决|处理|核实|调查|答复|回复|落实|帮助|关注|重视|协调)/u;
// Words of the cue itself and of politeness: their n-grams say nothing about the subject.
const FILLER =
  /请问|请求|要求|希望|建议|恳请|恳求|咨询|呼吁|盼望|期盼|尽快|能否|可否|是否|能不能|可不可以|有没有|什么时候|什么|怎么办|怎么|怎样|如何|为什么|为何|谢谢|感谢|您好|你好|领导|尊敬的|相关部门|有关部门|政府|我们|你们|一下|帮忙|解决|处理|问题/gu;
// Sentence ends (kept with their sentence: a ？ marks a question), and the numbering of listed
// items (1、 （2） 三、), which starts a new point.
const NUMBERING =
  '(?:[\\d０-９]{1,2}[、.．](?![\\d０-９])|[（(][\\d０-９一二三四五六七八九十]{1,2}[）)]|[一二三四五六七八九十]{1,2}、)';
const SPLIT = new RegExp(`(?<=[。！？!?；;\\n\\r])|(?=${NUMBERING})`, 'u');
const EDGES = new RegExp(`^\\s*${NUMBERING}|[。！？!?；;\\s]+$`, 'gu');
const GREETING = /^(?:尊敬的[^：:，,]{0,12}[：:，,]?)?\s*(?:您好|你好)?[！!，,：:]?\s*/u;

/** At most this many points are listed; long letters repeat themselves. */
export const MAX_POINTS = 6;
/** A point counts as answered when the reply holds this idf-weighted share of its key bigrams. */
export const ANSWERED_SHARE = 0.1;
/** Bigrams at least this rare (idf) are a point's key words; commoner ones are function words. */
const KEY_IDF = 3;
const SHOWN = 40;

const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** The key bigrams of a text (cue words and greetings removed). */
function keyGrams(text: string): Set<string> {
  return new Set(charGrams(runs(text.replace(FILLER, ' ')), 2));
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let hit = 0;
  for (const x of a) if (b.has(x)) hit++;
  return hit / a.size;
}

/** A point of a message: the words shown to the leader, and the text matched against the reply. */
export interface PointText {
  text: string;
  match: string;
}

/** A question with fewer key bigrams than this (什么时候能修好？) is read with the sentence before. */
const MIN_KEY_GRAMS = 4;

/**
 * The points of a message: its sentences and listed items that ask or request something, in order,
 * near-repeats dropped; a short question carries the sentence before it (or the title), which says
 * what it is about. With no such sentence, the title (or else the first sentence) stands for the
 * message.
 */
export function messagePoints(title: string | null | undefined, body: string): PointText[] {
  const sentences = body
    .split(SPLIT)
    .map((s) => s.trim().replace(GREETING, ''))
    .filter((s) => runs(s).join('').length >= 4);
  const points: PointText[] = [];
  const seen: Set<string>[] = [];
  for (const [k, s] of sentences.entries()) {
    if (!CUE.test(s)) continue;
    const bare = s.replace(EDGES, '');
    let point: PointText = { text: shorten(bare, SHOWN), match: bare };
    // What a bare question or request is about: the sentence before it, unless that is a point
    // of its own, in which case the title.
    const before = k > 0 ? sentences[k - 1] : undefined;
    const context = before && !CUE.test(before) ? before : title?.trim() || before;
    if (keyGrams(s).size < MIN_KEY_GRAMS && context)
      point = {
        text: `${shorten(context.replace(EDGES, ''), 24)}，${shorten(bare, 20)}`,
        match: `${context}，${bare}`,
      };
    // Repeats are judged on the sentence's own words: a short question shares its context's.
    const own = keyGrams(s);
    const grams = own.size > 0 ? own : keyGrams(point.match);
    if (grams.size === 0 || seen.some((g) => overlap(grams, g) > 0.6)) continue;
    seen.push(grams);
    points.push(point);
    if (points.length >= MAX_POINTS) break;
  }
  if (points.length > 0) return points;
  const fallback = title?.trim() || sentences[0];
  return fallback ? [{ text: shorten(fallback, SHOWN), match: fallback }] : [];
}

/** The idf-weighted share of a point's key bigrams that the reply contains. */
export function pointCoverage(point: string, reply: Set<string>, idf: IdfTable): number {
  let all = 0;
  let hit = 0;
  for (const g of keyGrams(point)) {
    const w = idf.idf.get(g) ?? idf.unseen;
    if (w < KEY_IDF) continue;
    all += w;
    if (reply.has(g)) hit += w;
  }
  return all > 0 ? hit / all : 0;
}

/** What a point asks for beyond its subject: the kinds of answer a reply owes it. */
export type Demand = 'action' | 'time' | 'reason' | 'how' | 'amount';

// Deeds a reply reports or commits to (已…修复, 将…整改), or 已 with what introduces a deed
// (已于6月3日, 已将, 已会同).
const DEEDS =
  '处理|解决|完成|整改|修复|修好|修理|维修|清理|清运|清除|拆除|更换|安装|增设|调派|派出|安排|落实|查处|处罚|责令|督促|恢复|开展|实施|办结|改造|消杀|整治|取缔|核实|核查|调查|约谈|立案|协调|疏通|补发|发放|退还|清走|清扫|巡查|检查|处置|关停|封堵|回收|移除|搬离|劝离|修缮|铺设|硬化|启动|推进|督办';
// A request to act: explicit deeds, or (only when nothing more specific is asked) a bare request.
const ACTION_ASK =
  /处理|解决|整改|修复|修好|修理|维修|查处|落实|协调|清理|清运|清除|拆除|治理|整治|取缔|更换|督促|尽快|疏通/u;
const REQUEST_ASK = /请求|要求|希望|建议|恳请|恳求|呼吁|盼望|期盼|请.{0,6}(?:帮助|关注|重视)/u;
/** Asks for a reason or an account, unless what is to be told is a time (说明以后的清运时间). */
const REASON_ASK =
  /为什么|为何|凭什么|原因|理由|依据|给个说法|讨个说法|(?:说明|解释)(?![^，,。；;]{0,10}(?:时间|何时|进度|期限|时限))/u;
const TIME_ASK = /何时|什么时候|多久|多长时间|(?<!长|第一|一段)时间|期限|时限|进度|哪天|几点|几时/u;
const HOW_ASK = /怎么|怎样|如何|哪里|哪个部门|什么材料|需要什么|哪些材料|流程|手续|程序|途径|渠道/u;
const AMOUNT_ASK = /多少|几[个项名次年月天人户]|什么标准|标准是/u;

/** What answers each kind of ask: a deed done or promised, a date or schedule, a reason, a way. */
const ANSWERS: Record<Demand, RegExp> = {
  action: new RegExp(
    `已经?(?:于|将|对|会同|组织|派|安排|责令|要求|督促|联系|协调)|(?:已|将|正在|拟|计划|立即|马上|及时|责令|要求|督促|安排|调派)[^，,。；;！!？?]{0,12}?(?:${DEEDS})`,
    'u',
  ),
  time: new RegExp(
    `${DATE.source}|每(?:天|日|周|月|年|晚|早)|\\d{1,2}(?:时|点钟?)|[上下]午\\d|(?:今后|此后|以后)[^。；;]{0,12}?(?:每|定期|\\d)|(?:将于|已于|计划于|预计于?)[^，,。；;]{0,8}?(?:\\d|[本下]周|[本下]月|年底|月底|年内)|\\d+个?(?:工作日|小时|天|日|周|月|年)(?:内|后|左右)|年底前|月底前|年内`,
    'u',
  ),
  reason:
    /原因(?:是|为|系|在于|主要)|由于|因为|系因|是因|根据|依据|按照|依照|鉴于|经[^，,。；;]{0,12}?(?:核实|核查|调查|查实|了解|研究)|情况(?:属实|不属实)|规定/u,
  how: /可(?:以)?(?:向|到|通过|持|携带|拨打|登录|前往|咨询|申请|在)|需(?:要)?(?:提供|携带|准备|办理|提交|持)|请您?(?:向|到|持|携带|拨打|登录|前往|联系)|流程|步骤|地址|窗口|网址|电话/u,
  amount: /\d|[一二两三四五六七八九十百千万]+(?:元|个|名|人|户|米|天|年|项|次|%)/u,
};

/**
 * The kinds of answer a point asks for, by its cue words: a time (什么时候, 时间安排), a reason
 * (为什么, 说明原因), a way (如何, 需要什么材料), an amount (多少), and a deed (处理, 尽快修复) —
 * a bare request (希望, 要求) counts as asking for a deed only when nothing more specific is asked.
 * A plain yes-or-no question (能否, 是否) asks for none: its key words decide.
 */
export function demandsOf(point: string): Demand[] {
  const text = normalise(point);
  const specific: Demand[] = [];
  if (TIME_ASK.test(text)) specific.push('time');
  if (REASON_ASK.test(text)) specific.push('reason');
  if (HOW_ASK.test(text)) specific.push('how');
  if (AMOUNT_ASK.test(text)) specific.push('amount');
  if (ACTION_ASK.test(text) || (specific.length === 0 && REQUEST_ASK.test(text)))
    return ['action', ...specific];
  return specific;
}

/** Whether a reply gives the kind of answer a demand asks for (anywhere in it). */
export function answersDemand(demand: Demand, reply: string): boolean {
  return ANSWERS[demand].test(normalise(reply));
}

/**
 * A point whose key words the reply takes up at least this far (less than ANSWERED_SHARE) counts
 * as answered when the reply also gives every kind of answer it asks for, in other words.
 */
export const ANCHOR_SHARE = 0.03;

/**
 * Each point of the message with whether the reply answers it: it takes up enough of the point's
 * key words (ANSWERED_SHARE), or it takes up some of them (ANCHOR_SHARE, so it is about the same
 * thing) and answers every demand of the point in its own words — a deed for 请尽快处理 (已调派车辆
 * 完成清运), a time or schedule for 什么时候 / 时间安排 (每天上午7时, 11月27日), a reason for 为什么 /
 * 说明原因 (原因是…, 经核实…).
 */
export function answeredPoints(
  title: string | null | undefined,
  body: string,
  reply: string,
  idf: IdfTable,
): (MessagePoint & { coverage: number })[] {
  const replyGrams = new Set(charGrams(runs(reply), 2));
  return messagePoints(title, body).map((p) => {
    const coverage = pointCoverage(p.match, replyGrams, idf);
    const demands = demandsOf(p.match);
    const answered =
      coverage >= ANSWERED_SHARE ||
      (coverage >= ANCHOR_SHARE &&
        demands.length > 0 &&
        demands.every((d) => answersDemand(d, reply)));
    return { text: p.text, answered, coverage };
  });
}
