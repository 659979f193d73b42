import { describe, expect, it } from 'vitest';
import type { RuleNode } from './expression.js';
import {
  RuleSyntaxError,
  evaluate,
  formatRule,
  matchRule,
  parseRule,
  tryParseRule,
} from './expression.js';

const fmt = (rule: string) => formatRule(parseRule(rule));
const matches = (rule: string, text: string) => matchRule(rule, text).matched;

function syntaxError(rule: string): RuleSyntaxError {
  const result = tryParseRule(rule);
  if (result.ok) throw new Error(`expected a syntax error for ${rule}`);
  return result.error;
}

describe('precedence', () => {
  it('binds NOT tighter than NEAR, NEAR than AND, AND than OR', () => {
    expect(fmt('a OR b AND c')).toBe('a OR (b AND c)');
    expect(fmt('a AND b OR c')).toBe('(a AND b) OR c');
    expect(fmt('a AND b NEAR/5 c')).toBe('a AND (b NEAR/5 c)');
    expect(fmt('a NEAR/5 b AND c')).toBe('(a NEAR/5 b) AND c');
    expect(fmt('a OR b NEAR/5 c')).toBe('a OR (b NEAR/5 c)');
    expect(fmt('NOT a AND b')).toBe('NOT a AND b');
    expect(fmt('b OR NOT a c')).toBe('b OR (NOT a AND c)');
    expect(fmt('NOT (a NEAR/5 b) c')).toBe('NOT (a NEAR/5 b) AND c');
    // NOT a NEAR/5 b is (NOT a) NEAR/5 b, which NEAR refuses: the error spans `NOT a`.
    expect(syntaxError('NOT a NEAR/5 b')).toMatchObject({ position: 0, length: 5 });
    expect(fmt('a NOT b OR c')).toBe('(a AND NOT b) OR c');
  });

  it('is left-associative', () => {
    const ast = parseRule('a OR b OR c');
    expect(ast.kind).toBe('or');
    expect(ast.kind === 'or' && ast.left.kind).toBe('or');
    expect(fmt('a OR b OR c')).toBe('a OR b OR c');
    expect(fmt('a b c')).toBe('a AND b AND c');
    expect(fmt('a NEAR/5 b NEAR/3 c')).toBe('(a NEAR/5 b) NEAR/3 c');
    expect(fmt('NOT NOT a b')).toBe('NOT NOT a AND b');
  });

  it('lets parentheses override', () => {
    expect(fmt('(a OR b) AND c')).toBe('(a OR b) AND c');
    expect(fmt('a OR (b OR c)')).toBe('a OR (b OR c)');
    expect(fmt('NOT (a OR b) c')).toBe('NOT (a OR b) AND c');
    expect(fmt('(a OR b) NEAR/5 c')).toBe('(a OR b) NEAR/5 c');
    expect(fmt('（a 或 b） c')).toBe('(a OR b) AND c');
    // The grouping changes what matches.
    expect(matches('a OR b c', 'a')).toBe(true);
    expect(matches('(a OR b) c', 'a')).toBe(false);
  });

  it('prints a canonical form that parses back to the same tree', () => {
    for (const rule of [
      '噪音 且 (工地 或 施工) 非 演习',
      '"夜间 施工" NEAR/10 (噪音 | 扰民) -广告',
      '"或" 且 "a b"',
      'a NEAR/5 b NEAR/5 c OR NOT d e',
      'NOT (a OR b) c OR (d NEAR/3 e) f',
    ]) {
      const once = fmt(rule);
      expect(fmt(once)).toBe(once);
    }
    expect(fmt('"或" "NEAR/3" "PM2.5"')).toBe('"或" AND "NEAR/3" AND PM2.5');
  });

  it('records where each node came from', () => {
    const ast: RuleNode = parseRule('噪音 OR (工地 施工)');
    expect(ast).toMatchObject({ kind: 'or', start: 0, end: 13 });
    expect(ast.kind === 'or' && ast.right).toMatchObject({ kind: 'and', start: 6, end: 13 });
  });
});

