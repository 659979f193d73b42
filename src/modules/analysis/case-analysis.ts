import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { can, unitScope, type Actor } from '../access/actor.js';
import { suggestUnits, type UnitSuggestion } from './routing/suggest-units.js';
import { urgencyFlags, type UrgencyFlag } from './urgency/urgency-flags.js';

export interface CaseAnalysis {
  postId: number;
  category: {
    id: number;
    name: string;
    /** The model's probability; null once staff confirmed the category. */
    confidence: number | null;
    confirmed: boolean;
  } | null;
  sentiment: { label: 'negative' | 'neutral' | 'positive'; score: number | null } | null;
  urgent: boolean;
  signals: UrgencyFlag[];
  /** For those who assign (cases.decide) only. */
  suggestions: UnitSuggestion[];
}

/** What analysis says about a case's post: category, sentiment, urgency and, for leaders, units. */
export async function caseAnalysis(
  ctx: AppContext,
  actor: Actor,
  caseId: number,
): Promise<CaseAnalysis> {
  const row = await ctx.db
    .selectFrom('cases as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .leftJoin('categories as k', 'k.id', 'p.category_id')
    .select([
      'p.id',
      'p.title',
      'p.body',
      'p.segmented',
      'p.category_id',
      'k.name as category_name',
      'p.category_confidence',
      'p.category_confirmed_at',
      'p.sentiment',
      'p.sentiment_score',
      'p.urgency',
      'p.urgent',
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw notFound('办件');
  const scope = unitScope(actor);
  if (scope !== null) {
    const mine = await ctx.db
      .selectFrom('case_units')
      .select('unit_id')
      .where('case_id', '=', caseId)
      .where('unit_id', 'in', scope.length ? scope : [-1])
      .executeTakeFirst();
    if (!mine) throw notFound('办件');
  }
  const categoryId = row.category_id === null ? null : Number(row.category_id);
  const confirmed = row.category_confirmed_at !== null;
  return {
    postId: Number(row.id),
    category:
      categoryId === null
        ? null
        : {
            id: categoryId,
            name: row.category_name ?? '',
            confidence: confirmed ? null : row.category_confidence,
            confirmed,
          },
    sentiment: row.sentiment ? { label: row.sentiment, score: row.sentiment_score } : null,
    urgent: row.urgent,
    signals: urgencyFlags(row.urgency),
    suggestions: can(actor, 'cases.decide')
      ? await suggestUnits(ctx, {
          id: Number(row.id),
          title: row.title,
          body: row.body,
          categoryId,
          categoryName: row.category_name,
          words: row.segmented.split(' '),
        })
      : [],
  };
}
