import { sharedPhrases } from './evidence.js';
import { explanationOf } from './explanation.js';
import {
  messageGrams,
  pairFeatures,
  placeMismatch,
  textGrams,
  type ReplyPair,
  type TextGrams,
} from './features.js';
import { logit, sigmoid } from './logistic.js';
import { replyCheckModel, type ReplyCheckModel } from './model.js';
import { answeredPoints, messagePoints, type MessagePoint } from './points.js';
import { runs } from './text.js';
import { toneOf } from './tone.js';

/** The reply-quality check of one reply, every figure in 0..1. */
export interface ReplyCheck {
  /** How surely the reply answers this message (and not another one). */
  relevance: number;
  /** The share of the message's points (questions, requests) the reply answers. */
  completeness: number;
  /** Whether it explains its basis: policy, facts, dates, figures, contacts. */
  explanation: number;
  tone: number;
  /** The overall score: relevance, scaled by the quality of the rest (see `overallScore`). */
  score: number;
  points: MessagePoint[];
  /** Short sentences for the leader, the weightiest first. */
  reasons: string[];
}

/** How much each quality counts within the overall score's quality part. */
export const QUALITY_WEIGHTS = { completeness: 0.45, explanation: 0.35, tone: 0.2 };

/**
 * The overall score: relevance times a quality factor between ½ and 1. A reply to another
 * message stays low however polite and well-sourced it is, and among relevant replies the one
 * that answers every point, cites its basis and is courteous ranks first. Half of the ½ that
 * being on topic earns by itself goes only to a reply of some substance (see `substanceOf`): a
 * bare 已处理。 under the right message is still no answer, and its factor starts at ¼.
 */
export function overallScore(
  r: Omit<ReplyCheck, 'score' | 'points' | 'reasons'>,
  substance = 1,
): number {
  const q =
    QUALITY_WEIGHTS.completeness * r.completeness +
    QUALITY_WEIGHTS.explanation * r.explanation +
    QUALITY_WEIGHTS.tone * r.tone;
  return r.relevance * (0.25 + 0.25 * substance + 0.5 * q);
}

/** Letters and digits a reply needs, greetings and thanks aside, to be able to answer anything. */
export const SUBSTANTIVE_LENGTH = 30;
// Courtesies and stock phrases: a reply made only of them says nothing.
const STOCK =
  /尊敬的|您好|你好|网友|感谢|谢谢|致谢|您的|关心|关注|理解|支持|监督|请您?放心|工作|来信|留言|收悉|反映的?|问题|情况|相关部门|有关部门|已处理|已收到|已转/gu;

/**
 * How far a reply says something (0..1): its letters and digits, courtesies and stock phrases
 * aside, against SUBSTANTIVE_LENGTH. 已处理。 or 您好，已安排人员处理，谢谢！ say next to nothing;
 * a reply stating what was done, when and by whom says enough.
 */
export function substanceOf(reply: string): number {
  const length = runs(reply.replace(STOCK, ' ')).join('').length;
  return Math.min(1, length / SUBSTANTIVE_LENGTH);
}

/** Relevance, at most, of a reply that repeats nothing specific of the message (a stock reply). */
export const GENERIC_CAP = 0.5;

function relevanceReasons(
  relevance: number,
  phrases: readonly string[],
  message: TextGrams,
  reply: TextGrams,
): string[] {
  const reasons: string[] = [];
  const quoted = phrases.map((p) => `“${p}”`).join('');
  if (phrases.length === 0)
    reasons.push('回复没有提到留言中的具体地点或事项，可能是套话或答非所问');
  else if (relevance >= 0.7) reasons.push(`回复紧扣留言内容，提到了${quoted}`);
  else if (relevance >= 0.3)
    reasons.push(`回复与留言内容关联一般（提到了${quoted}），请核对是否答其所问`);
  else reasons.push('回复与留言内容关联很弱，可能答非所问或是其他留言的回复');
  if (placeMismatch(message.places, reply.places))
    reasons.push(`回复提到留言中没有的地点：${[...reply.places].slice(0, 3).join('、')}`);
  return reasons;
}

function emptyReply(pair: ReplyPair): ReplyCheck {
  return {
    relevance: 0,
    completeness: 0,
    explanation: 0,
    tone: 0,
    score: 0,
    points: messagePoints(pair.title, pair.body).map((p) => ({ text: p.text, answered: false })),
    reasons: ['答复意见为空'],
  };
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;

/** Scores a reply to a message before it is approved (pure; the model is loaded once). */
export function checkReply(
  pair: ReplyPair,
  model: ReplyCheckModel = replyCheckModel(),
): ReplyCheck {
  if (runs(pair.reply).length === 0) return emptyReply(pair);
  const { message, title } = messageGrams(pair);
  const reply = textGrams(pair.reply);
  const phrases = sharedPhrases(
    title ? `${pair.title}\n${pair.body}` : pair.body,
    reply,
    model.idf,
  );
  const modelled = sigmoid(logit(model.relevance, pairFeatures(message, title, reply, model.idf)));
  const relevance = phrases.length ? modelled : Math.min(modelled, GENERIC_CAP);
  const points = answeredPoints(pair.title, pair.body, pair.reply, model.idf);
  // A reply of a few words answers nothing specifically, whatever words it shares with a point;
  // with no point found, relevance stands in for the share answered.
  const substance = substanceOf(pair.reply);
  const completeness =
    substance *
    (points.length ? points.filter((p) => p.answered).length / points.length : relevance);
  const explanation = explanationOf(pair.reply);
  const tone = toneOf(pair.reply);
  const parts = {
    relevance,
    completeness,
    explanation: explanation.score,
    tone: tone.score,
  };
  const unanswered = points.filter((p) => !p.answered).map((p) => `“${p.text}”`);
  const reasons = [
    ...relevanceReasons(relevance, phrases, message, reply),
    ...(substance < 0.5
      ? ['回复过于简短，没有具体说明办理情况、时间或结果']
      : substance < 1
        ? ['回复较短，可具体说明办理情况、时间或结果']
        : []),
    ...(unanswered.length ? [`未回应诉求：${unanswered.join('；')}`] : []),
    ...(points.length && !unanswered.length && substance >= 0.5 ? ['留言中的诉求都有回应'] : []),
    ...explanation.reasons,
    ...tone.reasons,
  ];
  return {
    relevance: round4(relevance),
    completeness: round4(completeness),
    explanation: round4(explanation.score),
    tone: round4(tone.score),
    score: round4(overallScore(parts, substance)),
    points: points.map(({ text, answered }) => ({ text, answered })),
    reasons,
  };
}
