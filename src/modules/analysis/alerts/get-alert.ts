import type { AppContext } from '../../../server/context.js';
import { notFound } from '../../../server/errors.js';
import { evaluate, tryParseRule } from '../alert-rules/expression.js';
import { getAlert, postsByIds } from './alerts.queries.js';
import type { AlertDetail } from './alerts.schemas.js';
import { postText } from './match-posts.js';
import { presentMatch } from './present-match.js';
import { maskContactsInText } from '../../cases/mask-contact.js';

/**
 * An alert with its sample posts, the rule's words marked in each. The posts' text is shown as
 * `text` gives it (contact details masked for those not handling cases); the rule is matched on
 * that same text so that the marks fall where the reader sees the words.
 */
export async function getAlertDetail(
  ctx: AppContext,
  id: number,
  text: (text: string) => string = maskContactsInText,
): Promise<AlertDetail> {
  const alert = await getAlert(ctx.db, id);
  if (!alert) throw notFound('预警');
  const { sampleIds, ...rest } = alert;
  const parsed = tryParseRule(alert.ruleExpression);
  const posts = await postsByIds(ctx.db, sampleIds);
  return {
    ...rest,
    samplePosts: posts.map((p) => {
      const title = p.title === null ? null : text(p.title);
      const body = text(p.body);
      return presentMatch(
        {
          id: p.id,
          title,
          body,
          source: p.source,
          url: p.url,
          postedAt: p.posted_at,
          sentiment: p.sentiment,
          caseId: p.case_id,
        },
        // The rule may have been edited since: mark what the current rule finds, if anything.
        parsed.ok
          ? evaluate(parsed.ast, postText(title, body))
          : { matched: false, terms: [], hits: [] },
      );
    }),
  };
}