describe('operators', () => {
  it('reads juxtaposition as AND', () => {
    expect(fmt('噪音 工地')).toBe('噪音 AND 工地');
    expect(matches('噪音 工地', '工地噪音很大')).toBe(true);
    expect(matches('噪音 工地', '噪音很大')).toBe(false);
  });

  it('accepts Chinese operator words, symbols and any case', () => {
    expect(fmt('噪音 且 工地 或 非 演习 扰民')).toBe('(噪音 AND 工地) OR (NOT 演习 AND 扰民)');
    expect(fmt('噪音&工地|!演习&扰民')).toBe('(噪音 AND 工地) OR (NOT 演习 AND 扰民)');
    expect(fmt('噪音 and 工地 or not 演习 and 扰民')).toBe(
      '(噪音 AND 工地) OR (NOT 演习 AND 扰民)',
    );
    expect(fmt('噪音 ＆ 工地 ｜ ！演习 扰民')).toBe('(噪音 AND 工地) OR (NOT 演习 AND 扰民)');
    expect(fmt('噪音 -演习')).toBe('噪音 AND NOT 演习');
    expect(fmt('噪音 附近10 工地')).toBe('噪音 NEAR/10 工地');
    expect(fmt('噪音 附近/10 工地')).toBe('噪音 NEAR/10 工地');
    expect(fmt('噪音 near/10 工地')).toBe('噪音 NEAR/10 工地');
  });

  it('treats operator words inside longer words as plain terms', () => {
    expect(fmt('非法集资 或者')).toBe('非法集资 AND 或者');
    expect(fmt('学校 附近 噪音')).toBe('学校 AND 附近 AND 噪音');
    expect(fmt('学校附近的 nearby COVID-19')).toBe('学校附近的 AND nearby AND COVID-19');
    expect(fmt('android oregon')).toBe('android AND oregon');
  });

  it('evaluates NOT', () => {
    expect(matches('噪音 NOT 演习', '工地噪音')).toBe(true);
    expect(matches('噪音 NOT 演习', '消防演习噪音')).toBe(false);
    expect(matches('噪音 NOT NOT 演习', '消防演习噪音')).toBe(true);
  });
});

describe('quoting', () => {
  it('keeps phrases with spaces and collapses the spaces', () => {
    const ast = parseRule('"  夜间   施工 "');
    expect(ast).toMatchObject({ kind: 'term', text: '夜间 施工', quoted: true });
    expect(matches('"夜间 施工"', '工地夜间施工扰民')).toBe(true);
    expect(matches('"夜间 施工"', '工地夜间 \n 施工扰民')).toBe(true);
    expect(matches('"夜间 施工"', '夜间停止了施工')).toBe(false);
    expect(matches('"air quality"', 'Poor AIR   Quality today')).toBe(true);
    expect(matches('"air quality"', 'airquality')).toBe(false);
  });

  it('takes operators, parentheses and punctuation inside quotes literally', () => {
    expect(parseRule('"噪音 OR 工地"')).toMatchObject({ kind: 'term', text: '噪音 OR 工地' });
    expect(parseRule('“非 (法) NEAR/3，”')).toMatchObject({
      kind: 'term',
      text: '非 (法) NEAR/3，',
    });
    expect(matches('"噪音 OR 工地"', '噪音')).toBe(false);
    expect(matches('"噪音 OR 工地"', '说 噪音 or 工地 都行')).toBe(true);
    expect(matches('"或"', '是或否')).toBe(true);
  });
});

