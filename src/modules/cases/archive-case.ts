import type { AppContext } from '../../server/context.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnCase } from './act-on-case.js';

/** 归档: the case file is complete; from now on it is read-only (no act starts from archived). */
export async function archiveCase({
  ctx,
  actor,
  id,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.archive');
  await actOnCase(ctx, actor, { caseId: id, action: 'archive', version }, ({ now }) => ({
    changes: { archived_at: now, archived_by: actor.id },
    comment: '卷宗归档',
  }));
}
