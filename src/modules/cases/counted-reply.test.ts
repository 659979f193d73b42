import { describe, expect, it } from 'vitest';
import { countedReplyAt } from '../../../web/src/features/cases/case/counted-reply.js';

const reply = (round: number, decision: string | null) => ({
  round,
  submittedAt: `2026-11-2${round}T02:00:00.000Z`,
  decision,
});

describe('countedReplyAt (the case page stops the handling clock as the ledger counts)', () => {
  it('skips a draft that was sent back', () => {
    expect(countedReplyAt([reply(2, 'approved'), reply(1, 'returned')])).toBe(
      '2026-11-22T02:00:00.000Z',
    );
    expect(countedReplyAt([reply(1, 'returned'), reply(2, null)])).toBe('2026-11-22T02:00:00.000Z');
  });

  it('takes the first reply that was not sent back, and none when all were', () => {
    expect(countedReplyAt([reply(1, 'approved'), reply(2, 'approved')])).toBe(
      '2026-11-21T02:00:00.000Z',
    );
    expect(countedReplyAt([reply(1, 'returned')])).toBeNull();
    expect(countedReplyAt([])).toBeNull();
  });
});
