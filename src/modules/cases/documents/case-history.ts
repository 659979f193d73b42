import type { Kysely } from 'kysely';
import type { DeadlinePolicy } from '../../../config.js';
import type { DB } from '../../../db/schema.js';
import { handlingDue, replyDue } from '../deadlines.js';
import { maskContactsInText } from '../mask-contact.js';
import { RATING_LABELS, type Rating } from '../publish-reply.js';
import type { CaseDetail } from '../cases.schemas.js';
import {
  deadlineStatus,
  judgeDeadline,
  listUnitDeadlines,
  type DeadlineStatus,
} from '../stats/unit-deadlines.js';

/**
 * One deadline of the case as an inspector checks it a year later: what it was, what it became
 * if an extension was granted, when the act that answers it came, and whether that was in time.
 */
export interface DeadlineRecord {
  kind: 'reply' | 'handling';
  /** The unit whose act answers a handling deadline (lead or co-unit); null for the public reply. */
  unitName: string | null;
  role: 'lead' | 'co' | null;
  /** The due time before any extension. */
  originalDueAt: Date;
  /** The due time a granted extension set; null when none was granted. */
  extendedDueAt: Date | null;
  /** The due time no later than which the act had to come (the extended one where granted). */
  dueAt: Date;
  doneAt: Date | null;
  /** judgeDeadline's verdict; 'none' when nothing was owed (closed without a public reply). */
  status: DeadlineStatus | 'none';
  /** Where the original due time had to be worked out again: the grant did not record it. */
  originalInferred: boolean;
}

export interface PublicationRecord {
  /** When the reply appeared on the site (as the monitor recorded it). */
  publishedAt: Date;
  /** When the publication was recorded in the system. */
  recordedAt: Date;
  url: string | null;
  publishedBy: string;
  /** The reply published: the last one approved before the publication was recorded. */
  replyText: string | null;
  replyRound: number | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export interface RatingRecord {
  rating: string;
  /** Masked like every other citizen text in an export. */
  note: string | null;
  at: Date;
  /** Who recorded it: a monitor copying it from the site, or the citizen on the board. */
  recordedBy: string;
  viaBoard: boolean;
  /** The rating handed the case back for another round (重新办理). */
  reopenedAt: Date | null;
  reopenedBy: string | null;
}

const isoDate = (value: unknown): Date | null =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;

const objectOf = (data: unknown): Record<string, unknown> =>
  data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};

/**
 * The note inside a rating's timeline comment, as ratingChanges (publish-reply.ts) writes it:
 * `网民评价：不满意（说明）`, followed by `，重新办理` when the rating reopened the case at once.
 */
function ratingNoteOf(comment: string | null, rating: string, reopened: boolean): string | null {
  if (!comment) return null;
  const label = RATING_LABELS[rating as Rating] ?? rating;
  let rest = comment.startsWith(`网民评价：${label}`)
    ? comment.slice(`网民评价：${label}`.length)
    : '';
  if (reopened && rest.endsWith('，重新办理')) rest = rest.slice(0, -'，重新办理'.length);
  return rest.startsWith('（') && rest.endsWith('）') ? rest.slice(1, -1) || null : null;
}

/**
 * The case's deadlines, every publication and every rating, from the case row and its timeline
 * (case_events). The verdicts are the ledgers' (unit-deadlines.ts): a unit's handling deadline is
 * met by the reply that counts there, the public reply deadline by the publication, as on the
 * case page and in the reports' on-time rate.
 */
