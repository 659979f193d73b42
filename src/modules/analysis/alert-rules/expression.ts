/**
 * The keyword expression language of alert rules (预警规则).
 *
 * A rule is matched against a post's normalised text, character by character, so it needs no
 * word segmenter.
 *
 *   噪音                    a term: found anywhere in the text (Chinese: as a substring)
 *   PM2.5                   Latin letters and digits: case-insensitive, and only at word
 *                           boundaries (PM2.5 is not found in APM2.5; pm2.5超标 is found)
 *   "夜间 施工"  “夜间 施工”  a quoted phrase, taken literally: operators, parentheses and
 *                           punctuation inside are text. Runs of spaces count as one; a space
 *                           matches any whitespace, and between Chinese characters also none
 *   a AND b   a 且 b   a & b   a b      both (two operands side by side mean AND)
 *   a OR b    a 或 b   a | b            either
 *   NOT a     非 a     !a  ！a  -a      a does not occur (- only at the start of a token:
 *                                       COVID-19 is one term)
 *   a NEAR/10 b   a 附近10 b   a 附近/10 b
 *                           both occur with at most 10 characters between them, in either
 *                           order (0 = touching). Distance 0..10000
 *   ( … )  （ … ）           grouping
 *
 * Operator words (AND OR NOT NEAR, any case; 且 或 非 附近N) count only as whole tokens, set off
 * by spaces, parentheses or quotes: 非法集资, 或者, 学校附近 and nearby are ordinary terms. To
 * look for an operator word itself, quote it: "或".
 *
 * Precedence, tightest first: NOT > NEAR > AND (and juxtaposition) > OR; binary operators are
 * left-associative; parentheses override. So `a OR b c` is `a OR (b AND c)`, `NOT a b` is
 * `(NOT a) AND b`, and `a b NEAR/5 c` is `a AND (b NEAR/5 c)`.
 *
 * Both sides of NEAR must seek something (a term, phrase, or an AND/OR/NEAR of them); so must the
 * rule as a whole: `NOT 广告` alone would fire on every post and is refused. `a NOT b` is fine.
 * `, ， 、 ; ；` outside quotes are refused with a hint (people type them meaning AND or OR).
 *
 * Errors are RuleSyntaxError with a 0-based `position`, a `length` to underline and a Chinese
 * `message` that counts characters from 1 (第 12 个字符处缺少右括号「)」…).
 *
 * formatRule prints the canonical form (English operators, explicit AND, nested binary
 * expressions parenthesised), which parses back to the same tree.
 */
export type { AndNode, NearNode, NotNode, OrNode, RuleNode, TermNode } from './ast.js';
export { RuleSyntaxError } from './ast.js';
export { MAX_NEAR_DISTANCE, MAX_RULE_LENGTH } from './tokenize.js';
export { MAX_DEPTH, parseRule, seeks, tryParseRule } from './parse.js';
export type { RuleMatch, TermHit } from './evaluate.js';
export { evaluate, foldText } from './evaluate.js';
export { formatRule } from './format.js';

import { evaluate } from './evaluate.js';
import type { RuleMatch } from './evaluate.js';
import { parseRule } from './parse.js';

/** Parses and evaluates in one go (throws RuleSyntaxError); parse once when matching many posts. */
export function matchRule(rule: string, text: string): RuleMatch {
  return evaluate(parseRule(rule), text);
}
