import type { MessageKey, Translate } from '../../app/i18n/i18n';
import type { CaseSummary, Clock } from '../cases/cases.api';
import { unitClock } from '../cases/unit-clock';
import type { TodoTab } from '../cases/todo/todo-tabs';
import { pressingOrder } from './pressing-order';

export interface Pressing {
  item: CaseSummary;
  /** The deadline the list is ordered by, and which it is (办理 or 回复). */
  clock: Clock;
  label: MessageKey;
  /** A liaison's list: the public reply's clock beside the unit's own, when it still runs. */
  replyClock: Clock | null;
}

const due = (p: { clock: Clock }) => Date.parse(p.clock.dueAt);

/**
 * 最紧迫 on the home page. A liaison (their list tells their own unit's part, myUnits) sees every
 * slip that waits for their unit, 待签收 ones too, by the unit's own due time: that is the
 * deadline the unit is held to (办理期限), while the public reply's comes first only because it
 * runs from the post. Those who see every unit's work see the three cases whose running deadline
 * ends first. Someone who is both sees all of their unit's slips and the three most pressing
 * others (pressingOrder).
 */
export function mostPressing(
  tabs: readonly TodoTab[],
  t: Translate,
  now: number = Date.now(),
): Pressing[] {
  const byCase = new Map<number, Pressing>();
  for (const tab of tabs)
    for (const item of tab.items) {
      if (byCase.has(item.id)) continue;
      if (item.myUnits) {
        const own = unitClock(item, t, now);
        if (own) {
          byCase.set(item.id, {
            item,
            clock: own,
            label: 'cases.handlingShort',
            replyClock: item.replyClock,
          });
          continue;
        }
      }
      const clocks: Omit<Pressing, 'item' | 'replyClock'>[] = [];
      if (item.handlingClock)
        clocks.push({ clock: item.handlingClock, label: 'cases.handlingShort' });
      if (item.replyClock) clocks.push({ clock: item.replyClock, label: 'cases.replyShort' });
      const first = clocks.sort((a, b) => due(a) - due(b))[0];
      if (first) byCase.set(item.id, { item, ...first, replyClock: null });
    }
  return pressingOrder([...byCase.values()]);
}
