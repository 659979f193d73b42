import type { Transaction } from 'kysely';
import type { InfoBriefsTable } from '../../db/schema-info-reports.js';
import type { DB } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import type { ActionsUnder } from '../audit/action-names.js';
import { recordAudit } from '../audit/record-audit.js';

export type BriefRow = Selectable<InfoBriefsTable>;

/**
 * Runs one act on a brief in one transaction: locks the row, refuses a stale version, lets the
 * act change it, bumps the version and writes the audit row beside the change.
 */
export async function actOnBrief<T>(
  ctx: AppContext,
  actor: Actor,
  opts: { id: number; version?: number | undefined },
  act: (a: { trx: Transaction<DB>; row: BriefRow; now: Date }) => Promise<{
    audit: { action: ActionsUnder<'info'>; summary: string; after?: unknown };
    value: T;
  }>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('info_briefs')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('信息');
    if (opts.version !== undefined && opts.version !== row.version) {
      throw new AppError('CONFLICT', '该信息已被他人修改，请刷新后重试');
    }
    const now = ctx.clock.now();
    const { audit, value } = await act({ trx, row, now });
    await trx
      .updateTable('info_briefs')
      .set({ version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: `info.${audit.action}`,
      entityType: 'info_brief',
      entityId: row.id,
      summary: audit.summary,
      before: { status: row.status, version: row.version },
      after: audit.after ?? null,
    });
    return value;
  });
}
