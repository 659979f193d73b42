import { sql } from 'kysely';
import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { actOnBrief } from './act-on-brief.js';
import { assertTransition } from './brief-status.js';

interface ActOpts {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
}

/** 提交审核: the author sends a draft (or a returned brief, edited) to the leaders. */
export async function sendForReview(opts: ActOpts): Promise<void> {
  const { ctx, actor } = opts;
  assertCan(actor, 'info.write');
  await actOnBrief(ctx, actor, opts, async ({ trx, row }) => {
    if (row.author_id !== actor.id) throw new AppError('FORBIDDEN', '只能提交自己撰写的信息');
    assertTransition(row.status, 'reviewing');
    await trx
      .updateTable('info_briefs')
      .set({ status: 'reviewing' })
      .where('id', '=', row.id)
      .execute();
    return {
      audit: { action: 'send-for-review', summary: `提交审核「${row.title}」` },
      value: undefined,
    };
  });
}

/** 审核: a leader approves, or returns it with what to change. */
export async function reviewBrief(
  opts: ActOpts & { decision: 'approve' | 'return'; comment?: string | undefined },
): Promise<void> {
  const { ctx, actor, decision } = opts;
  assertCan(actor, 'info.review');
  const comment = opts.comment?.trim() || null;
  if (decision === 'return' && !comment)
    throw new AppError('VALIDATION_FAILED', '退回时请填写意见');
  const to = decision === 'approve' ? 'approved' : 'returned';
  await actOnBrief(ctx, actor, opts, async ({ trx, row, now }) => {
    assertTransition(row.status, to);
    await trx
      .updateTable('info_briefs')
      .set({ status: to, reviewed_by: actor.id, reviewed_at: now, review_comment: comment })
      .where('id', '=', row.id)
      .execute();
    const verb = decision === 'approve' ? '审核通过' : '退回';
    return {
      audit: { action: decision, summary: `${verb}信息「${row.title}」`, after: { comment } },
      value: undefined,
    };
  });
}

/** 报送: an approved brief goes to the higher-level department; it gets the year's next 期号. */
export async function markSubmitted(opts: ActOpts & { submittedTo: string }): Promise<void> {
  const { ctx, actor } = opts;
  assertCan(actor, 'info.write');
  const submittedTo = opts.submittedTo.trim();
  if (!submittedTo) throw new AppError('VALIDATION_FAILED', '请填写报送单位');
  await actOnBrief(ctx, actor, opts, async ({ trx, row, now }) => {
    assertTransition(row.status, 'submitted');
    // The year of the deployment's time zone, as the ranking counts it.
    const year = formatDateTime(now).slice(0, 4);
    const tz = ctx.config.deadlines.timeZone;
    const last = await trx
      .selectFrom('info_briefs')
      .select((eb) => eb.fn.max('issue_no').as('n'))
      .where(sql<string>`to_char(submitted_at at time zone ${tz}, 'YYYY')`, '=', year)
      .executeTakeFirst();
    const issueNo = Number(last?.n ?? 0) + 1;
    await trx
      .updateTable('info_briefs')
      .set({ status: 'submitted', submitted_at: now, submitted_to: submittedTo, issue_no: issueNo })
      .where('id', '=', row.id)
      .execute();
    return {
      audit: {
        action: 'submit',
        summary: `报送信息「${row.title}」至${submittedTo}（第${issueNo}期）`,
        after: { submittedTo, issueNo },
      },
      value: undefined,
    };
  });
}

/** 采用 / 领导批示, recorded once the higher level has answered. */
export async function recordOutcome(
  opts: ActOpts & {
    input: {
      kind: 'adopted' | 'instruction';
      byWhom: string;
      level: string;
      note?: string | undefined;
    };
  },
): Promise<number> {
  const { ctx, actor, input } = opts;
  assertCan(actor, 'info.write');
  const byWhom = input.byWhom.trim();
  const level = input.level.trim();
  if (!byWhom) throw new AppError('VALIDATION_FAILED', '请填写采用单位或批示领导');
  if (!level) throw new AppError('VALIDATION_FAILED', '请填写级别');
  return actOnBrief(ctx, actor, opts, async ({ trx, row, now }) => {
    if (row.status !== 'submitted') {
      throw new AppError('INVALID_TRANSITION', '信息报送后才能登记采用或批示');
    }
    const { id } = await trx
      .insertInto('info_brief_outcomes')
      .values({
        brief_id: row.id,
        kind: input.kind,
        by_whom: byWhom,
        level,
        note: input.note?.trim() || null,
        recorded_by: actor.id,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const what = input.kind === 'adopted' ? '采用' : '领导批示';
    return {
      audit: {
        action: 'outcome',
        summary: `登记信息「${row.title}」${what}：${level} ${byWhom}`,
        after: { outcomeId: id, kind: input.kind, byWhom, level },
      },
      value: id,
    };
  });
}
