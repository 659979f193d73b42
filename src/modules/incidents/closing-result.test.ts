import { describe, expect, it } from 'vitest';
import { closingResult } from './closing-result.js';
import { closingResult as inForm } from '../../../web/src/features/incidents/closing-result.js';

const DRAFT = [
  '关于「护栏损坏」舆情处置情况的报告',
  '',
  '七、研判结论：趋势平稳。',
  '八、处置结果：',
];

describe('closingResult', () => {
  it('is what is written under 处置结果, empty when nothing is', () => {
    const cases: [string, string][] = [
      [DRAFT.join('\n'), ''],
      [`${DRAFT.join('\n')}   \n\n  `, ''],
      [`${DRAFT.join('\n')}护栏已修复。`, '护栏已修复。'],
      [`${DRAFT.join('\n')}\n1. 护栏已修复。\n2. 已公开回复。`, '1. 护栏已修复。\n2. 已公开回复。'],
      // A heading after it ends the section.
      [`${DRAFT.join('\n')}\n九、下一步：继续跟踪。`, ''],
      ['八、处置结果: 已办结', '已办结'],
      // Written without the draft's headings: the whole report is its result.
      ['工地已停止夜间施工，处置结束。', '工地已停止夜间施工，处置结束。'],
    ];
    for (const [report, result] of cases) {
      expect(closingResult(report)).toBe(result);
      expect(inForm(report)).toBe(result);
    }
  });
});
