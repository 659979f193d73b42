import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';

/** How long a challenge may be answered: time enough to write a message on a phone. */
export const CHALLENGE_MINUTES = 10;

/** Leading zero bits of a digest: the proof of work is a nonce whose digest has enough of them. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** sha256(`${challengeId}:${nonce}`) has at least `difficulty` leading zero bits. */
export function solves(challengeId: string, nonce: string, difficulty: number): boolean {
  const digest = createHash('sha256').update(`${challengeId}:${nonce}`).digest();
  return leadingZeroBits(digest) >= difficulty;
}

/** What tests and the CLI use to answer a challenge as the browser does. */
export function solve(challengeId: string, difficulty: number): string {
  for (let n = 0; ; n++) if (solves(challengeId, String(n), difficulty)) return String(n);
}

export interface Challenge {
  id: string;
  difficulty: number;
  expiresAt: Date;
}

export async function issueChallenge(ctx: AppContext): Promise<Challenge> {
  const now = ctx.clock.now();
  const challenge = {
    id: randomBytes(16).toString('base64url'),
    difficulty: ctx.config.board.powBits,
    expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
  };
  await ctx.db
    .insertInto('board_challenges')
    .values({
      id: challenge.id,
      difficulty: challenge.difficulty,
      issued_at: now,
      expires_at: challenge.expiresAt,
      used_at: null,
    })
    .execute();
  return challenge;
}

const again = '，请重新提交';

/**
 * Checks the answer and marks the challenge used in one statement, so that of two requests with
 * the same answer only one gets through.
 */
export async function consumeChallenge(
  db: Kysely<DB>,
  now: Date,
  challengeId: string,
  nonce: string,
): Promise<void> {
  const row = await db
    .selectFrom('board_challenges')
    .select(['difficulty', 'expires_at', 'used_at'])
    .where('id', '=', challengeId)
    .executeTakeFirst();
  if (!row) throw new AppError('VALIDATION_FAILED', `安全验证无效${again}`);
  if (row.used_at !== null) throw new AppError('CONFLICT', `安全验证已使用过${again}`);
  if (row.expires_at.getTime() <= now.getTime()) {
    throw new AppError('VALIDATION_FAILED', `安全验证已过期${again}`);
  }
  if (!solves(challengeId, nonce, row.difficulty)) {
    throw new AppError('VALIDATION_FAILED', `安全验证未通过${again}`);
  }
  const used = await db
    .updateTable('board_challenges')
    .set({ used_at: now })
    .where('id', '=', challengeId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (used.numUpdatedRows === 0n) throw new AppError('CONFLICT', `安全验证已使用过${again}`);
}

/** Challenges past their expiry are of no further use; used ones go with them. */
export async function purgeChallenges(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('board_challenges')
    .where('expires_at', '<', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
