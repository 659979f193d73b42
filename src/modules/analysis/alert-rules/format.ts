import type { RuleNode } from './ast.js';

/** Whether a term can be written without quotes and read back as the same single term. */
function bare(text: string): boolean {
  return (
    /^[^\s()（）"“”&＆|｜!！,，、;；]+$/.test(text) &&
    !text.startsWith('-') &&
    !/^(and|or|not|且|或|非)$/i.test(text) &&
    !/^near(?:$|\/|\d+$)/i.test(text) &&
    !/^附近\/?\d+$/.test(text)
  );
}

const OPERATOR = { and: 'AND', or: 'OR' } as const;

/**
 * The canonical text of a rule: English operators in capitals, AND written out, NEAR as NEAR/N,
 * terms quoted only when they must be. A binary expression inside another is parenthesised
 * unless it is the left side of the same operator (the grammar is left-associative), so the
 * grouping is visible and the text parses back to the same tree: `a OR b c` → `a OR (b AND c)`.
 */
export function formatRule(node: RuleNode): string {
  switch (node.kind) {
    case 'term':
      return bare(node.text) ? node.text : `"${node.text}"`;
    case 'not':
      return `NOT ${child(node.operand, null)}`;
    case 'and':
    case 'or':
      return `${child(node.left, node)} ${OPERATOR[node.kind]} ${child(node.right, null)}`;
    case 'near':
      return `${child(node.left, node)} NEAR/${node.distance} ${child(node.right, null)}`;
  }
}

/** A sub-expression, parenthesised unless it is a term, a NOT or the same operator's left side. */
function child(node: RuleNode, sameAs: RuleNode | null): string {
  const text = formatRule(node);
  if (node.kind === 'term' || node.kind === 'not') return text;
  if (sameAs !== null && node.kind === sameAs.kind) {
    if (node.kind !== 'near' || (sameAs.kind === 'near' && sameAs.distance === node.distance)) {
      return text;
    }
  }
  return `(${text})`;
}
