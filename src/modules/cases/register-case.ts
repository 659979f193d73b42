import { analyseStored } from '../analysis/post-analysis/analyse-stored.js';
import { sql } from 'kysely';
import { loadDictionary } from '../../ingest/dictionary.js';
import { preparePost } from '../../ingest/ingest-posts.js';
import { segmenter } from '../../ingest/segment.js';
import { simhashToSql } from '../../ingest/simhash.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { replyDue } from './deadlines.js';
import type { RegisterInput } from './cases.schemas.js';
import { titleOf } from './cases.queries.js';
import { recordCaseEvent, tellAbout } from './act-on-case.js';

/**
 * 受理: a monitor records a citizen's message as a case. The public reply clock starts from the
 * time the citizen posted, not from registration.
 */
export async function registerCase({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: RegisterInput;
}): Promise<{ id: number }> {
  assertCan(actor, 'cases.register');
  if ((input.post === undefined) === (input.postId === undefined)) {
    throw new AppError(
      'VALIDATION_FAILED',
      '请提供留言内容（post）或已采集留言的编号（postId），二者选一',
    );
  }
  const now = ctx.clock.now();
  // A post entered by hand goes through the same stages as a collected one, so that it can be
  // found on 舆情信息 and later copies link to it; it is stored as entered.
  let prepared: ReturnType<typeof preparePost> = null;
  if (input.post) {
    const dictionary = await loadDictionary(ctx.db);
    prepared = preparePost(
      { title: input.post.title ?? null, body: input.post.body, author: input.post.author ?? null },
      segmenter(dictionary.userWords),
      dictionary,
      now,
    );
  }
  const registered = await ctx.db.transaction().execute(async (trx) => {
    let postId: number;
    let postedAt: Date;
    let title: string;
    // The monitor's word first; else a collected post's urgency signals (fire, threats, wage
    // arrears …) make it urgent, so the leaders are told 紧急办件待批办, not 新办件.
    let urgent = input.urgent ?? false;
    if (input.post) {
      postedAt = new Date(input.post.postedAt);
      if (postedAt.getTime() > now.getTime() + 5 * 60_000) {
        throw new AppError('VALIDATION_FAILED', '发帖时间不能晚于当前时间');
      }
      const post = await trx
        .insertInto('posts')
        .values({
          source: input.post.source.trim(),
          url: input.post.url ?? null,
          author: input.post.author?.trim() || null,
          posted_at: postedAt,
          title: input.post.title?.trim() || null,
          body: input.post.body.trim(),
          contact: input.post.contact?.trim() || null,
          created_at: now,
          source_key: 'manual',
          ...(prepared && {
            content_hash: prepared.contentHash,
            simhash: simhashToSql(prepared.simhash),
            simhash_bands: prepared.bands,
            relevant: prepared.relevant,
            relevance_terms: prepared.relevanceTerms,
            segmented: prepared.segmented,
            search: sql<string>`to_tsvector('simple', ${prepared.searchable})`,
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      postId = post.id;
      title = titleOf(input.post.title ?? null, input.post.body);
    } else {
      const post = await trx
        .selectFrom('posts')
        .select(['id', 'posted_at', 'title', 'body', 'urgent'])
        .where('id', '=', input.postId ?? 0)
        .executeTakeFirst();
      if (!post) throw notFound('留言');
      const existing = await trx
        .selectFrom('cases')
        .select('id')
        .where('post_id', '=', post.id)
        .where('state', '<>', 'archived')
        .executeTakeFirst();
      if (existing) throw new AppError('CONFLICT', `该留言已登记为办件 #${existing.id}`);
      postId = post.id;
      postedAt = post.posted_at;
      urgent = input.urgent ?? post.urgent;
      title = titleOf(post.title, post.body);
    }
    const row = await trx
      .insertInto('cases')
      .values({
        post_id: postId,
        state: 'registered',
        urgent,
        registered_by: actor.id,
        registered_at: now,
        reply_due_at: replyDue(ctx.config.deadlines, postedAt),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseEvent(trx, {
      caseId: row.id,
      at: now,
      actor,
      action: 'register',
      from: null,
      to: 'registered',
      unitId: null,
      comment: null,
      data: null,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'case.register',
      entityType: 'case',
      entityId: row.id,
      summary: `受理办件 #${row.id}：${title}`,
      after: { postId, urgent },
    });
    await tellAbout(
      trx,
      ctx,
      actor,
      { id: row.id, slip_no: null },
      {
        kind: 'case.registered',
        to: { roles: ['leader'] },
        title: urgent ? '紧急办件待批办' : '新办件待批办',
        body: title,
      },
    );
    return { id: row.id, newPostId: input.post ? postId : null };
  });
  // Category, sentiment, urgency and topic now, so the leader assigning it sees them. Topics
  // serialise on their own lock, so this runs once the case is committed; the registration
  // stands if it fails, and the every-minute backlog job analyses a post left unanalysed.
  if (registered.newPostId !== null) {
    await analyseStored(ctx, [registered.newPostId]).catch(() => undefined);
  }
  return { id: registered.id };
}
