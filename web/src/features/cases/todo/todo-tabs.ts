import type { Permission } from '../../../app/types';
import type { MessageKey } from '../../../app/i18n/i18n';
import { listCases } from '../cases.api';
import type { CaseState, CaseSummary } from '../cases.api';

/** How many cases one tab lists; the case list has the rest. */
export const TODO_LIMIT = 100;

export type TodoKey =
  | 'sign'
  | 'reply'
  | 'returned'
  | 'assign'
  | 'review'
  | 'extension'
  | 'publish'
  | 'overdue'
  | 'archive';

export interface TodoTabDef {
  key: TodoKey;
  label: MessageKey;
  hint: MessageKey;
  /** The list states the tab is computed from. */
  states: CaseState[];
}

const TABS: Record<TodoKey, TodoTabDef> = {
  // A co-unit signs and contributes while the lead goes on: its slip may wait in any open state.
  sign: {
    key: 'sign',
    label: 'todo.sign',
    hint: 'todo.signHint',
    states: ['assigned', 'handling', 'reviewing', 'approved'],
  },
  reply: {
    key: 'reply',
    label: 'todo.reply',
    hint: 'todo.replyHint',
    states: ['assigned', 'handling'],
  },
  returned: {
    key: 'returned',
    label: 'todo.returned',
    hint: 'todo.returnedHint',
    states: ['handling'],
  },
  assign: { key: 'assign', label: 'todo.assign', hint: 'todo.assignHint', states: ['registered'] },
  review: { key: 'review', label: 'todo.review', hint: 'todo.reviewHint', states: ['reviewing'] },
  extension: {
    key: 'extension',
    label: 'todo.extension',
    hint: 'todo.extensionHint',
    states: ['assigned', 'handling', 'reviewing'],
  },
  publish: {
    key: 'publish',
    label: 'todo.publish',
    hint: 'todo.publishHint',
    states: ['approved'],
  },
  overdue: {
    key: 'overdue',
    label: 'todo.overdue',
    hint: 'todo.overdueHint',
    states: ['assigned', 'handling', 'reviewing'],
  },
  archive: {
    key: 'archive',
    label: 'todo.archive',
    hint: 'todo.archiveHint',
    states: ['published', 'closed'],
  },
};

/**
 * What a case asks of the signed-in liaison's own unit (myUnits, on a liaison's list): 待签收 until
 * it signs, whatever its role; then the lead owes the written reply while the case is handled,
 * a co-unit its contribution. Without myUnits (those who see every unit's work) the case's state
 * says it: 待签收 while assigned, 待回复 while handled.
 */
const owes = (c: CaseSummary, what: 'sign' | 'reply' | 'returned'): boolean => {
  if (!c.myUnits) {
    return what === 'sign' ? c.state === 'assigned' : c.state === 'handling';
  }
  return c.myUnits.some((u) => {
    if (what === 'sign') return u.signedAt === null;
    if (u.signedAt === null) return false;
    if (u.role === 'co') return what === 'reply' && u.contributedAt === null;
    return c.state === 'handling' || (what === 'reply' && c.state === 'assigned');
  });
};

const overdue = (c: CaseSummary) =>
  c.handlingClock?.level === 'overdue' || c.replyClock?.level === 'overdue';

/**
 * A unit's work in the order it falls due: by the slip's 办理期限, the time the unit is held to
 * (the list comes newest first); a case without one by its public reply's due time.
 */
const byUnitDue = (items: CaseSummary[]): CaseSummary[] => {
  const due = (c: CaseSummary) => Date.parse(c.handlingDueAt ?? c.replyDueAt);
  return [...items].sort((a, b) => due(a) - due(b) || a.id - b.id);
};

/**
 * Whether this user has a 我的待办 at all: only those who act on cases or mark posts (研判) do.
 * A viewer (and an admin, who sets the system up) has no work waiting in the workflow; a list of
 * every unit's 待签收 under a hint about 本单位 would only mislead them.
 */
export function hasTodo(has: (p: Permission) => boolean): boolean {
  return (
    has('posts.review') ||
    has('cases.decide') ||
    has('cases.handle') ||
    has('cases.publish') ||
    has('cases.urge') ||
    has('cases.archive')
  );
}

/**
 * The tabs for this user: a liaison's three (待签收, 待回复, 被退回), a leader's (待批办, 待审定,
 * 延期待批), a monitor's (待发布), the office's (超期待催办, 待归档); none without hasTodo.
 */
export function todoTabs(has: (p: Permission) => boolean): TodoTabDef[] {
  const keys: TodoKey[] = [];
  if (has('cases.handle')) keys.push('sign', 'reply', 'returned');
  if (has('cases.decide')) keys.push('assign', 'review', 'extension');
  if (has('cases.publish')) keys.push('publish');
  if (has('cases.urge')) keys.push('overdue');
  if (has('cases.archive')) keys.push('archive');
  return keys.map((key) => TABS[key]);
}

export interface TodoTab {
  def: TodoTabDef;
  items: CaseSummary[];
  /** More cases matched than are listed here. */
  truncated: boolean;
}

/**
 * Computed from the case list: one request per state. The list tells each case's decision on its
 * latest reply, so 被退回 needs no case detail (a liaison's 工作台 used to fetch up to 30).
 */
export async function loadTodo(
  tabs: TodoTabDef[],
  signal: AbortSignal,
): Promise<{ tabs: TodoTab[]; returned: Set<number> }> {
  const states = [...new Set(tabs.flatMap((tab) => tab.states))];
  const pages = await Promise.all(
    states.map((state) => listCases({ state, pageSize: TODO_LIMIT }, signal)),
  );
  const byState = new Map(states.map((state, i) => [state, pages[i]]));
  const of = (state: CaseState) => byState.get(state) ?? { items: [], total: 0 };

  const handling = of('handling');
  const returned = new Set(
    tabs.some((tab) => tab.key === 'returned')
      ? handling.items.filter((c) => c.lastDecision === 'returned').map((c) => c.id)
      : [],
  );
  const returnedTruncated = handling.total > handling.items.length;

  const result = tabs.map((def): TodoTab => {
    switch (def.key) {
      case 'extension':
      case 'overdue':
      case 'archive': {
        const all = def.states.flatMap((state) => of(state).items);
        const items =
          def.key === 'extension'
            ? all.filter((c) => c.extensionState === 'requested')
            : def.key === 'overdue'
              ? all.filter(overdue)
              : all;
        return {
          def,
          items,
          truncated: def.states.some((state) => of(state).total > of(state).items.length),
        };
      }
      case 'returned': {
        return {
          def,
          items: byUnitDue(handling.items.filter((c) => returned.has(c.id) && owes(c, 'returned'))),
          truncated: returnedTruncated,
        };
      }
      case 'sign':
      case 'reply': {
        const items = byUnitDue(
          def.states
            .flatMap((state) => of(state).items)
            .filter((c) => owes(c, def.key as 'sign' | 'reply')),
        );
        return {
          def,
          items,
          truncated: def.states.some((state) => of(state).total > of(state).items.length),
        };
      }
      case 'assign':
      case 'review':
      case 'publish': {
        const page = of(def.states[0] ?? 'registered');
        return { def, items: page.items, truncated: page.total > page.items.length };
      }
    }
  });
  return { tabs: result, returned };
}
