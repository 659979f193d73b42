import type { IdfTable } from './features.js';
import { charGrams, runs } from './text.js';

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

/** Each point of the message with whether the reply answers it (shares enough of its key words). */
export function answeredPoints(
  title: string | null | undefined,
  body: string,
  reply: string,
  idf: IdfTable,
): (MessagePoint & { coverage: number })[] {
  const replyGrams = new Set(charGrams(runs(reply), 2));
  return messagePoints(title, body).map((p) => {
    const coverage = pointCoverage(p.match, replyGrams, idf);
    return { text: p.text, answered: coverage >= ANSWERED_SHARE, coverage };
  });
}