describe('proximity', () => {
  // 噪音 at 0..2, then 8 characters, then 工地 at 10..12.
  const text = '噪音一二三四五六七八工地';

  it('matches in both orders', () => {
    expect(matches('噪音 NEAR/8 工地', text)).toBe(true);
    expect(matches('工地 NEAR/8 噪音', text)).toBe(true);
    expect(matches('工地 附近8 噪音', '工地一二三四五六七八噪音')).toBe(true);
  });

  it('counts the characters between the two, inclusive at the boundary', () => {
    expect(matches('噪音 NEAR/8 工地', text)).toBe(true);
    expect(matches('噪音 NEAR/7 工地', text)).toBe(false);
    expect(matches('工地 NEAR/7 噪音', text)).toBe(false);
    expect(matches('噪音 NEAR/0 工地', '噪音工地')).toBe(true);
    expect(matches('噪音 NEAR/0 工地', '噪音的工地')).toBe(false);
    // Overlapping occurrences are at distance 0.
    expect(matches('工地噪 NEAR/0 噪音', '工地噪音')).toBe(true);
  });

  it('uses any pair of occurrences', () => {
    const far = `噪音${'一'.repeat(50)}工地二噪音`;
    expect(matches('噪音 NEAR/1 工地', far)).toBe(true);
    expect(matches('噪音 NEAR/0 工地', far)).toBe(false);
  });

  it('needs both sides present', () => {
    expect(matches('噪音 NEAR/10 工地', '噪音很大')).toBe(false);
  });

  it('works on groups and chains', () => {
    expect(matches('(噪音 OR 扰民) NEAR/2 工地', '工地扰民')).toBe(true);
    expect(matches('(噪音 OR 扰民) NEAR/2 工地', `工地${'一'.repeat(9)}扰民`)).toBe(false);
    // c must be within 2 of the a…b stretch.
    expect(matches('a NEAR/2 b NEAR/2 c', 'a b c')).toBe(true);
    expect(matches('a NEAR/2 b NEAR/2 c', 'a b     c')).toBe(false);
  });
});

describe('Latin terms', () => {
  it('match case-insensitively, full-width too', () => {
    expect(matches('pm2.5', '今天PM2.5超标')).toBe(true);
    expect(matches('PM2.5', '今天ｐｍ２.５超标')).toBe(true);
    expect(matches('wifi', 'WiFi 断了')).toBe(true);
  });

  it('match only at word boundaries', () => {
    expect(matches('PM2.5', 'APM2.5')).toBe(false);
    expect(matches('PM2.5', 'PM2.55')).toBe(false);
    expect(matches('art', 'the party')).toBe(false);
    expect(matches('art', 'street art!')).toBe(true);
    expect(matches('5G', '15G流量')).toBe(false);
    expect(matches('5G', '没有5G信号')).toBe(true);
    expect(matches('5G信号', '没有5G信号')).toBe(true);
  });

  it('treat the regex characters of a term literally', () => {
    expect(matches('PM2.5', 'PM2x5')).toBe(false);
    expect(matches('"a+b (c)"', 'x a+b (c) y')).toBe(true);
  });
});

