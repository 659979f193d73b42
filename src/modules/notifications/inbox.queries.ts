import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { paginate, type PageResult } from '../../db/paginate.js';
import type { InboxItem, InboxQuery } from './notifications.schemas.js';

const COLUMNS = [
  'id',
  'kind',
  'title',
  'body',
  'link',
  'case_id',
  'created_at',
  'read_at',
] as const;

export function toInboxItem(r: {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  case_id: number | null;
  created_at: Date;
  read_at: Date | null;
}): InboxItem {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    caseId: r.case_id,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}

/** One user's inbox: unread first, newest first within each. */
export async function listInbox(
  db: Kysely<DB>,
  userId: number,
  query: InboxQuery,
): Promise<PageResult<InboxItem>> {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (query.unread === true) q = q.where('read_at', 'is', null);
  if (query.unread === false) q = q.where('read_at', 'is not', null);
  return paginate(
    q
      .select(COLUMNS)
      .orderBy(sql`read_at is not null`)
      // By time, not id: a message may carry the time of what it tells (the demo township's do).
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc'),
    query,
    toInboxItem,
  );
}

export async function getInboxItem(
  db: Kysely<DB>,
  userId: number,
  id: number,
): Promise<InboxItem | undefined> {
  const row = await db
    .selectFrom('notifications')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? toInboxItem(row) : undefined;
}

export async function countUnread(db: Kysely<DB>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
