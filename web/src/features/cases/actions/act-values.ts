import type { Dayjs } from 'dayjs';
import type { Me } from '../../../app/types';
import { actOnCase } from '../cases.api';
import type { ActBodies, CaseDetail, CaseUnit, FormAct, Rating } from '../cases.api';
import { fromWall, wallNow } from '../../../app/wall-time';

/** The acts that undo or refuse something, drawn red: their button and their dialog's. */
export const DANGER_ACTS: ReadonlySet<FormAct> = new Set([
  'close',
  'return',
  'return-slip',
  'withdraw-slip',
  'decline-co',
]);

/** The fields of every act's form; each act uses a few of them. */
export interface ActValues {
  text?: string;
  instruction?: string;
  leadUnitId?: number;
  coUnitIds?: number[];
  urgent?: boolean;
  /** 限时反馈 of an urgent slip, in hours; none: the rule's days. */
  withinHours?: number;
  reason?: string;
  until?: Dayjs;
  granted?: boolean;
  comment?: string;
  url?: string;
  publishedAt?: Dayjs;
  rating?: Rating;
  note?: string;
  reopen?: boolean;
  unitId?: number;
}

/**
 * The first answer to the citizen, in the words the server would use; it is published to the
 * citizen in Chinese whatever the UI's language (i18n-allow).
 */
export const DEFAULT_ACKNOWLEDGEMENT = '您的留言已收悉，我们将尽快核实办理并予以回复。';

/**
 * The case's unit the signed-in user acts for: one the server marks `mine`, their own unit first.
 * When none matches the server decides (it knows every unit the user is liaison of).
 */
export function myUnit(
  detail: CaseDetail,
  me: Me,
  match: (unit: CaseUnit) => boolean,
): CaseUnit | undefined {
  // `mine` covers the units a liaison serves besides their own; their own unit first.
  const mine = detail.units.filter((unit) => unit.mine && match(unit));
  return mine.find((unit) => unit.unitId === me.unitId) ?? mine[0];
}

/**
 * A unit that still owes its part of a slip being handled (urge is only offered then): the lead
 * unit its reply, a co-unit its contribution. The server refuses to urge any other.
 */
export const owesPart = (unit: CaseUnit) => unit.role === 'lead' || unit.contributedAt === null;

export const latestReply = (detail: CaseDetail) =>
  detail.replies.reduce<CaseDetail['replies'][number] | undefined>(
    (latest, reply) => (!latest || reply.round > latest.round ? reply : latest),
    undefined,
  );

export function initialValues(act: FormAct, detail: CaseDetail): ActValues {
  switch (act) {
    case 'acknowledge':
      return { text: DEFAULT_ACKNOWLEDGEMENT };
    case 'assign':
      return { urgent: detail.urgent, coUnitIds: [] };
    case 'reply': {
      // A returned reply is revised, not rewritten: start from the last draft.
      const latest = latestReply(detail);
      return { text: latest?.decision === 'returned' ? latest.text : '' };
    }
    case 'contribute': {
      // Submitted before and opened again: the input is corrected, not written anew (an empty
      // form read as if nothing had been sent, and sending it replaced what the lead unit had).
      const mine = detail.units.find((u) => u.mine && u.role === 'co' && u.contribution);
      return { text: mine?.contribution ?? '' };
    }
    case 'publish':
      return { url: detail.post.url ?? '', publishedAt: wallNow() };
    case 'urge':
      return { unitId: detail.units.find(owesPart)?.unitId };
    case 'rate':
      return { reopen: false };
    case 'close':
    case 'sign':
    case 'extension.request':
    case 'return-slip':
    case 'withdraw-slip':
    case 'decline-co':
    case 'extension.decide':
    case 'approve':
    case 'return':
    case 'reopen':
    case 'archive':
      return {};
  }
}

const optional = (value: string | undefined) => value?.trim() || undefined;

/**
 * Sends the act with the version the page showed; the server answers the case as it now is, or
 * null when the user no longer sees it (a slip sent back).
 */
export function sendAct(
  detail: CaseDetail,
  act: FormAct,
  v: ActValues,
  me: Me,
): Promise<CaseDetail | null> {
  const go = <A extends FormAct>(a: A, body: ActBodies[A]) =>
    actOnCase(detail.id, a, body, detail.version);
  switch (act) {
    case 'acknowledge':
      return go(act, { text: optional(v.text) });
    case 'assign':
      return go(act, {
        instruction: (v.instruction ?? '').trim(),
        leadUnitId: v.leadUnitId ?? 0,
        coUnitIds: (v.coUnitIds ?? []).filter((id) => id !== v.leadUnitId),
        urgent: v.urgent ?? false,
        ...(v.urgent && v.withinHours ? { withinHours: v.withinHours } : {}),
      });
    case 'close':
      return go(act, { reason: (v.reason ?? '').trim() });
    case 'sign':
      return go(act, { unitId: myUnit(detail, me, (u) => u.signedAt === null)?.unitId });
    case 'contribute':
      return go(act, {
        text: (v.text ?? '').trim(),
        unitId: myUnit(detail, me, (u) => u.role === 'co')?.unitId,
      });
    case 'reply':
      return go(act, { text: (v.text ?? '').trim() });
    case 'extension.request':
      return go(act, {
        reason: (v.reason ?? '').trim(),
        until: fromWall(v.until ?? wallNow()),
      });
    case 'return-slip':
    case 'withdraw-slip':
      return go(act, { reason: (v.reason ?? '').trim() });
    case 'decline-co':
      return go(act, {
        reason: (v.reason ?? '').trim(),
        unitId: myUnit(detail, me, (u) => u.role === 'co' && u.contributedAt === null)?.unitId,
      });
    case 'extension.decide':
      return go(act, { granted: v.granted ?? false, comment: optional(v.comment) });
    case 'approve':
      return go(act, { comment: optional(v.comment) });
    case 'return':
      return go(act, { comment: (v.comment ?? '').trim() });
    case 'publish':
      return go(act, {
        url: (v.url ?? '').trim(),
        publishedAt: v.publishedAt ? fromWall(v.publishedAt) : undefined,
      });
    case 'rate':
      return go(act, {
        rating: v.rating ?? 'satisfied',
        note: optional(v.note),
        reopen: v.rating === 'unsatisfied' ? (v.reopen ?? false) : undefined,
      });
    case 'reopen':
      return go(act, { comment: optional(v.comment) });
    case 'urge':
      return go(act, { unitId: v.unitId, comment: optional(v.comment) });
    case 'archive':
      return go(act, {});
  }
}
