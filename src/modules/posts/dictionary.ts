import { Type, type Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/errors.js';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { dictionaryChanged } from '../../ingest/rejudge-posts.js';

export const TERM_KINDS = ['place', 'unit', 'keyword'] as const;

/** What separates the terms of a pasted list: 、，,；; and white space (one per line from Excel). */
const TERM_SEPARATORS = /[、，,；;\s]/u;
export type TermKind = (typeof TERM_KINDS)[number];

export const TERM_KIND_LABELS: Record<TermKind, string> = {
  place: '地名',
  unit: '单位名',
  keyword: '关键词',
};

const TermKind = Type.Union(
  [Type.Literal('place'), Type.Literal('unit'), Type.Literal('keyword')],
  { description: 'place 地名 / unit 单位名 / keyword 关键词' },
);

export const JurisdictionTerm = Type.Object({
  id: Type.Integer(),
  term: Type.String(),
  kind: TermKind,
  createdAt: Type.String({ format: 'date-time' }),
});
export type JurisdictionTerm = Static<typeof JurisdictionTerm>;

export const CreateTermBody = Type.Object(
  {
    term: Type.String({ minLength: 1, maxLength: 30, description: '地名、单位名或关键词' }),
    kind: TermKind,
  },
  { additionalProperties: false },
);
export type CreateTermInput = Static<typeof CreateTermBody>;

/** At most this many terms in one 批量删除: a few pages of the list. */
export const BULK_DELETE_LIMIT = 500;

export const BulkDeleteTermsBody = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1 }), {
      description: `要删除的词条编号，1 到 ${BULK_DELETE_LIMIT} 个`,
    }),
  },
  { additionalProperties: false },
);
export type BulkDeleteTermsInput = Static<typeof BulkDeleteTermsBody>;

function toTerm(r: { id: number; term: string; kind: string; created_at: Date }): JurisdictionTerm {
  return {
    id: Number(r.id),
    term: r.term,
    kind: r.kind as TermKind,
    createdAt: r.created_at.toISOString(),
  };
}

const byPinyin = new Intl.Collator('zh-CN');

/**
 * 管辖词典: every term, grouped by kind, then in pinyin order as a Chinese list is read (柳塘村
 * before 噪音; the database's C.UTF-8 order is by code point, which put 噪音 first).
 */
export async function listTerms(db: Kysely<DB>): Promise<JurisdictionTerm[]> {
  const rows = await db
    .selectFrom('jurisdiction_terms')
    .select(['id', 'term', 'kind', 'created_at'])
    .execute();
  return rows
    .map(toTerm)
    .sort((a, b) => a.kind.localeCompare(b.kind) || byPinyin.compare(a.term, b.term));
}

/**
 * Adds a term. Posts collected from now on are judged against it; posts already stored are judged
 * again by the posts.rejudge job, which the change sets going.
 */
export async function addTerm({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: CreateTermInput;
}): Promise<JurisdictionTerm> {
  assertCan(actor, 'posts.dictionary');
  const term = input.term.trim();
  if (!term) throw new AppError('VALIDATION_FAILED', '词条不能为空');
  if (term.length > 30) throw new AppError('VALIDATION_FAILED', '词条不能超过 30 个字');
  // One letter (a) or a symbol (😀) would make any post that has it relevant.
  if (
    [...term].length < 2 ||
    !/[\p{Script=Han}\p{L}\p{N}]/u.test(term) ||
    /\p{Extended_Pictographic}/u.test(term)
  ) {
    throw new AppError('VALIDATION_FAILED', '词条至少两个字，且须为文字（如 青石村、城建办）');
  }
  // A pasted list (柳塘村、石桥村) stored as one term is in no post: it would judge them all
  // irrelevant. The page splits such a list into terms before sending them.
  if (TERM_SEPARATORS.test(term)) {
    throw new AppError(
      'VALIDATION_FAILED',
      '一个词条只写一个地名、单位名或关键词，不含顿号、逗号、分号或空格（如 青石村）',
    );
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('jurisdiction_terms')
        .values({ term, kind: input.kind, created_at: ctx.clock.now() })
        .returning(['id', 'term', 'kind', 'created_at'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'jurisdiction_term.create',
        entityType: 'jurisdiction_term',
        entityId: row.id,
        summary: `管辖词典新增${TERM_KIND_LABELS[input.kind]}「${term}」`,
        after: { term, kind: input.kind },
      });
      await dictionaryChanged(trx, ctx.clock.now());
      return toTerm(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', `词条「${term}」已在管辖词典中`);
    throw err;
  }
}

export async function removeTerm({
  ctx,
  actor,
  id,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
}): Promise<void> {
  assertCan(actor, 'posts.dictionary');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('jurisdiction_terms')
      .where('id', '=', id)
      .returning(['id', 'term', 'kind'])
      .executeTakeFirst();
    if (!row) throw notFound('词条');
    await recordAudit(trx, ctx.clock, actor, {
      action: 'jurisdiction_term.delete',
      entityType: 'jurisdiction_term',
      entityId: row.id,
      summary: `管辖词典删除${TERM_KIND_LABELS[row.kind]}「${row.term}」`,
      before: { term: row.term, kind: row.kind },
    });
    await dictionaryChanged(trx, ctx.clock.now());
  });
}

/**
 * 批量删除: the terms selected on the page, all or none. One id no longer there (another monitor
 * deleted it meanwhile) refuses the batch, so that what is deleted is exactly what the confirm
 * dialog counted. One audit entry names the terms, and the posts are judged again once.
 */
export async function removeTerms({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: BulkDeleteTermsInput;
}): Promise<{ deleted: number }> {
  assertCan(actor, 'posts.dictionary');
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw new AppError('VALIDATION_FAILED', '请选择要删除的词条');
  if (ids.length > BULK_DELETE_LIMIT) {
    throw new AppError('VALIDATION_FAILED', `一次最多删除 ${BULK_DELETE_LIMIT} 个词条，请分批删除`);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .deleteFrom('jurisdiction_terms')
      .where('id', 'in', ids)
      .returning(['id', 'term', 'kind'])
      .execute();
    const missing = ids.length - rows.length;
    if (missing > 0) {
      throw new AppError(
        'NOT_FOUND',
        `有 ${missing} 个词条不存在（可能已被他人删除），未删除任何词条，请刷新后重试`,
      );
    }
    // In the order they were selected, as the page listed them.
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const deleted = ids.flatMap((id) => byId.get(id) ?? []);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'jurisdiction_term.bulk-delete',
      entityType: 'jurisdiction_term',
      summary: `管辖词典批量删除 ${deleted.length} 个词条：${deleted.map((r) => r.term).join('、')}`,
      before: deleted.map((r) => ({ id: Number(r.id), term: r.term, kind: r.kind })),
    });
    await dictionaryChanged(trx, ctx.clock.now());
    return { deleted: deleted.length };
  });
}
