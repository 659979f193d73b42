import { Type, type Static } from '@sinclair/typebox';
import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from '../../db/errors.js';
import type { DB } from '../../db/schema.js';
import { ingestPosts, type IngestOutcome } from '../../ingest/ingest-posts.js';
import { Nullable } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { checkUrl } from './source-definition.js';
import { sourceKeyOf } from './sources.queries.js';

export const DEFAULT_MANUAL_SOURCE = '人工录入';

export const ManualPostBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20000 }),
    url: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    author: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    postedAt: Type.String({ format: 'date-time', description: '发帖时间' }),
    /** A source of kind 'manual'; absent = 人工录入, created on first use. */
    sourceId: Type.Optional(Type.Integer({ minimum: 1 })),
    /**
     * Or its name (县长信箱, 12345 热线 …): a manual source of that name, created on first use.
     */
    sourceName: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type ManualPostInput = Static<typeof ManualPostBody>;

export const OutcomeKind = Type.Union(
  [
    Type.Literal('new'),
    Type.Literal('duplicateUrl'),
    Type.Literal('duplicateText'),
    Type.Literal('nearDuplicate'),
    Type.Literal('empty'),
  ],
  {
    description:
      'new 新帖 / duplicateUrl 重复链接 / duplicateText 重复内容 / nearDuplicate 近似重复 / empty 无内容',
  },
);

export const ManualPostReply = Type.Object({
  outcome: OutcomeKind,
  /** The stored post, or for an exact duplicate the post already stored. */
  postId: Nullable(Type.Integer()),
  /** For a near duplicate: the original it was linked to. */
  duplicateOf: Nullable(Type.Integer()),
  sourceId: Type.Integer(),
  sourceName: Type.String(),
  message: Type.String(),
});
export type ManualPostReply = Static<typeof ManualPostReply>;

/** A source to put posts in: the named one of the right kind, created when missing. */
export async function ensureSource(
  ctx: AppContext,
  actor: Actor,
  name: string,
  kind: 'manual' | 'import',
): Promise<{ id: number; name: string }> {
  const find = (db: Kysely<DB> | Transaction<DB>) =>
    db
      .selectFrom('sources')
      .select(['id', 'name', 'kind'])
      .where('name', '=', name)
      .executeTakeFirst();
  const check = (s: { id: number; name: string; kind: string }) => {
    if (s.kind !== kind) {
      throw new AppError('CONFLICT', `已有名为「${name}」的其他类型信息源，请换一个名称`);
    }
    return { id: Number(s.id), name: s.name };
  };
  const existing = await find(ctx.db);
  if (existing) return check(existing);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('sources')
        .values({
          name,
          kind,
          url: null,
          config: '{}',
          next_run_at: null,
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'source.create',
        entityType: 'source',
        entityId: row.id,
        summary: `新增信息源「${name}」（${kind === 'manual' ? '人工录入' : '文件导入'}）`,
        after: { name, kind },
      });
      return { id: Number(row.id), name: row.name };
    });
  } catch (err) {
    // Someone else made it at the same moment.
    if (!isUniqueViolation(err)) throw err;
    const again = await find(ctx.db);
    if (!again) throw err;
    return check(again);
  }
}

export function outcomeMessage(o: IngestOutcome): string {
  switch (o.kind) {
    case 'new':
      return `已录入，帖子 #${o.postId}`;
    case 'duplicateUrl':
      return `重复链接：与帖子 #${o.postId} 的链接相同，未重复保存`;
    case 'duplicateText':
      return `重复内容：与帖子 #${o.postId} 的内容相同，未重复保存`;
    case 'nearDuplicate':
      return `近似重复：已保存为帖子 #${o.postId}，与帖子 #${o.duplicateOf} 相近`;
    case 'empty':
      return '缺少内容';
  }
}

/** 录入: one post typed in by a monitor, through the same pipeline as every fetched post. */
export async function enterPost({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: ManualPostInput;
}): Promise<ManualPostReply> {
  assertCan(actor, 'posts.import');
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title) throw new AppError('VALIDATION_FAILED', '请填写标题');
  if (!body) throw new AppError('VALIDATION_FAILED', '请填写内容');
  const url = input.url?.trim() ? checkUrl(input.url) : null;
  const postedAt = new Date(input.postedAt);
  if (Number.isNaN(postedAt.getTime())) throw new AppError('VALIDATION_FAILED', '发帖时间无法识别');
  if (postedAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000) {
    throw new AppError('VALIDATION_FAILED', '发帖时间不能晚于现在');
  }

  let source: { id: number; name: string };
  if (input.sourceId !== undefined) {
    const s = await ctx.db
      .selectFrom('sources')
      .select(['id', 'name', 'kind'])
      .where('id', '=', input.sourceId)
      .executeTakeFirst();
    if (!s) throw notFound('信息源');
    if (s.kind !== 'manual') {
      throw new AppError('VALIDATION_FAILED', `「${s.name}」不是人工录入类信息源`);
    }
    source = { id: Number(s.id), name: s.name };
  } else {
    const name = input.sourceName?.trim() || DEFAULT_MANUAL_SOURCE;
    source = await ensureSource(ctx, actor, name, 'manual');
  }

  const report = await ingestPosts(
    ctx,
    [{ title, body, url, author: input.author?.trim() || null, postedAt }],
    { sourceKey: sourceKeyOf(source.id), sourceName: source.name, outcomes: true },
  );
  const outcome: IngestOutcome = report.outcomes?.[0] ?? { kind: 'empty' };
  const postId = outcome.kind === 'empty' ? null : outcome.postId;
  if (outcome.kind === 'new' || outcome.kind === 'nearDuplicate') {
    await recordAudit(ctx.db, ctx.clock, actor, {
      action: 'post.enter',
      entityType: 'post',
      entityId: postId,
      summary: `人工录入帖子「${title.slice(0, 40)}」到「${source.name}」`,
      after: { sourceId: source.id, title, url, postedAt: postedAt.toISOString() },
    });
  }
  return {
    outcome: outcome.kind,
    postId,
    duplicateOf: outcome.kind === 'nearDuplicate' ? outcome.duplicateOf : null,
    sourceId: source.id,
    sourceName: source.name,
    message: outcomeMessage(outcome),
  };
}
