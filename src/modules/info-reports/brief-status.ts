import type { BriefStatus } from '../../db/schema-info-reports.js';
import { AppError } from '../../server/errors.js';

export const BRIEF_STATUS_NAMES: Record<BriefStatus, string> = {
  draft: '草稿',
  reviewing: '待审核',
  approved: '已审核',
  submitted: '已报送',
  returned: '已退回',
};

/** Which act leads from which status: a returned brief is edited and sent for review again. */
const TRANSITIONS: Record<BriefStatus, readonly BriefStatus[]> = {
  draft: ['reviewing'],
  returned: ['reviewing'],
  reviewing: ['approved', 'returned'],
  approved: ['submitted'],
  submitted: [],
};

export function assertTransition(from: BriefStatus, to: BriefStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `信息当前为「${BRIEF_STATUS_NAMES[from]}」，不能改为「${BRIEF_STATUS_NAMES[to]}」`,
    );
  }
}

export function isEditable(status: BriefStatus): boolean {
  return status === 'draft' || status === 'returned';
}
