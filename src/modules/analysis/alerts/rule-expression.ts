import { AppError } from '../../../server/errors.js';
import type { RuleNode } from '../alert-rules/expression.js';
import { formatRule, tryParseRule } from '../alert-rules/expression.js';
import type { ValidateResult } from './alerts.schemas.js';

/** The distinct words a rule looks for, outside NOT, in the order written. */
export function soughtTerms(node: RuleNode): string[] {
  const out: string[] = [];
  const walk = (n: RuleNode): void => {
    switch (n.kind) {
      case 'term':
        if (!out.includes(n.text)) out.push(n.text);
        return;
      case 'not':
        return;
      case 'and':
      case 'or':
      case 'near':
        walk(n.left);
        walk(n.right);
    }
  };
  walk(node);
  return out;
}

/** For the form: the canonical form and the words sought, or where the rule goes wrong. */
export function validateExpression(expression: string): ValidateResult {
  const result = tryParseRule(expression);
  if (!result.ok) {
    const { message, position, length } = result.error;
    return { ok: false, error: { message, position, length } };
  }
  return { ok: true, canonical: formatRule(result.ast), terms: soughtTerms(result.ast) };
}

/** Parses a rule being saved or tried: a syntax error is a 400 RULE_SYNTAX saying where. */
export function parseOrReject(expression: string): RuleNode {
  const result = tryParseRule(expression);
  if (result.ok) return result.ast;
  const { message, position, length } = result.error;
  throw new AppError('RULE_SYNTAX', `预警规则表达式有误：${message}`, { position, length });
}
