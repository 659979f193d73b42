import { sql } from 'kysely';
import type { PostAnalyser } from '../../../ingest/analysis-hook.js';
import type { AppContext } from '../../../server/context.js';
import { analyseSentiment } from '../../../nlp/sentiment/analyse.js';
import { activeCategoryModel } from '../categories/active-model.js';
import { detectUrgency } from '../urgency/urgency.js';

export interface PostText {
  id: number;
  title: string | null;
  body: string;
  postedAt: Date;
}

/**
 * Category (unless staff confirmed one), urgency signals with their trigger words, and sentiment
 * for a batch of stored posts, written in one statement. Returns the ids of the urgent ones.
 */
export async function analysePosts(ctx: AppContext, posts: readonly PostText[]): Promise<number[]> {
  if (posts.length === 0) return [];
  const model = await activeCategoryModel(ctx.db);
  const guesses = model.classify(posts);
  const sentiments = analyseSentiment(posts);
  const now = ctx.clock.now();
  const rows = posts.map((p, i) => {
    const text = p.title ? `${p.title}\n${p.body}` : p.body;
    // Wage arrears are urgent before the holidays of the message's own date, not of today.
    const urgency = detectUrgency(text, { now: p.postedAt });
    return {
      id: p.id,
      category_id: guesses[i]?.categoryId ?? null,
      confidence: guesses[i]?.confidence ?? null,
      urgency: urgency.signals.map((s) => ({
        kind: s.kind,
        label: s.label,
        urgent: s.urgent,
        words: [...new Set(s.terms)],
      })),
      urgent: urgency.urgent,
      sentiment: sentiments[i]?.label ?? null,
      sentiment_score: sentiments[i]?.score ?? null,
    };
  });
  await sql`
    update posts p
    set category_id = case when p.category_confirmed_at is null then v.category_id
          else p.category_id end,
      category_confidence = case when p.category_confirmed_at is null then v.confidence
          else p.category_confidence end,
      urgency = v.urgency, urgent = v.urgent, sentiment = v.sentiment,
      sentiment_score = v.sentiment_score, analysed_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(id bigint, category_id bigint, confidence real, urgency jsonb, urgent boolean,
        sentiment text, sentiment_score real)
    where p.id = v.id`.execute(ctx.db);
  return rows.filter((r) => r.urgent).map((r) => r.id);
}

/**
 * Runs on every batch the pipeline stores; new urgent posts are told at once by the urgent
 * notifier, which runs after the topics so that one matter is one message.
 */
export const postAnalyser: PostAnalyser = {
  id: 'analysis.post',
  // One update per post: category (unless confirmed), urgency and sentiment are overwritten.
  rerunsOnChange: true,
  async analyse(ctx, posts) {
    await analysePosts(ctx, posts);
  },
};
