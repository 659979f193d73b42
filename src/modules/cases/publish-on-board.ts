import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { systemActor } from '../access/actor.js';
import { actOnCase } from './act-on-case.js';

/** The board page of a message left on our own 网络问政: where its reply is published. */
export const boardMessagePath = (code: string) => `/board/m/${code}`;

/** The lookup code when the case's post was left on the board, else null. */
export async function boardCodeOf(
  db: Kysely<DB> | Transaction<DB>,
  caseId: number,
): Promise<string | null> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('board_messages as b', 'b.post_id', 'c.post_id')
    .select('b.lookup_code')
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  return row?.lookup_code ?? null;
}

/**
 * A reply to a message left on the board needs no one to copy it anywhere: once approved it is
 * published there at once, recorded as the monitor's publication would be (timeline, audit). If
 * the case has moved on meanwhile, it stays for the monitor to publish by hand.
 */
export async function publishOnBoard(ctx: AppContext, caseId: number): Promise<boolean> {
  const code = await boardCodeOf(ctx.db, caseId);
  if (code === null) return false;
  const url = boardMessagePath(code);
  try {
    await actOnCase(ctx, systemActor('网络问政'), { caseId, action: 'publish' }, ({ now }) => ({
      changes: {
        published_url: url,
        published_at: now,
        published_by: null,
        rating: null,
        rated_at: null,
        rating_note: null,
      },
      comment: `已在网络问政自动发布回复：${url}`,
      data: { url, publishedAt: now.toISOString(), board: true },
    }));
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
  return true;
}
