import { sql } from 'kysely';
import { localDate } from '../../../lib/calendar.js';
import type { AppContext } from '../../../server/context.js';
import { assertCan, type Actor } from '../../access/actor.js';
import { recordAudit } from '../../audit/record-audit.js';
import { periodOf } from '../stats/period.js';
import { findLateUnits } from './late-units.js';
import type { IssueNoticeInput, NoticeUnit } from './notices.schemas.js';
import { noticeNumber } from './notices.queries.js';

// Numbers run per year without gaps: one issuer at a time takes the next.
const NOTICE_LOCK = 7_120_040;

function periodText(from: string, to: string): string {
  const cn = (d: string) =>
    `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return from === to ? cn(from) : `${cn(from)}至${cn(to)}`;
}

/** What a notice for the period would name, before it is numbered: the issue dialog shows it. */
export async function previewNotice(
  ctx: AppContext,
  actor: Actor,
  input: IssueNoticeInput,
): Promise<NoticeUnit[]> {
  assertCan(actor, 'cases.urge');
  const now = ctx.clock.now();
  return findLateUnits(ctx.db, periodOf(input, now, ctx.config.deadlines.timeZone), now);
}

/**
 * 通报 by the office: names the units that let a due time within the period pass with neither
 * reply nor explanation, numbered per year (〔2026〕第3期), stored with its list and audited.
 */
export async function issueNotice({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: IssueNoticeInput;
}): Promise<{ id: number }> {
  assertCan(actor, 'cases.urge');
  const timeZone = ctx.config.deadlines.timeZone;
  const now = ctx.clock.now();
  const period = periodOf(input, now, timeZone);
  return ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${NOTICE_LOCK})`.execute(trx);
    const units = await findLateUnits(trx, period, now);
    const year = Number(localDate(now, timeZone).slice(0, 4));
    const last = await trx
      .selectFrom('notices')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('year', '=', year)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const title = `关于${periodText(period.from, period.to)}网络舆情办理超期情况的通报`;
    const { id } = await trx
      .insertInto('notices')
      .values({
        year,
        seq,
        title,
        period_from: period.start,
        period_to: period.end,
        items: JSON.stringify(units),
        created_by: actor.id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cases = units.reduce((n, u) => n + u.cases.length, 0);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'notice.issue',
      entityType: 'notice',
      entityId: id,
      summary: `发布通报 ${noticeNumber(year, seq)}：${title}，${units.length} 个单位、${cases} 件超期`,
      after: {
        year,
        seq,
        from: period.from,
        to: period.to,
        units: units.map((u) => ({ unitId: u.unitId, cases: u.cases.map((c) => c.caseId) })),
      },
    });
    return { id };
  });
}
