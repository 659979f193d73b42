import type { Sentiment } from '../../../db/schema.js';
import type { RuleMatch } from '../alert-rules/expression.js';
import type { MatchedPost } from './alerts.schemas.js';

const EXCERPT = 160;
const LEAD = 40;

type Mark = [number, number];

/**
 * A matching post as the pages show it: the title and a stretch of the body around the first
 * match, each with the offsets of the matched words (the UI marks them as text, never as HTML).
 * Offsets of `match` are into postText(title, body).
 */
export function presentMatch(
  post: {
    id: number;
    title: string | null;
    body: string;
    source: string;
    url: string | null;
    postedAt: Date;
    sentiment: Sentiment | null;
    caseId: number | null;
  },
  match: RuleMatch,
): MatchedPost {
  const titleLength = post.title ? post.title.length : 0;
  const bodyOffset = post.title ? titleLength + 1 : 0;
  const titleMarks: Mark[] = [];
  const bodyHits: Mark[] = [];
  for (const h of match.hits) {
    if (post.title && h.end <= titleLength) titleMarks.push([h.start, h.end]);
    else if (h.start >= bodyOffset) bodyHits.push([h.start - bodyOffset, h.end - bodyOffset]);
  }
  const first = bodyHits[0]?.[0] ?? 0;
  let start = Math.max(0, first - LEAD);
  const end = Math.min(post.body.length, start + EXCERPT);
  start = Math.max(0, Math.min(start, end - EXCERPT));
  const prefix = start > 0 ? '…' : '';
  const suffix = end < post.body.length ? '…' : '';
  const excerpt = prefix + post.body.slice(start, end) + suffix;
  const shift = prefix.length - start;
  const excerptMarks: Mark[] = bodyHits
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s + shift, e + shift]);
  return {
    id: post.id,
    title: post.title,
    source: post.source,
    url: post.url,
    postedAt: post.postedAt.toISOString(),
    sentiment: post.sentiment,
    caseId: post.caseId,
    titleMarks,
    excerpt,
    excerptMarks,
    terms: match.terms,
  };
}