export async function loadCaseHistory(
  db: Kysely<DB>,
  policy: DeadlinePolicy,
  detail: CaseDetail,
  now: Date,
): Promise<{
  deadlines: DeadlineRecord[];
  publications: PublicationRecord[];
  ratings: RatingRecord[];
}> {
  const events = await db
    .selectFrom('case_events')
    .select(['id', 'at', 'actor_name', 'action', 'comment', 'data'])
    .where('case_id', '=', detail.id)
    .where('action', 'in', ['extension.decide', 'publish', 'rate', 'reopen'])
    .orderBy('at')
    .orderBy('id')
    .execute();

  const grant = events
    .filter((e) => e.action === 'extension.decide' && objectOf(e.data).granted === true)
    .at(-1);
  const granted = detail.extension?.state === 'granted';
  const before = objectOf(grant?.data);

  const deadlines: DeadlineRecord[] = [];
  const replyBefore = isoDate(before.replyDueBefore);
  const replyDueAt = new Date(detail.replyDueAt);
  const replyOriginal = granted
    ? (replyBefore ?? replyDue(policy, new Date(detail.postedAt)))
    : replyDueAt;
  const publishedAt = detail.publishedAt ? new Date(detail.publishedAt) : null;
  const closedWithoutReply = !publishedAt && detail.closedReason !== null;
  deadlines.push({
    kind: 'reply',
    unitName: null,
    role: null,
    originalDueAt: replyOriginal,
    extendedDueAt: granted ? replyDueAt : null,
    dueAt: replyDueAt,
    doneAt: publishedAt,
    status: closedWithoutReply ? 'none' : judgeDeadline(replyDueAt, publishedAt, now),
    originalInferred: granted && !replyBefore,
  });

  const handlingBefore = isoDate(before.handlingDueBefore);
  // The lead unit first, as the slip and the 卷宗's other tables list the units.
  const units = (await listUnitDeadlines(db, { caseId: detail.id })).sort(
    (x, y) => (x.role === 'lead' ? 0 : 1) - (y.role === 'lead' ? 0 : 1),
  );
  for (const d of units) {
    const original = granted
      ? (handlingBefore ?? handlingDue(policy, d.assignedAt, detail.urgent))
      : d.dueAt;
    deadlines.push({
      kind: 'handling',
      unitName: d.unitName,
      role: d.role,
      originalDueAt: original,
      extendedDueAt: granted ? d.dueAt : null,
      dueAt: d.dueAt,
      doneAt: d.doneAt,
      status: deadlineStatus(d, now),
      originalInferred: granted && !handlingBefore,
    });
  }

  const approved = detail.replies.filter((r) => r.decision === 'approved' && r.decidedAt);
  const publications: PublicationRecord[] = events
    .filter((e) => e.action === 'publish')
    .map((e) => {
      const data = objectOf(e.data);
      const reply = approved
        .filter((r) => new Date(r.decidedAt ?? 0).getTime() <= e.at.getTime())
        .at(-1);
      return {
        publishedAt: isoDate(data.publishedAt) ?? e.at,
        recordedAt: e.at,
        url: typeof data.url === 'string' ? data.url : null,
        publishedBy: e.actor_name,
        replyText: reply?.text ?? null,
        replyRound: reply?.round ?? null,
        approvedBy: reply?.decidedBy ?? null,
        approvedAt: reply?.decidedAt ? new Date(reply.decidedAt) : null,
      };
    });

  const ratings: RatingRecord[] = [];
  for (const e of events) {
    if (e.action !== 'rate' && e.action !== 'reopen') continue;
    const data = objectOf(e.data);
    const rating = typeof data.rating === 'string' ? data.rating : '';
    // A rating recorded with 重新办理 is one act (`reopen`, comment 网民评价：…); staff reopening
    // after an earlier rating is another act on that rating, which it does not repeat.
    const isRating = e.action === 'rate' || (e.comment ?? '').startsWith('网民评价：');
    if (isRating) {
      const note = ratingNoteOf(e.comment, rating, e.action === 'reopen');
      ratings.push({
        rating,
        note: note ? maskContactsInText(note) : null,
        at: e.at,
        recordedBy: e.actor_name,
        viaBoard: data.via === 'board',
        reopenedAt: e.action === 'reopen' ? e.at : null,
        reopenedBy: e.action === 'reopen' ? e.actor_name : null,
      });
    } else {
      const last = ratings.at(-1);
      if (last && !last.reopenedAt) {
        last.reopenedAt = e.at;
        last.reopenedBy = e.actor_name;
      }
    }
  }
  return { deadlines, publications, ratings };
}
