/** How many cases 最紧迫 lists for those who see every unit's work (a leader, the office). */
export const PRESSING = 3;

interface Entry {
  item: { id: number; myUnits?: unknown };
  clock: { dueAt: string };
}

/**
 * The order and choice of 最紧迫: due time first. The signed-in liaison's own unit's slips (those
 * with myUnits) are all kept; of the others, only the PRESSING due first, so someone who is both a
 * unit's liaison and a leader is not shown every case in the township.
 */
export function pressingOrder<T extends Entry>(entries: readonly T[]): T[] {
  const due = (e: T) => Date.parse(e.clock.dueAt);
  const sorted = [...entries].sort((a, b) => due(a) - due(b) || a.item.id - b.item.id);
  const others = new Set(sorted.filter((e) => !e.item.myUnits).slice(0, PRESSING));
  return sorted.filter((e) => e.item.myUnits || others.has(e));
}
