import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery } from '../../server/common-schemas.js';

/** Limits of the message form, checked after HTML is stripped (the form counts the same way). */
export const BOARD_LIMITS = {
  title: { min: 4, max: 60 },
  body: { min: 10, max: 2000 },
  contact: { max: 60 },
  nickname: { max: 20 },
  ratingNote: { max: 200 },
} as const;

export const Challenge = Type.Object({
  id: Type.String(),
  difficulty: Type.Integer({ description: 'sha256(`${id}:${nonce}`) 需要的前导零比特数' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

// Raw lengths are generous: markup counts only until it is stripped.
export const MessageBody = Type.Object(
  {
    title: Type.String({ maxLength: 500 }),
    body: Type.String({ maxLength: 10_000 }),
    contact: Type.Optional(Type.String({ maxLength: 200 })),
    nickname: Type.Optional(Type.String({ maxLength: 200 })),
    challengeId: Type.String({ minLength: 1, maxLength: 100 }),
    nonce: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type MessageBody = Static<typeof MessageBody>;

export const MessageReceipt = Type.Object({
  /** 查询码 of the message, or of the one it repeats; null when it repeats a post not on the board. */
  code: Nullable(Type.String()),
  /** The same message had already been received: nothing new was stored. */
  duplicate: Type.Boolean(),
});
export type MessageReceipt = Static<typeof MessageReceipt>;

const RatingValue = Type.Union(
  [Type.Literal('satisfied'), Type.Literal('basically'), Type.Literal('unsatisfied')],
  { description: '满意 / 基本满意 / 不满意' },
);

/** The citizen's rating of the published reply, behind the same proof of work as a message. */
export const RatingBody = Type.Object(
  {
    rating: RatingValue,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    challengeId: Type.String({ minLength: 1, maxLength: 100 }),
    nonce: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

export const BoardQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery },
  { additionalProperties: false },
);
export type BoardQuery = Static<typeof BoardQuery>;

export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });

export const BOARD_STATUSES = ['submitted', 'received', 'handling', 'replied', 'closed'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/** What the public sees: never the contact, the address or who handled it beyond the unit. */
export const PublicMessage = Type.Object({
  /** The public number of the message (its links in the list). */
  id: Type.Integer(),
  /** The query code: only in the answer to the citizen who typed it, never in the list. */
  code: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
  nickname: Type.String(),
  postedAt: Type.String({ format: 'date-time' }),
  /** 待受理 / 已受理 / 办理中 / 已回复 / 已办结 (closed without a public reply). */
  status: Type.Union([
    Type.Literal('submitted'),
    Type.Literal('received'),
    Type.Literal('handling'),
    Type.Literal('replied'),
    Type.Literal('closed'),
  ]),
  reply: Nullable(
    Type.Object({
      text: Type.String(),
      unit: Type.String(),
      at: Type.String({ format: 'date-time' }),
      /** The citizen's rating of this reply (given on the board or recorded by staff); never the note. */
      rating: Nullable(RatingValue),
      /** The citizen may still rate it here: published, not rated, not archived. */
      rateable: Type.Boolean(),
    }),
  ),
});
export type PublicMessage = Static<typeof PublicMessage>;

export const BoardAbout = Type.Object({
  /** The township's name when the settings hold one. */
  orgName: Nullable(Type.String()),
  limits: Type.Object({
    title: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
    body: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
    contact: Type.Object({ max: Type.Integer() }),
    nickname: Type.Object({ max: Type.Integer() }),
    ratingNote: Type.Object({ max: Type.Integer() }),
  }),
});
