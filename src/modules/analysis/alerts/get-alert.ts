import type { AppContext } from '../../../server/context.js';
import { notFound } from '../../../server/errors.js';
import { evaluate, tryParseRule } from '../alert-rules/expression.js';
import { getAlert, postsByIds } from './alerts.queries.js';
import type { AlertDetail } from './alerts.schemas.js';
import { postText } from './match-posts.js';
import { presentMatch } from './present-match.js';

/** An alert with its sample posts, the rule's words marked in each. */
export async function getAlertDetail(ctx: AppContext, id: number): Promise<AlertDetail> {
  const alert = await getAlert(ctx.db, id);
  if (!alert) throw notFound('预警');
  const { sampleIds, ...rest } = alert;
  const parsed = tryParseRule(alert.ruleExpression);
  const posts = await postsByIds(ctx.db, sampleIds);
  return {
    ...rest,
    samplePosts: posts.map((p) =>
      presentMatch(
        {
          id: p.id,
          title: p.title,
          body: p.body,
          source: p.source,
          url: p.url,
          postedAt: p.posted_at,
          sentiment: p.sentiment,
          caseId: p.case_id,
        },
        // The rule may have been edited since: mark what the current rule finds, if anything.
        parsed.ok
          ? evaluate(parsed.ast, postText(p.title, p.body))
          : { matched: false, terms: [], hits: [] },
      ),
    ),
  };
}
