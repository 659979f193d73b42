import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, Sentiment } from '../../../db/schema.js';
import type { RuleMatch, RuleNode } from '../alert-rules/expression.js';
import { evaluate, foldText } from '../alert-rules/expression.js';
import { LEDGER_SOURCE_KEY } from '../../cases/ledger-import/ledger-source.js';

/**
 * A condition every post matching the rule meets: each word the rule requires, found in the
 * post's text as foldText would find it. NOT adds nothing (a required absence cannot
 * narrow a substring search); OR needs one side; AND and NEAR need both. It only narrows: the
 * rule itself is then evaluated on each post found.
 */
type Needle = { kind: 'word'; word: string } | { kind: 'all' | 'any'; parts: Needle[] };
type Needles = Needle | null;

function needles(node: RuleNode): Needles {
  switch (node.kind) {
    case 'term': {
      const words = foldText(node.text)
        .split(' ')
        .filter((w) => w.length > 0);
      return { kind: 'all', parts: words.map((word) => ({ kind: 'word', word })) };
    }
    case 'not':
      return null;
    case 'and':
    case 'near': {
      const parts = [needles(node.left), needles(node.right)].filter(
        (n): n is Needle => n !== null,
      );
      return parts.length === 0 ? null : { kind: 'all', parts };
    }
    case 'or': {
      const left = needles(node.left);
      const right = needles(node.right);
      return left === null || right === null ? null : { kind: 'any', parts: [left, right] };
    }
  }
}

const TEXT = sql`(coalesce(p.title, '') || chr(10) || p.body)`;

const fullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);

/**
 * A word in SQL, found as foldText would find it without folding every post (translate() over a
 * week of posts costs seconds): a word without Latin letters or digits is the same folded or
 * not, so strpos finds it; otherwise each letter or digit becomes a class of its cases and widths.
 */
function wordSql(word: string): RawBuilder<boolean> {
  if (!/[a-z0-9]/.test(word)) return sql<boolean>`strpos(${TEXT}, ${word}) > 0`;
  let pattern = '';
  for (const c of word) {
    if (/[a-z]/.test(c)) {
      const upper = c.toUpperCase();
      pattern += `[${c}${upper}${fullWidth(c)}${fullWidth(upper)}]`;
    } else if (/[0-9]/.test(c)) {
      pattern += `[${c}${fullWidth(c)}]`;
    } else {
      pattern += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return sql<boolean>`${TEXT} ~ ${pattern}`;
}

function toSql(n: Needle): RawBuilder<boolean> {
  if (n.kind === 'word') return wordSql(n.word);
  const parts = n.parts.map(toSql);
  if (parts.length === 1 && parts[0]) return parts[0];
  return sql<boolean>`(${sql.join(parts, n.kind === 'all' ? sql` and ` : sql` or `)})`;
}

/** The SQL pre-filter of a rule, or null when it needs none (a rule of exclusions alone). */
export function prefilter(ast: RuleNode): RawBuilder<boolean> | null {
  const n = needles(ast);
  return n === null ? null : toSql(n);
}

/** The text a rule is matched against: the title, a line break, the body. */
export const postText = (title: string | null, body: string): string =>
  title ? `${title}\n${body}` : body;

export interface CandidatePost {
  id: number;
  title: string | null;
  body: string;
  postedAt: Date;
  source: string;
  sentiment: Sentiment | null;
}

export interface MatchScope {
  ast: RuleNode;
  /** posted_at >= from */
  from: Date;
  /** posted_at <= to, or < to when `toExclusive` */
  to: Date;
  toExclusive?: boolean;
  onlyRelevant: boolean;
}

const BATCH = 1000;

/**
 * Calls `onMatch` for every post in the time range (duplicates left out) that the rule matches,
 * newest first; stop early by returning false. Reads in batches, so a week of a busy rule never
 * sits in memory at once.
 */
export async function forEachMatch(
  db: Kysely<DB>,
  scope: MatchScope,
  onMatch: (post: CandidatePost, match: RuleMatch) => boolean | void,
): Promise<void> {
  const filter = prefilter(scope.ast);
  let after: { postedAt: Date; id: number } | null = null;
  for (;;) {
    const cursor: { postedAt: Date; id: number } | null = after;
    let query = db
      .selectFrom('posts as p')
      .select(['p.id', 'p.title', 'p.body', 'p.posted_at', 'p.source', 'p.sentiment'])
      .where('p.duplicate_of', 'is', null)
      // A past case brought in from the ledger is handled history, not something said now.
      .where('p.source_key', 'is distinct from', LEDGER_SOURCE_KEY)
      .where('p.posted_at', '>=', scope.from)
      .where('p.posted_at', scope.toExclusive ? '<' : '<=', scope.to);
    if (scope.onlyRelevant) query = query.where('p.relevant', '=', true);
    if (filter !== null) query = query.where(filter);
    if (cursor !== null) {
      query = query.where((eb) =>
        eb.or([
          eb('p.posted_at', '<', cursor.postedAt),
          eb.and([eb('p.posted_at', '=', cursor.postedAt), eb('p.id', '<', cursor.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('p.posted_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const match = evaluate(scope.ast, postText(row.title, row.body));
      if (!match.matched) continue;
      const post: CandidatePost = {
        id: row.id,
        title: row.title,
        body: row.body,
        postedAt: row.posted_at,
        source: row.source,
        sentiment: row.sentiment,
      };
      if (onMatch(post, match) === false) return;
    }
    const last = rows.at(-1);
    if (rows.length < BATCH || last === undefined) return;
    after = { postedAt: last.posted_at, id: last.id };
  }
}
