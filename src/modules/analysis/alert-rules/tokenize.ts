import { RuleSyntaxError, at } from './ast.js';

export type TokenKind = 'word' | 'phrase' | 'and' | 'or' | 'not' | 'near' | 'lparen' | 'rparen';

export interface Token {
  kind: TokenKind;
  /** As written in the rule (for a phrase: its content, whitespace collapsed). */
  text: string;
  start: number;
  end: number;
  /** NEAR's distance. */
  distance?: number;
}

/** Rules longer than this are refused: a rule is a few dozen words, not a document. */
export const MAX_RULE_LENGTH = 2000;
/** The largest NEAR distance, in characters. */
export const MAX_NEAR_DISTANCE = 10_000;

const OPEN_QUOTES = new Set(['"', '“']);
const CLOSE_QUOTES = new Set(['"', '”']);
/** Characters that end a word (besides whitespace). */
const DELIMITERS = new Set(['(', ')', '（', '）', '"', '“', '”', '&', '＆', '|', '｜', '!', '！']);
/** Separators people type out of habit that are not operators here. */
const NOT_OPERATORS = new Set([',', '，', '、', ';', '；']);

const isSpace = (c: string) => /\s/.test(c);
const isWordChar = (c: string) => !isSpace(c) && !DELIMITERS.has(c) && !NOT_OPERATORS.has(c);

/** Operator words, recognised only as whole tokens and case-insensitively. */
function operatorWord(word: string): Token['kind'] | null {
  switch (word.toLowerCase()) {
    case 'and':
    case '且':
      return 'and';
    case 'or':
    case '或':
      return 'or';
    case 'not':
    case '非':
      return 'not';
    default:
      return null;
  }
}

/** Splits a rule into tokens; throws RuleSyntaxError for an unclosed quote or a stray separator. */
export function tokenize(rule: string): Token[] {
  if (rule.length > MAX_RULE_LENGTH) {
    throw new RuleSyntaxError(
      `规则太长（最多 ${MAX_RULE_LENGTH} 个字符）`,
      MAX_RULE_LENGTH,
      rule.length - MAX_RULE_LENGTH,
    );
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule.charAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(' || c === '（') {
      tokens.push({ kind: 'lparen', text: c, start, end: ++i });
    } else if (c === ')' || c === '）') {
      tokens.push({ kind: 'rparen', text: c, start, end: ++i });
    } else if (c === '&' || c === '＆') {
      tokens.push({ kind: 'and', text: c, start, end: ++i });
    } else if (c === '|' || c === '｜') {
      tokens.push({ kind: 'or', text: c, start, end: ++i });
    } else if (c === '!' || c === '！') {
      tokens.push({ kind: 'not', text: c, start, end: ++i });
    } else if (c === '-') {
      // A minus opens a token: it is NOT. Inside a word (COVID-19) it is part of the word.
      tokens.push({ kind: 'not', text: c, start, end: ++i });
    } else if (OPEN_QUOTES.has(c)) {
      let j = i + 1;
      while (j < rule.length && !CLOSE_QUOTES.has(rule.charAt(j))) j++;
      if (j >= rule.length) {
        throw new RuleSyntaxError(`${at(start)}的引号没有闭合`, start, rule.length - start);
      }
      const content = rule
        .slice(i + 1, j)
        .replace(/\s+/g, ' ')
        .trim();
      if (content === '') {
        throw new RuleSyntaxError(`${at(start)}的引号内没有内容`, start, j + 1 - start);
      }
      i = j + 1;
      tokens.push({ kind: 'phrase', text: content, start, end: i });
    } else if (CLOSE_QUOTES.has(c)) {
      // Only ” can get here: a closing quote with no opening one.
      throw new RuleSyntaxError(`${at(start)}的引号「${c}」没有对应的左引号`, start, 1);
    } else if (NOT_OPERATORS.has(c)) {
      throw new RuleSyntaxError(
        `${at(start)}的「${c}」不是运算符：同时出现请用空格或 AND（且），任一出现请用 OR（或）`,
        start,
        1,
      );
    } else {
      while (i < rule.length && isWordChar(rule.charAt(i))) i++;
      const text = rule.slice(start, i);
      tokens.push(wordToken(text, start, i));
    }
  }
  return tokens;
}

function wordToken(text: string, start: number, end: number): Token {
  const op = operatorWord(text);
  if (op !== null) return { kind: op, text, start, end };
  // 附近 followed by digits (附近10, 附近/10) is proximity; 附近 alone or 附近的 is a word.
  const zh = /^附近\/?(\d+)$/.exec(text);
  // NEAR is proximity and needs /N; words that merely start with it (nearby) are words.
  const latin = /^near(?:$|\/|\d+$)/i.test(text);
  // 附近/ without digits can only be a proximity missing its distance.
  const zhSlash = text.startsWith('附近/');
  if (zh === null && !latin && !zhSlash) return { kind: 'word', text, start, end };
  const digits = zh !== null ? zh[1] : /^near\/(\d+)$/i.exec(text)?.[1];
  if (digits === undefined) {
    const name = zhSlash ? '附近' : text.slice(0, 4);
    throw new RuleSyntaxError(
      `${at(start)}的「${name}」后缺少距离，应写作 ${name}${zhSlash ? '' : '/'}10`,
      start,
      end - start,
    );
  }
  const distance = Number(digits);
  if (distance > MAX_NEAR_DISTANCE) {
    throw new RuleSyntaxError(
      `${at(start)}的「${text}」距离太大（最多 ${MAX_NEAR_DISTANCE} 个字符）`,
      start,
      end - start,
    );
  }
  return { kind: 'near', text, start, end, distance };
}
