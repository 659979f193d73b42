import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { RuleNode } from '../alert-rules/expression.js';
import { durationText, percentText } from './alert-levels.js';
import { forEachMatch } from './match-posts.js';

/** The thresholds of a rule, as evaluation needs them. */
export interface RuleThresholds {
  windowMinutes: number;
  minCount: number;
  minNegativeShare: number | null;
  burstFactor: number | null;
  onlyRelevant: boolean;
}

export interface Measurement {
  windowStart: Date;
  windowEnd: Date;
  matchedCount: number;
  /** Matching posts with a sentiment, and of those the negative ones. */
  analysedCount: number;
  negativeCount: number;
  /** negativeCount / analysedCount; null when none has a sentiment yet. */
  negativeShare: number | null;
  /** Only when the rule has a burst factor: the baseline per window and the window's ratio to it. */
  baseline: number | null;
  burstRatio: number | null;
  /** The newest matching posts, newest first. */
  sampleIds: number[];
  /** Every threshold of the rule is met. */
  met: boolean;
  /** One line per threshold, in Chinese: what was required and what was seen. */
  checks: { met: boolean; text: string }[];
}

export const SAMPLE_SIZE = 20;
const MINUTE = 60_000;
/** The burst baseline: the same-length windows of the previous 7 days. */
export const BASELINE_DAYS = 7;
/**
 * The baseline never counts as less than one post per window: a topic nobody wrote about all week
 * needs `factor` posts to burst, not one.
 */
export const BASELINE_FLOOR = 1;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** What a rule sees at `now`: its window's matching posts and each threshold checked. */
export async function measureRule(
  db: Kysely<DB>,
  ast: RuleNode,
  rule: RuleThresholds,
  now: Date,
): Promise<Measurement> {
  const windowStart = new Date(now.getTime() - rule.windowMinutes * MINUTE);
  let matchedCount = 0;
  let analysedCount = 0;
  let negativeCount = 0;
  const sampleIds: number[] = [];
  await forEachMatch(
    db,
    { ast, from: windowStart, to: now, onlyRelevant: rule.onlyRelevant },
    (post) => {
      matchedCount += 1;
      if (post.sentiment !== null) analysedCount += 1;
      if (post.sentiment === 'negative') negativeCount += 1;
      if (sampleIds.length < SAMPLE_SIZE) sampleIds.push(post.id);
    },
  );
  const negativeShare = analysedCount > 0 ? negativeCount / analysedCount : null;

  let baseline: number | null = null;
  let burstRatio: number | null = null;
  if (rule.burstFactor !== null) {
    const baselineStart = new Date(windowStart.getTime() - BASELINE_DAYS * 1440 * MINUTE);
    let before = 0;
    await forEachMatch(
      db,
      {
        ast,
        from: baselineStart,
        to: windowStart,
        toExclusive: true,
        onlyRelevant: rule.onlyRelevant,
      },
      () => {
        before += 1;
      },
    );
    const windows = (BASELINE_DAYS * 1440) / rule.windowMinutes;
    baseline = before / windows;
    burstRatio = matchedCount / Math.max(baseline, BASELINE_FLOOR);
  }

  const window = durationText(rule.windowMinutes);
  const checks: Measurement['checks'] = [
    {
      met: matchedCount >= rule.minCount,
      text: `最近 ${window}内匹配 ${matchedCount} 条（阈值 ${rule.minCount} 条）`,
    },
  ];
  if (rule.minNegativeShare !== null) {
    checks.push({
      met: negativeShare !== null && negativeShare >= rule.minNegativeShare,
      text:
        negativeShare === null
          ? `负面占比未知：匹配的信息尚无情感判断（阈值 ${percentText(rule.minNegativeShare)}）`
          : `负面占比 ${percentText(negativeShare)}（${negativeCount}/${analysedCount}，阈值 ${percentText(rule.minNegativeShare)}）`,
    });
  }
  if (rule.burstFactor !== null && baseline !== null && burstRatio !== null) {
    checks.push({
      met: burstRatio >= rule.burstFactor,
      text: `为过去 ${BASELINE_DAYS} 天同长时段平均（${round2(baseline)} 条）的 ${round2(burstRatio)} 倍（阈值 ${rule.burstFactor} 倍）`,
    });
  }
  return {
    windowStart,
    windowEnd: now,
    matchedCount,
    analysedCount,
    negativeCount,
    negativeShare,
    baseline,
    burstRatio,
    sampleIds,
    met: checks.every((c) => c.met),
    checks,
  };
}
