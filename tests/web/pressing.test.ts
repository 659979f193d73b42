import { describe, expect, it } from 'vitest';
import { pressingOrder } from '../../web/src/features/home/pressing-order.js';

const now = Date.parse('2026-11-28T02:00:00Z');

/** A case whose unit clock runs out in `h` hours; `own` marks the signed-in liaison's unit's slip. */
function entry(id: number, h: number, own: boolean) {
  return {
    item: { id, ...(own ? { myUnits: [{ unitId: 1, role: 'lead' }] } : {}) },
    clock: { dueAt: new Date(now + h * 3_600_000).toISOString() },
  };
}

const ids = (list: { item: { id: number } }[]) => list.map((e) => e.item.id);

describe('最紧迫 on the home page', () => {
  it('shows a leader the three cases due first', () => {
    expect(ids(pressingOrder([5, 1, 4, 2, 3].map((h) => entry(h, h, false))))).toEqual([1, 2, 3]);
  });

  it('shows a liaison every slip of their unit', () => {
    expect(ids(pressingOrder([5, 1, 4, 2, 3].map((h) => entry(h, h, true))))).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it('shows a liaison who also leads every own slip and only the three most pressing others', () => {
    const own = [entry(10, 30, true), entry(11, 2, true)];
    const others = [1, 3, 5, 7, 9].map((h) => entry(h, h, false));
    expect(ids(pressingOrder([...others, ...own]))).toEqual([1, 11, 3, 5, 10]);
  });
});
