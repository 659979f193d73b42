import type { Translate } from '../../app/i18n/i18n';
import type { CaseSummary, Clock, DeadlineLevel } from './cases.api';
import { remainingText } from './DeadlineTag';

const HOUR = 3_600_000;

/** The server's colour bands (deadlineLevel in src/lib/calendar.ts). */
function levelOf(dueAt: string, now: number): DeadlineLevel {
  const left = Date.parse(dueAt) - now;
  if (left < 0) return 'overdue';
  if (left < 2 * HOUR) return 'red';
  if (left < 24 * HOUR) return 'amber';
  return 'green';
}

/**
 * The unit's own due time (办理期限 on the slip). The server runs that clock only while the case is
 * assigned or handled, but a co-unit still signs and gives its input while the lead unit's reply
 * is reviewed: its slip is due at the same time then, so the clock is made here from the due time.
 */
export function unitClock(item: CaseSummary, t: Translate, now: number = Date.now()): Clock | null {
  if (item.handlingClock) return item.handlingClock;
  if (!item.handlingDueAt) return null;
  return {
    dueAt: item.handlingDueAt,
    level: levelOf(item.handlingDueAt, now),
    text: remainingText(t, item.handlingDueAt, now),
  };
}
