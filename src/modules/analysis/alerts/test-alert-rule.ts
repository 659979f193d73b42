import type { AppContext } from '../../../server/context.js';
import { notFound } from '../../../server/errors.js';
import { assertCan, type Actor } from '../../access/actor.js';
import type { RuleMatch } from '../alert-rules/expression.js';
import type { TestDraftInput, TestResult } from './alerts.schemas.js';
import { postsByIds } from './alerts.queries.js';
import { forEachMatch, type CandidatePost } from './match-posts.js';
import { measureRule, type RuleThresholds } from './measure-rule.js';
import { presentMatch } from './present-match.js';
import { parseOrReject } from './rule-expression.js';

const SHOWN = 50;
const DAY = 86_400_000;

/**
 * 试运行: what the rule sees now (as the evaluation job would measure it) and the posts of the
 * last `days` days it matches, newest first. Nothing is written.
 */
async function dryRun(
  ctx: AppContext,
  expression: string,
  rule: RuleThresholds,
  days: number,
): Promise<TestResult> {
  const ast = parseOrReject(expression);
  const now = ctx.clock.now();
  const m = await measureRule(ctx.db, ast, rule, now);
  const found: { post: CandidatePost; match: RuleMatch }[] = [];
  let total = 0;
  await forEachMatch(
    ctx.db,
    { ast, from: new Date(now.getTime() - days * DAY), to: now, onlyRelevant: rule.onlyRelevant },
    (post, match) => {
      total += 1;
      if (found.length < SHOWN) found.push({ post, match });
    },
  );
  const extra = new Map(
    (
      await postsByIds(
        ctx.db,
        found.map((f) => f.post.id),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    measurement: {
      windowStart: m.windowStart.toISOString(),
      windowEnd: m.windowEnd.toISOString(),
      matchedCount: m.matchedCount,
      negativeShare: m.negativeShare,
      baseline: m.baseline,
      burstRatio: m.burstRatio,
      met: m.met,
      checks: m.checks,
    },
    wouldFire: m.met,
    days,
    total,
    posts: found.map(({ post, match }) =>
      presentMatch(
        {
          ...post,
          url: extra.get(post.id)?.url ?? null,
          caseId: extra.get(post.id)?.case_id ?? null,
        },
        match,
      ),
    ),
  };
}

/** 试运行 of a saved rule. */
export async function testAlertRule({
  ctx,
  actor,
  id,
  days,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  days?: number | undefined;
}): Promise<TestResult> {
  assertCan(actor, 'alerts.manage');
  const rule = await ctx.db
    .selectFrom('alert_rules')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!rule) throw notFound('预警规则');
  return dryRun(
    ctx,
    rule.expression,
    {
      windowMinutes: rule.window_minutes,
      minCount: rule.min_count,
      minNegativeShare: rule.min_negative_share,
      burstFactor: rule.burst_factor,
      onlyRelevant: rule.only_relevant,
    },
    days ?? 7,
  );
}

/** 试运行 of a rule still in the form, before it is saved. */
export async function testDraftRule({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: TestDraftInput;
}): Promise<TestResult> {
  assertCan(actor, 'alerts.manage');
  return dryRun(
    ctx,
    input.expression.trim(),
    {
      windowMinutes: input.windowMinutes,
      minCount: input.minCount ?? 1,
      minNegativeShare: input.minNegativeShare ?? null,
      burstFactor: input.burstFactor ?? null,
      onlyRelevant: input.onlyRelevant ?? true,
    },
    input.days ?? 7,
  );
}
