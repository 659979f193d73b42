import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';

export const BOARD_SOURCE_NAME = '网络问政';
const ADDRESS_SECRET_KEY = 'board.address_secret';

/**
 * The board is a source like any other (its posts carry `source:<id>`), but it is never fetched:
 * citizens write to it. Made once, at bootstrap or on the first message, whichever comes first.
 */
export async function ensureBoardSource(
  db: Kysely<DB>,
  clock: Clock,
): Promise<{ id: number; name: string }> {
  const existing = await findBoardSource(db);
  if (existing) return existing;
  const now = clock.now();
  await db
    .insertInto('sources')
    .values({
      name: BOARD_SOURCE_NAME,
      kind: 'board',
      url: null,
      config: '{}',
      next_run_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const made = await findBoardSource(db);
  if (!made) throw new Error('the board source could not be made');
  return made;
}

async function findBoardSource(db: Kysely<DB>): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('sources')
    .select(['id', 'name'])
    .where('kind', '=', 'board')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The client address as a keyed hash: enough to count one address's messages, not to recover the
 * address. The key is made once and kept in the settings.
 */
export async function addressHash(db: Kysely<DB>, clock: Clock, ip: string): Promise<string> {
  const secret = await addressSecret(db, clock);
  return createHmac('sha256', secret).update(ip).digest('hex');
}

async function addressSecret(db: Kysely<DB>, clock: Clock): Promise<string> {
  const read = async () => {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', ADDRESS_SECRET_KEY)
      .executeTakeFirst();
    return typeof row?.value === 'string' ? row.value : null;
  };
  const stored = await read();
  if (stored) return stored;
  await db
    .insertInto('settings')
    .values({
      key: ADDRESS_SECRET_KEY,
      value: JSON.stringify(randomBytes(32).toString('hex')),
      updated_at: clock.now(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const made = await read();
  if (!made) throw new Error('the board address secret could not be made');
  return made;
}
