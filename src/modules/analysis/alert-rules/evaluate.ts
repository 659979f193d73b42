import type { RuleNode, TermNode } from './ast.js';

/** One occurrence of a rule's term in the text: UTF-16 offsets into the text as given. */
export interface TermHit {
  /** The term as written in the rule (a phrase's whitespace collapsed). */
  term: string;
  start: number;
  end: number;
}

export interface RuleMatch {
  matched: boolean;
  /** The distinct terms whose occurrences make the rule match, in order of first occurrence. */
  terms: string[];
  /** Those occurrences, by position (empty when the rule does not match). */
  hits: TermHit[];
}

/**
 * Folds text and terms alike without changing any length, so offsets found in the folded text
 * are offsets in the original: full-width letters and digits and the ideographic space become
 * half-width, ASCII letters lower case.
 */
export function foldText(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/\u3000/g, ' ')
    .replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isLatin = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/**
 * The pattern a term is looked for with, over folded text. A term whose first (last) character
 * is a Latin letter or digit must not be preceded (followed) by one: PM2.5 is not found in
 * APM2.5. A space in a phrase matches any run of whitespace, or none between two characters
 * that are not Latin (Chinese is written without spaces: "夜间 施工" finds 夜间施工).
 */
export function termPattern(term: string): RegExp {
  const folded = foldText(term);
  const words = folded.split(' ');
  let source = '';
  words.forEach((word, k) => {
    if (k > 0) {
      const before = words[k - 1]?.slice(-1);
      source += isLatin(before) && isLatin(word.charAt(0)) ? '\\s+' : '\\s*';
    }
    source += escapeRegExp(word);
  });
  if (isLatin(folded.charAt(0))) source = `(?<![a-z0-9])${source}`;
  if (isLatin(folded.slice(-1))) source = `${source}(?![a-z0-9])`;
  return new RegExp(source, 'g');
}

const patterns = new WeakMap<TermNode, RegExp>();

/** A span of text that witnesses a node: the hits it is made of. */
interface Witness {
  start: number;
  end: number;
  hits: TermHit[];
}

interface Result {
  ok: boolean;
  witnesses: Witness[];
}

/** Witnesses kept per node: NEAR pairs them up, and a pathological text must not explode. */
const MAX_WITNESSES = 1000;

/**
 * Whether the rule matches the text, and the occurrences that make it match. The text should be
 * the post's normalised text (title and body); matching is on characters, not segmented words.
 *
 * NEAR measures the characters between the two occurrences (0 when they touch or overlap). Its
 * sides may be any expressions that seek terms: the occurrences witnessing an OR or AND count,
 * and a NEAR's witness spans both occurrences, so `a NEAR/5 b NEAR/5 c` wants c within 5
 * characters of the a…b stretch.
 */
export function evaluate(ast: RuleNode, text: string): RuleMatch {
  const folded = foldText(text);
  const cache = new Map<string, Witness[]>();

  const find = (node: TermNode): Witness[] => {
    const cached = cache.get(node.text);
    if (cached !== undefined) return cached;
    let pattern = patterns.get(node);
    if (pattern === undefined) {
      pattern = termPattern(node.text);
      patterns.set(node, pattern);
    }
    const found: Witness[] = [];
    for (const m of folded.matchAll(pattern)) {
      const hit = { term: node.text, start: m.index, end: m.index + m[0].length };
      found.push({ start: hit.start, end: hit.end, hits: [hit] });
      if (found.length >= MAX_WITNESSES) break;
    }
    cache.set(node.text, found);
    return found;
  };

  const run = (node: RuleNode): Result => {
    switch (node.kind) {
      case 'term': {
        const witnesses = find(node);
        return { ok: witnesses.length > 0, witnesses };
      }
      case 'not':
        return { ok: !run(node.operand).ok, witnesses: [] };
      case 'and': {
        const left = run(node.left);
        if (!left.ok) return left;
        const right = run(node.right);
        if (!right.ok) return right;
        return { ok: true, witnesses: [...left.witnesses, ...right.witnesses] };
      }
      case 'or': {
        const left = run(node.left);
        const right = run(node.right);
        return { ok: left.ok || right.ok, witnesses: [...left.witnesses, ...right.witnesses] };
      }
      case 'near': {
        const left = run(node.left);
        if (!left.ok) return { ok: false, witnesses: [] };
        const right = run(node.right);
        const witnesses: Witness[] = [];
        for (const a of left.witnesses) {
          for (const b of right.witnesses) {
            const gap = Math.max(a.start, b.start) - Math.min(a.end, b.end);
            if (gap > node.distance) continue;
            witnesses.push({
              start: Math.min(a.start, b.start),
              end: Math.max(a.end, b.end),
              hits: [...a.hits, ...b.hits],
            });
            if (witnesses.length >= MAX_WITNESSES) break;
          }
          if (witnesses.length >= MAX_WITNESSES) break;
        }
        return { ok: witnesses.length > 0, witnesses };
      }
    }
  };

  const result = run(ast);
  if (!result.ok) return { matched: false, terms: [], hits: [] };
  const seen = new Set<string>();
  const hits: TermHit[] = [];
  for (const w of result.witnesses) {
    for (const h of w.hits) {
      const key = `${h.start}:${h.end}:${h.term}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push(h);
    }
  }
  hits.sort((a, b) => a.start - b.start || a.end - b.end);
  return { matched: true, terms: [...new Set(hits.map((h) => h.term))], hits };
}
