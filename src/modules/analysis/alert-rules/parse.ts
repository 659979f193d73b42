import type { RuleNode } from './ast.js';
import { RuleSyntaxError, at } from './ast.js';
import type { Token } from './tokenize.js';
import { tokenize } from './tokenize.js';

/** Parentheses nested deeper than this are refused (and keep the recursion shallow). */
export const MAX_DEPTH = 50;

/**
 * Parses an alert rule (syntax in expression.ts) into its AST; throws RuleSyntaxError with the
 * position of the first problem.
 */
export function parseRule(rule: string): RuleNode {
  const tokens = tokenize(rule);
  if (tokens.length === 0) throw new RuleSyntaxError('规则为空', 0, 0);
  const parser = new Parser(rule, tokens);
  const ast = parser.parseTop();
  if (!seeks(ast)) {
    throw new RuleSyntaxError(
      '规则不能只有排除条件（NOT / 非），至少要有一个必须出现的关键词',
      ast.start,
      ast.end - ast.start,
    );
  }
  return ast;
}

/** parseRule without throwing, for forms that show the error beside the rule. */
export function tryParseRule(
  rule: string,
): { ok: true; ast: RuleNode } | { ok: false; error: RuleSyntaxError } {
  try {
    return { ok: true, ast: parseRule(rule) };
  } catch (e) {
    if (e instanceof RuleSyntaxError) return { ok: false, error: e };
    throw e;
  }
}

/**
 * Whether every match of the node is witnessed by at least one term found in the text: false for
 * NOT, and for an OR with such a branch. NEAR needs it of both sides (a distance from an absence
 * means nothing), and so does the rule as a whole (a rule of exclusions alone fires on everything).
 */
export function seeks(node: RuleNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'near':
      return true;
    case 'not':
      return false;
    case 'and':
      return seeks(node.left) || seeks(node.right);
    case 'or':
      return seeks(node.left) && seeks(node.right);
  }
}

const startsOperand = (t: Token | undefined): boolean =>
  t !== undefined &&
  (t.kind === 'word' || t.kind === 'phrase' || t.kind === 'lparen' || t.kind === 'not');

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly rule: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  parseTop(): RuleNode {
    const node = this.parseOr(undefined);
    const extra = this.peek();
    if (extra !== undefined) {
      // parseOr stops only at a ')' it has no '(' for.
      throw new RuleSyntaxError(
        `${at(extra.start)}的右括号「${extra.text}」没有对应的左括号「(」`,
        extra.start,
        extra.end - extra.start,
      );
    }
    return node;
  }

  // or := and (OR and)*
  private parseOr(after: Token | undefined): RuleNode {
    let left = this.parseAnd(after);
    for (let t = this.peek(); t?.kind === 'or'; t = this.peek()) {
      this.i++;
      const right = this.parseAnd(t);
      left = { kind: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  // and := near ((AND)? near)*   — two operands side by side mean AND
  private parseAnd(after: Token | undefined): RuleNode {
    let left = this.parseNear(after);
    for (;;) {
      const t = this.peek();
      let op: Token | undefined;
      if (t?.kind === 'and') {
        this.i++;
        op = t;
      } else if (!startsOperand(t)) {
        return left;
      }
      const right = this.parseNear(op);
      left = { kind: 'and', left, right, start: left.start, end: right.end };
    }
  }

  // near := unary (NEAR unary)*
  private parseNear(after: Token | undefined): RuleNode {
    let left = this.parseUnary(after);
    for (let t = this.peek(); t?.kind === 'near'; t = this.peek()) {
      this.i++;
      const right = this.parseUnary(t);
      for (const side of [left, right]) {
        if (!seeks(side)) {
          throw new RuleSyntaxError(
            `${at(side.start)}：「${t.text}」两边必须是要查找的关键词，不能是排除条件（NOT / 非）`,
            side.start,
            side.end - side.start,
          );
        }
      }
      left = {
        kind: 'near',
        distance: t.distance ?? 0,
        left,
        right,
        start: left.start,
        end: right.end,
      };
    }
    return left;
  }

  // unary := NOT unary | primary
  private parseUnary(after: Token | undefined): RuleNode {
    const t = this.peek();
    if (t?.kind === 'not') {
      this.i++;
      const operand = this.parseUnary(t);
      return { kind: 'not', operand, start: t.start, end: operand.end };
    }
    return this.parsePrimary(after);
  }

  // primary := word | phrase | '(' or ')'
  private parsePrimary(after: Token | undefined): RuleNode {
    const t = this.peek();
    if (t?.kind === 'word' || t?.kind === 'phrase') {
      this.i++;
      return {
        kind: 'term',
        text: t.text,
        quoted: t.kind === 'phrase',
        start: t.start,
        end: t.end,
      };
    }
    if (t?.kind === 'lparen') {
      this.i++;
      if (this.peek()?.kind === 'rparen') {
        const close = this.peek() as Token;
        throw new RuleSyntaxError(`${at(t.start)}的括号内没有关键词`, t.start, close.end - t.start);
      }
      if (++this.depth > MAX_DEPTH) {
        throw new RuleSyntaxError(
          `${at(t.start)}：括号嵌套太深（最多 ${MAX_DEPTH} 层）`,
          t.start,
          1,
        );
      }
      const inner = this.parseOr(t);
      this.depth--;
      const close = this.peek();
      if (close?.kind !== 'rparen') {
        // parseOr consumes everything up to a ')' or the end, so the rule has ended here.
        const position = this.rule.trimEnd().length;
        throw new RuleSyntaxError(
          `${at(position)}缺少右括号「)」（与${at(t.start)}的「${t.text}」配对）`,
          position,
          0,
        );
      }
      this.i++;
      return { ...inner, start: t.start, end: close.end };
    }
    // Nothing that can start an operand: blame the operator that wanted one, if any.
    if (after !== undefined) {
      throw new RuleSyntaxError(
        `${at(after.start)}的「${after.text}」后缺少关键词`,
        after.start,
        after.end - after.start,
      );
    }
    if (t === undefined) throw new RuleSyntaxError('规则为空', 0, 0);
    if (t.kind === 'rparen') {
      throw new RuleSyntaxError(
        `${at(t.start)}的右括号「${t.text}」没有对应的左括号「(」`,
        t.start,
        t.end - t.start,
      );
    }
    throw new RuleSyntaxError(
      `${at(t.start)}的「${t.text}」前缺少关键词`,
      t.start,
      t.end - t.start,
    );
  }
}
