/**
 * When the lead unit's written reply came, as the ledger and the 卷宗 count it: the first reply
 * that was not sent back (approved, or awaiting approval). A returned draft never stops the
 * handling clock; null while none counts.
 */
export function countedReplyAt(
  replies: readonly { round: number; submittedAt: string; decision: string | null }[],
): string | null {
  return (
    [...replies].sort((a, b) => a.round - b.round).find((r) => r.decision !== 'returned')
      ?.submittedAt ?? null
  );
}