describe('matched terms', () => {
  it('reports the terms that made the rule match, with their positions', () => {
    const result = matchRule('(噪音 OR 扰民 OR 灰尘) 工地 NOT 演习', '工地噪音扰民，工地');
    expect(result.matched).toBe(true);
    expect(result.terms).toEqual(['工地', '噪音', '扰民']);
    expect(result.hits).toEqual([
      { term: '工地', start: 0, end: 2 },
      { term: '噪音', start: 2, end: 4 },
      { term: '扰民', start: 4, end: 6 },
      { term: '工地', start: 7, end: 9 },
    ]);
  });

  it('reports the rule’s spelling, positions in the original text', () => {
    const result = matchRule('"Air  Quality"', '今天ＡＩＲ quality 很差');
    expect(result.terms).toEqual(['Air Quality']);
    expect(result.hits).toEqual([{ term: 'Air Quality', start: 2, end: 13 }]);
  });

  it('reports for NEAR only the occurrences that are near', () => {
    const result = matchRule('噪音 NEAR/2 工地', `噪音${'一'.repeat(20)}工地噪音`);
    expect(result.hits).toEqual([
      { term: '工地', start: 22, end: 24 },
      { term: '噪音', start: 24, end: 26 },
    ]);
  });

  it('reports nothing when the rule does not match', () => {
    expect(matchRule('噪音 工地', '噪音')).toEqual({ matched: false, terms: [], hits: [] });
  });

  it('parses once and evaluates many texts', () => {
    const ast = parseRule('噪音 OR 扰民');
    expect(['噪音', '扰民', '安静'].map((t) => evaluate(ast, t).matched)).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('syntax errors', () => {
  const cases: [rule: string, position: number, length: number, message: string][] = [
    ['', 0, 0, '规则为空'],
    ['   ', 0, 0, '规则为空'],
    ['(噪音 OR 工地', 9, 0, '第 10 个字符处缺少右括号「)」（与第 1 个字符处的「(」配对）'],
    ['噪音 OR 工地)', 8, 1, '第 9 个字符处的右括号「)」没有对应的左括号「(」'],
    ['噪音 AND', 3, 3, '第 4 个字符处的「AND」后缺少关键词'],
    ['噪音 且 或 工地', 3, 1, '第 4 个字符处的「且」后缺少关键词'],
    ['OR 噪音', 0, 2, '第 1 个字符处的「OR」前缺少关键词'],
    ['噪音 NEAR 工地', 3, 4, '第 4 个字符处的「NEAR」后缺少距离，应写作 NEAR/10'],
    ['噪音 near/ 工地', 3, 5, '第 4 个字符处的「near」后缺少距离，应写作 near/10'],
    ['噪音 NEAR/x 工地', 3, 6, '第 4 个字符处的「NEAR」后缺少距离，应写作 NEAR/10'],
    ['噪音 "夜间 施工', 3, 6, '第 4 个字符处的引号没有闭合'],
    ['噪音 ""', 3, 2, '第 4 个字符处的引号内没有内容'],
    ['噪音 ()', 3, 2, '第 4 个字符处的括号内没有关键词'],
    ['噪音 (', 3, 1, '第 4 个字符处的「(」后缺少关键词'],
    ['(((', 2, 1, '第 3 个字符处的「(」后缺少关键词'],
    ['噪音 附近/ 工地', 3, 3, '第 4 个字符处的「附近」后缺少距离，应写作 附近10'],
    ['噪音 NEAR10 工地', 3, 6, '第 4 个字符处的「NEAR」后缺少距离，应写作 NEAR/10'],
    ['噪音 NOT', 3, 3, '第 4 个字符处的「NOT」后缺少关键词'],
    ['噪音 (工地 OR)', 7, 2, '第 8 个字符处的「OR」后缺少关键词'],
    [
      '噪音，工地',
      2,
      1,
      '第 3 个字符处的「，」不是运算符：同时出现请用空格或 AND（且），任一出现请用 OR（或）',
    ],
    ['NOT 广告', 0, 6, '规则不能只有排除条件（NOT / 非），至少要有一个必须出现的关键词'],
    ['噪音 OR -广告', 0, 9, '规则不能只有排除条件（NOT / 非），至少要有一个必须出现的关键词'],
    [
      '噪音 NEAR/5 NOT 工地',
      10,
      6,
      '第 11 个字符处：「NEAR/5」两边必须是要查找的关键词，不能是排除条件（NOT / 非）',
    ],
    ['噪音 NEAR/99999 工地', 3, 10, '第 4 个字符处的「NEAR/99999」距离太大（最多 10000 个字符）'],
    ['噪音 ”', 3, 1, '第 4 个字符处的引号「”」没有对应的左引号'],
  ];

  it.each(cases)('%j at %i (+%i): %s', (rule, position, length, message) => {
    const error = syntaxError(rule);
    expect(error).toBeInstanceOf(RuleSyntaxError);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.length).toBe(length);
    expect(error.position + error.length).toBeLessThanOrEqual(Math.max(rule.length, 1));
  });

  it('refuses deep nesting and very long rules with a position', () => {
    const deep = `${'('.repeat(60)}a${')'.repeat(60)}`;
    expect(syntaxError(deep).position).toBe(50);
    expect(syntaxError('噪音 '.repeat(1000)).position).toBe(2000);
  });

  it('throws from parseRule', () => {
    expect(() => parseRule('噪音 AND')).toThrow(RuleSyntaxError);
  });
});
