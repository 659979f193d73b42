import type { Kysely } from 'kysely';
import { containsPattern } from '../../db/like.js';
import { paginate, type PageResult } from '../../db/paginate.js';
import type { CaseStateColumn, DB } from '../../db/schema.js';
import { RATING_LABELS, type Rating } from '../cases/publish-reply.js';
import { DEFAULT_NICKNAME } from './post-message.js';
import type { BoardQuery, BoardStatus, PublicMessage } from './board.schemas.js';
import { maskContactsInText } from '../cases/mask-contact.js';

function publicMessages(db: Kysely<DB>) {
  return (
    db
      .selectFrom('board_messages as b')
      .innerJoin('posts as p', 'p.id', 'b.post_id')
      // A post may have an archived case and a later one: the latest speaks for the message.
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('cases')
            .select(['id', 'state', 'reply_text', 'published_at', 'lead_unit_id', 'rating'])
            .whereRef('cases.post_id', '=', 'p.id')
            .orderBy('cases.id', 'desc')
            .limit(1)
            .as('c'),
        (join) => join.onTrue(),
      )
      .leftJoin('units as u', 'u.id', 'c.lead_unit_id')
      .select([
        'b.post_id',
        'b.lookup_code',
        'b.created_at',
        'p.title',
        'p.body',
        'p.author',
        'c.id as case_id',
        'c.state',
        'c.rating',
        'c.reply_text',
        'c.published_at',
        'u.name as unit_name',
      ])
  );
}

type Row = {
  post_id: number;
  lookup_code: string;
  case_id: number | null;
  rating: string | null;
  created_at: Date;
  title: string | null;
  body: string;
  author: string | null;
  state: CaseStateColumn | null;
  reply_text: string | null;
  published_at: Date | null;
  unit_name: string | null;
};

function statusOf(row: Row): BoardStatus {
  switch (row.state) {
    // Not yet a case: staff have not registered (受理) it.
    case null:
      return 'submitted';
    case 'registered':
      return 'received';
    case 'assigned':
    case 'handling':
    case 'reviewing':
    case 'approved':
      return 'handling';
    case 'published':
      return 'replied';
    case 'closed':
      return 'closed';
    case 'archived':
      return row.published_at ? 'replied' : 'closed';
  }
}

const isRating = (value: string | null): value is Rating =>
  value !== null && Object.hasOwn(RATING_LABELS, value);

/**
 * Only what the public may read: no contact, no address, no handler beyond the unit, and the
 * phone, ID card and e-mail a citizen typed into the message itself masked (the form asks them not
 * to, but some do; staff who do not handle the case see the same text masked).
 */
function toPublic(row: Row, orgName: string | null, owner = false): PublicMessage {
  const status = statusOf(row);
  return {
    id: Number(row.post_id),
    // The query code is the citizen's own key (it rates the reply): only for who typed it.
    code: owner ? row.lookup_code : null,
    title: maskContactsInText(row.title ?? ''),
    body: maskContactsInText(row.body),
    nickname: row.author ?? DEFAULT_NICKNAME,
    postedAt: row.created_at.toISOString(),
    status,
    reply:
      status === 'replied' && row.reply_text && row.published_at
        ? {
            text: row.reply_text,
            unit: row.unit_name ?? `${orgName ?? ''}网络舆情工作小组`,
            at: row.published_at.toISOString(),
            rating: isRating(row.rating) ? row.rating : null,
            rateable: owner && row.state === 'published' && row.rating === null,
          }
        : null,
  };
}

export async function listPublicMessages(
  db: Kysely<DB>,
  query: BoardQuery,
  orgName: string | null,
): Promise<PageResult<PublicMessage>> {
  let q = publicMessages(db);
  const keyword = query.q?.trim();
  if (keyword) {
    const pattern = containsPattern(keyword);
    q = q.where((eb) => eb.or([eb('p.title', 'ilike', pattern), eb('p.body', 'ilike', pattern)]));
  }
  return paginate(q.orderBy('b.created_at', 'desc').orderBy('b.post_id', 'desc'), query, (r) =>
    toPublic(r, orgName),
  );
}

/** The case that speaks for a message now (the latest for its post), for the citizen's acts. */
export async function caseOfMessage(
  db: Kysely<DB>,
  code: string,
): Promise<{ caseId: number | null; state: CaseStateColumn | null } | undefined> {
  const row = await publicMessages(db).where('b.lookup_code', '=', code).executeTakeFirst();
  return row ? { caseId: row.case_id, state: row.state } : undefined;
}

export async function getPublicMessage(
  db: Kysely<DB>,
  code: string,
  orgName: string | null,
): Promise<PublicMessage | undefined> {
  const row = await publicMessages(db).where('b.lookup_code', '=', code).executeTakeFirst();
  return row ? toPublic(row, orgName, true) : undefined;
}

/** A message as anyone may read it, by its public number (the list's links): no query code. */
export async function getPublicMessageById(
  db: Kysely<DB>,
  id: number,
  orgName: string | null,
): Promise<PublicMessage | undefined> {
  const row = await publicMessages(db).where('b.post_id', '=', id).executeTakeFirst();
  return row ? toPublic(row, orgName) : undefined;
}
