import { AppError } from '../../server/errors.js';

export const CASE_STATES = [
  'registered',
  'assigned',
  'handling',
  'reviewing',
  'approved',
  'published',
  'closed',
  'archived',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const STATE_LABELS: Record<CaseState, string> = {
  registered: '已受理',
  assigned: '已批办',
  handling: '办理中',
  reviewing: '待审定',
  approved: '待发布',
  published: '已回复',
  closed: '已办结',
  archived: '已归档',
};

/** States in which the public reply is still owed: its clock runs. */
export const OPEN_STATES: readonly CaseState[] = [
  'registered',
  'assigned',
  'handling',
  'reviewing',
  'approved',
];

/**
 * Every act on a case and the states it may start from. `to` is the state it leads to, or null
 * when the act is recorded on the case without moving it (a co-unit signing, an extension).
 */
export const CASE_ACTIONS = {
  acknowledge: { from: ['registered', 'assigned', 'handling', 'reviewing', 'approved'], to: null },
  assign: { from: ['registered'], to: 'assigned' },
  close: { from: ['registered'], to: 'closed' },
  sign: { from: ['assigned', 'handling', 'reviewing', 'approved'], to: null },
  start: { from: ['assigned'], to: 'handling' },
  contribute: { from: ['assigned', 'handling'], to: null },
  reply: { from: ['handling'], to: 'reviewing' },
  'extension.request': { from: ['assigned', 'handling'], to: null },
  // The lead unit sends a slip that is not its business back, before any written reply.
  'return-slip': { from: ['assigned', 'handling'], to: 'registered' },
  // A leader takes a slip back (wrong unit, wrong instruction), also before any written reply.
  'withdraw-slip': { from: ['assigned', 'handling'], to: 'registered' },
  // A co-unit leaves the slip (not its business), before its input and the written reply.
  'decline-co': { from: ['assigned', 'handling'], to: null },
  'extension.decide': { from: ['assigned', 'handling', 'reviewing'], to: null },
  approve: { from: ['reviewing'], to: 'approved' },
  return: { from: ['reviewing'], to: 'handling' },
  publish: { from: ['approved'], to: 'published' },
  rate: { from: ['published'], to: null },
  reopen: { from: ['published'], to: 'handling' },
  // Only while units owe their part: once the reply is in, the leader (审定) or the monitor (发布)
  // holds the case, and urging a unit would only count against one that has done its work.
  urge: { from: ['assigned', 'handling'], to: null },
  attach: {
    from: ['registered', 'assigned', 'handling', 'reviewing', 'approved', 'published', 'closed'],
    to: null,
  },
  archive: { from: ['published', 'closed'], to: 'archived' },
} as const satisfies Record<string, { from: readonly CaseState[]; to: CaseState | null }>;

export type CaseAction = keyof typeof CASE_ACTIONS;

export const ACTION_LABELS: Record<CaseAction, string> = {
  acknowledge: '告知已收悉',
  assign: '批办',
  close: '不予回复办结',
  sign: '签收',
  start: '开始办理',
  contribute: '提交协办意见',
  reply: '提交书面回复',
  'extension.request': '申请延期',
  'return-slip': '退回（非本单位职责）',
  'withdraw-slip': '收回抄告单',
  'decline-co': '退出协办',
  'extension.decide': '审批延期',
  approve: '审定通过',
  return: '退回修改',
  publish: '发布回复',
  rate: '记录评价',
  reopen: '重新办理',
  urge: '催办',
  attach: '上传附件',
  archive: '归档',
};

/** Timeline labels: every act, plus registration, which creates the case rather than moving it. */
export const EVENT_LABELS: Record<string, string> = {
  register: '受理登记',
  'deadline.holidays': '期限随节假日顺延',
  'import-ledger': '历史台账导入',
  ...ACTION_LABELS,
};

export function canTransition(state: CaseState, action: CaseAction): boolean {
  return (CASE_ACTIONS[action].from as readonly CaseState[]).includes(state);
}

/** The state after `action`, or a 409 saying in Chinese why the case is not in a state for it. */
export function assertTransition(state: CaseState, action: CaseAction): CaseState {
  if (!canTransition(state, action)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `办件当前状态为「${STATE_LABELS[state]}」，不能${ACTION_LABELS[action]}；请刷新页面查看最新状态`,
    );
  }
  return CASE_ACTIONS[action].to ?? state;
}
