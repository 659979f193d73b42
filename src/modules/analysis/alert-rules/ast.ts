/** A parsed alert rule. Every node knows the span of rule text it came from (0-based, end-exclusive). */
export type RuleNode = TermNode | NotNode | AndNode | OrNode | NearNode;

interface Span {
  start: number;
  end: number;
}

/** A word or a quoted phrase; `text` has its whitespace collapsed to single spaces. */
export interface TermNode extends Span {
  kind: 'term';
  text: string;
  quoted: boolean;
}

export interface NotNode extends Span {
  kind: 'not';
  operand: RuleNode;
}

export interface AndNode extends Span {
  kind: 'and';
  left: RuleNode;
  right: RuleNode;
}

export interface OrNode extends Span {
  kind: 'or';
  left: RuleNode;
  right: RuleNode;
}

/** Both sides occur with at most `distance` characters between them, in either order. */
export interface NearNode extends Span {
  kind: 'near';
  distance: number;
  left: RuleNode;
  right: RuleNode;
}

/**
 * A rule that cannot be parsed. `position` is a 0-based UTF-16 offset into the rule text (the rule's
 * length when something is missing at the end), `length` how many characters to underline (0 for
 * "something missing here"); `message` is Chinese and counts characters from 1 for people.
 */
export class RuleSyntaxError extends Error {
  readonly position: number;
  readonly length: number;

  constructor(message: string, position: number, length: number) {
    super(message);
    this.name = 'RuleSyntaxError';
    this.position = position;
    this.length = length;
  }
}

/** 「第 N 个字符处」 for a 0-based offset. */
export const at = (position: number): string => `第 ${position + 1} 个字符处`;
