import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnCase, type ActResult } from './act-on-case.js';
import type { CaseRow } from './cases.queries.js';

export const DEFAULT_ACKNOWLEDGEMENT = '您的留言已收悉，我们将尽快核实办理并予以回复。';

/** 已收悉: the first, immediate answer to the citizen; it counts as the first response. */
export async function acknowledgeCase({
  ctx,
  actor,
  id,
  text,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  text?: string | undefined;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.publish');
  await actOnCase(ctx, actor, { caseId: id, action: 'acknowledge', version }, ({ row, now }) => {
    if (row.acknowledged_at) throw new AppError('INVALID_TRANSITION', '已告知网民留言已收悉');
    const message = text?.trim() || DEFAULT_ACKNOWLEDGEMENT;
    return { changes: { acknowledged_at: now, acknowledgement: message }, comment: message };
  });
}

/** The monitor records where and when the approved reply was published on the original site. */
export async function publishReply({
  ctx,
  actor,
  id,
  url,
  publishedAt,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  url: string;
  publishedAt?: Date | undefined;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.publish');
  await actOnCase(ctx, actor, { caseId: id, action: 'publish', version }, ({ row, now }) => {
    const at = publishedAt ?? now;
    if (at.getTime() > now.getTime() + 5 * 60_000)
      throw new AppError('VALIDATION_FAILED', '发布时间不能晚于当前时间');
    if (row.approved_at && at.getTime() < row.approved_at.getTime() - 5 * 60_000) {
      throw new AppError('VALIDATION_FAILED', '发布时间不能早于回复审定时间');
    }
    return {
      changes: {
        published_url: url,
        published_at: at,
        published_by: actor.id,
        rating: null,
        rated_at: null,
        rating_note: null,
      },
      comment: `已在原平台发布回复：${url}`,
      data: { url, publishedAt: at.toISOString() },
    };
  });
}

type CaseChanges = NonNullable<ActResult['changes']>;

export const RATING_LABELS = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
} as const;
export type Rating = keyof typeof RATING_LABELS;

/**
 * What recording a rating writes on the case, whoever records it (a monitor copying it from the
 * original site, or the citizen on the board): one rating per published reply, cleared when the
 * next reply is published.
 */
export function ratingChanges(
  row: CaseRow,
  rating: Rating,
  note: string | undefined,
  now: Date,
  alreadyRated = '本次回复已记录评价',
): { changes: CaseChanges; comment: string } {
  if (row.rating !== null) throw new AppError('INVALID_TRANSITION', alreadyRated);
  const text = note?.trim() || null;
  return {
    changes: { rating, rated_at: now, rating_note: text },
    comment: `网民评价：${RATING_LABELS[rating]}${text ? `（${text}）` : ''}`,
  };
}

/** Another round of handling: the reply goes back to the lead unit, which hears why. */
function reopenChanges(
  row: CaseRow,
  note: string | undefined,
): { changes: CaseChanges; tell: NonNullable<ActResult['tell']> } {
  return {
    changes: {
      reopen_count: row.reopen_count + 1,
      approved_at: null,
      approved_by: null,
      replied_at: null,
    },
    tell: row.lead_unit_id
      ? [
          {
            kind: 'case.rated',
            to: { unitIds: [row.lead_unit_id] },
            title: '网民不满意，重新办理',
            body: note?.trim() || '网民对回复不满意，请重新核实办理后再次提交回复。',
          },
        ]
      : [],
  };
}

/** The citizen's rating as staff record it; 不满意 may reopen the case at once. */
export async function rateCase({
  ctx,
  actor,
  id,
  rating,
  note,
  reopen,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  rating: Rating;
  note?: string | undefined;
  reopen?: boolean | undefined;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.publish');
  if (reopen && rating !== 'unsatisfied') {
    throw new AppError('VALIDATION_FAILED', '只有“不满意”的评价可以重新办理');
  }
  const action = reopen ? 'reopen' : 'rate';
  await actOnCase(ctx, actor, { caseId: id, action, version }, ({ row, now }) => {
    const rated = ratingChanges(row, rating, note, now);
    const again = reopen ? reopenChanges(row, note) : { changes: {}, tell: [] };
    return {
      changes: { ...rated.changes, ...again.changes },
      comment: `${rated.comment}${reopen ? '，重新办理' : ''}`,
      data: { rating, reopen: reopen ?? false },
      tell: again.tell,
    };
  });
}

/**
 * Staff decide to hand a reply the citizen rated 不满意 (on the board, or recorded earlier without
 * reopening) back to the lead unit; the rating stays on record until the next reply is published.
 */
export async function reopenCase({
  ctx,
  actor,
  id,
  comment,
  version,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  comment?: string | undefined;
  version?: number | undefined;
}): Promise<void> {
  assertCan(actor, 'cases.publish');
  await actOnCase(ctx, actor, { caseId: id, action: 'reopen', version }, ({ row }) => {
    if (row.rating !== 'unsatisfied') {
      throw new AppError('INVALID_TRANSITION', '只有网民评价为“不满意”的答复可以重新办理');
    }
    const text = comment?.trim() || undefined;
    const again = reopenChanges(row, text ?? row.rating_note ?? undefined);
    return {
      changes: again.changes,
      comment: `网民不满意，重新办理${text ? `：${text}` : ''}`,
      data: { rating: row.rating, reopen: true },
      tell: again.tell,
    };
  });
}
