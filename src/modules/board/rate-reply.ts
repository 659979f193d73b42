import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { citizenActor } from '../access/actor.js';
import { actOnCase } from '../cases/act-on-case.js';
import { maskContactsInText } from '../cases/mask-contact.js';
import { ratingChanges } from '../cases/publish-reply.js';
import { BOARD_LIMITS, type RatingBody } from './board.schemas.js';
import { caseOfMessage } from './board.queries.js';
import { charCount, stripHtml } from './post-message.js';
import { consumeChallenge } from './proof-of-work.js';

const NOT_YET = '答复公开后才能评价，请稍后再来查看';

/** The note as the board keeps a message's text: markup stripped, then counted. */
export function cleanRatingNote(raw: string | undefined): string | undefined {
  const note = stripHtml(raw ?? '').replace(/\s+/g, ' ');
  const n = charCount(note);
  if (n > BOARD_LIMITS.ratingNote.max) {
    throw new AppError(
      'VALIDATION_FAILED',
      `评价说明不能超过 ${BOARD_LIMITS.ratingNote.max} 个字（现为 ${n} 个字）`,
    );
  }
  return note || undefined;
}

/**
 * The citizen with the lookup code rates the published reply on the board, once per reply. It is
 * the staff's `rate` act (same columns, timeline, audit) with the citizen as the actor. 不满意 does
 * not reopen the case: it tells the leaders, the office and the monitors, and staff decide (the
 * `reopen` act). The proof of work guards it as it guards a message: the code is printed on the
 * public list, so holding it proves little.
 */
export async function rateReply({
  ctx,
  code,
  input,
}: {
  ctx: AppContext;
  code: string;
  input: RatingBody;
}): Promise<void> {
  const note = cleanRatingNote(input.note);
  await consumeChallenge(ctx.db, ctx.clock.now(), input.challengeId, input.nonce);
  const found = await caseOfMessage(ctx.db, code);
  if (!found) throw notFound('该查询码对应的留言');
  if (found.caseId === null) throw new AppError('INVALID_TRANSITION', NOT_YET);
  switch (found.state) {
    case 'published':
      break;
    case 'archived':
      throw new AppError('INVALID_TRANSITION', '办件已归档，不能再评价');
    case 'closed':
      throw new AppError('INVALID_TRANSITION', '该留言已办结，没有可评价的答复');
    case null:
    case 'registered':
    case 'assigned':
    case 'handling':
    case 'reviewing':
    case 'approved':
      throw new AppError('INVALID_TRANSITION', NOT_YET);
  }
  const { rating } = input;
  await actOnCase(ctx, citizenActor(), { caseId: found.caseId, action: 'rate' }, ({ row, now }) => {
    const rated = ratingChanges(row, rating, note, now, '您已评价过本次答复，感谢您的反馈');
    return {
      changes: rated.changes,
      comment: rated.comment,
      data: { rating, reopen: false, via: 'board' },
      tell:
        rating === 'unsatisfied'
          ? [
              {
                kind: 'case.rated',
                // Monitors hold the reopen act; leaders and the office decide with them.
                to: { roles: ['leader', 'office', 'monitor'] },
                title: '网民对答复不满意',
                // The office and group robots see no contact details (DESIGN §7): masked.
                body: `网民在网络问政评价答复“不满意”${note ? `：${maskContactsInText(note)}` : '。'}请研究是否重新办理。`,
              },
            ]
          : [],
    };
  });
}
