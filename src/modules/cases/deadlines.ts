import type { DeadlinePolicy } from '../../config.js';
import { addDays } from '../../lib/calendar.js';

/** A unit's written reply is due N days after the slip: 3 normally, 2 when urgent (settings). */
export function handlingDue(policy: DeadlinePolicy, slipAt: Date, urgent: boolean): Date {
  const days = urgent ? policy.urgentHandlingDays : policy.handlingDays;
  return addDays(slipAt, days, policy.counting, policy.timeZone, policy.holidays);
}

/** The public reply is due N days after the citizen posted (3 by default). */
export function replyDue(policy: DeadlinePolicy, postedAt: Date): Date {
  return addDays(postedAt, policy.replyDays, policy.counting, policy.timeZone, policy.holidays);
}

/** No extension reaches beyond this: 5 days after the post by default. */
export function latestReplyDue(policy: DeadlinePolicy, postedAt: Date): Date {
  return addDays(postedAt, policy.maxReplyDays, policy.counting, policy.timeZone, policy.holidays);
}

/**
 * A unit may ask for more time only while its own (handling) due time has not passed: asked
 * later, a granted extension would turn a slip already missed into one kept. After it, the unit
 * submits the reply, or explains the delay to the leader.
 */
export function extensionStillOpen(handlingDueAt: Date | null, now: Date): boolean {
  return handlingDueAt !== null && now.getTime() <= handlingDueAt.getTime();
}
