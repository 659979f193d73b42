import { sql } from 'kysely';
import type { AppContext } from '../../../server/context.js';

export interface UnitSuggestion {
  unitId: number;
  unitName: string;
  /** 0..1: the evidence's weights added up (a named place 0.5, similar cases 0.35, category 0.25). */
  score: number;
  /** Chinese, one per kind of evidence: what a leader reads beside the unit. */
  reasons: string[];
}

export interface RoutingPost {
  id: number;
  title: string | null;
  body: string;
  categoryId: number | null;
  categoryName: string | null;
  /** jieba words as indexed (posts.segmented). */
  words: readonly string[];
}

/** How much each kind of evidence weighs; a place named in the text is the strongest. */
const WEIGHT = { place: 0.5, similar: 0.35, category: 0.25 } as const;
const SIMILAR_CASES = 20;
const MAX_QUERY_WORDS = 12;

/** Committee suffixes and what citizens write instead: 青石村委会 is 青石村 to them. */
const UNIT_SUFFIXES: readonly [string, string][] = [
  ['村民委员会', '村'],
  ['居民委员会', ''],
  ['村委会', '村'],
  ['居委会', ''],
  ['委员会', ''],
];

/**
 * The names a unit goes by in citizens' messages: 青石村委会 → 青石村委会, 青石村; the official
 * 青石村村委会 → 青石村 too (its 村 is already there).
 */
export function unitAliases(name: string): string[] {
  const out = [name];
  const hit = UNIT_SUFFIXES.find(([suffix]) => name.endsWith(suffix));
  if (hit) {
    const base = name.slice(0, -hit[0].length);
    const stem = base.endsWith(hit[1]) ? base : base + hit[1];
    if (stem.length >= 2 && stem !== name) out.push(stem);
  }
  return out;
}

const isQueryWord = (w: string) => w.length >= 2 && /^[\p{Script=Han}A-Za-z0-9]+$/u.test(w);

/**
 * The units most likely responsible for a post: units whose (village, community) name the text
 * mentions; the lead units of past cases about similar posts (full-text match on the post's
 * words); and the lead units of past cases of the same category. Each suggestion names its
 * evidence. Nothing here assigns: the leader decides.
 */
export async function suggestUnits(
  ctx: AppContext,
  post: RoutingPost,
  limit = 3,
): Promise<UnitSuggestion[]> {
  const units = await ctx.db
    .selectFrom('units')
    .select(['id', 'name', 'type'])
    .where('active', '=', true)
    .where('type', '!=', 'higher')
    .execute();
  const text = `${post.title ?? ''}\n${post.body}`;
  const evidence = new Map<number, { score: number; reasons: string[] }>();
  const add = (unitId: number, score: number, reason: string) => {
    const e = evidence.get(unitId) ?? { score: 0, reasons: [] };
    e.score += score;
    e.reasons.push(reason);
    evidence.set(unitId, e);
  };

  for (const u of units) {
    const named = unitAliases(u.name).find((alias) => text.includes(alias));
    if (named) add(Number(u.id), WEIGHT.place, `正文提到「${named}」`);
  }

  const words = [...new Set(post.words.filter(isQueryWord))].slice(0, MAX_QUERY_WORDS);
  if (words.length > 0) {
    const query = words.map((w) => w.replace(/'/g, '')).join(' | ');
    const similar = await ctx.db
      .selectFrom('cases as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .innerJoin('units as u', 'u.id', 'c.lead_unit_id')
      .select([
        'c.lead_unit_id',
        'c.slip_no',
        'p.title',
        sql<number>`ts_rank(p.search, to_tsquery('simple', ${query}))`.as('rank'),
      ])
      .where('c.lead_unit_id', 'is not', null)
      .where('p.id', '!=', post.id)
      .where(sql<boolean>`p.search @@ to_tsquery('simple', ${query})`)
      .orderBy('rank', 'desc')
      .limit(SIMILAR_CASES)
      .execute();
    const total = similar.reduce((s, r) => s + Number(r.rank), 0);
    const byUnit = new Map<number, typeof similar>();
    for (const r of similar) {
      const id = Number(r.lead_unit_id);
      byUnit.set(id, [...(byUnit.get(id) ?? []), r]);
    }
    for (const [unitId, rows] of byUnit) {
      const share = rows.reduce((s, r) => s + Number(r.rank), 0) / (total || 1);
      const best = rows[0];
      const example = best?.title
        ? `，如${best.slip_no ? `${best.slip_no}` : ''}「${best.title}」`
        : '';
      add(unitId, WEIGHT.similar * share, `${rows.length} 件相似办件由该单位牵头${example}`);
    }
  }

  if (post.categoryId !== null) {
    const history = await ctx.db
      .selectFrom('cases as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['c.lead_unit_id', sql<string | number>`count(*)`.as('n')])
      .where('p.category_id', '=', post.categoryId)
      .where('c.lead_unit_id', 'is not', null)
      .where('p.id', '!=', post.id)
      .groupBy('c.lead_unit_id')
      .execute();
    const total = history.reduce((s, r) => s + Number(r.n), 0);
    for (const r of history) {
      const n = Number(r.n);
      add(
        Number(r.lead_unit_id),
        WEIGHT.category * (n / total),
        `「${post.categoryName ?? '该类'}」类办件 ${total} 件中有 ${n} 件由该单位牵头`,
      );
    }
  }

  const names = new Map(units.map((u) => [Number(u.id), u.name]));
  const ranked = [...evidence]
    .filter(([unitId]) => names.has(unitId))
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, limit);
  return ranked.map(([unitId, e]) => ({
    unitId,
    unitName: names.get(unitId) ?? '',
    score: Math.round(Math.min(1, e.score) * 100) / 100,
    reasons: e.reasons,
  }));
}
