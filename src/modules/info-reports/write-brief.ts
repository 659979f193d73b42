import type { Kysely } from 'kysely';
import type { BriefSourceKind } from '../../db/schema-info-reports.js';
import type { DB } from '../../db/schema.js';
import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { actOnBrief } from './act-on-brief.js';
import { BRIEF_STATUS_NAMES, isEditable } from './brief-status.js';

export interface BriefSource {
  kind: BriefSourceKind;
  id: number;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A first draft taken from what the brief is about; the author rewrites it as they see fit. */
export async function prefillFrom(
  db: Kysely<DB>,
  source: BriefSource,
): Promise<{ title: string; body: string }> {
  switch (source.kind) {
    case 'post': {
      const p = await db
        .selectFrom('posts')
        .select(['title', 'body', 'source', 'posted_at', 'url'])
        .where('id', '=', source.id)
        .executeTakeFirst();
      if (!p) throw notFound('信息');
      const title = clip(p.title?.trim() || p.body.trim(), 40);
      const head = `${formatDateTime(p.posted_at)}，${p.source}出现网民发帖反映：`;
      return {
        title,
        body: `${head}${clip(p.body.trim(), 1500)}${p.url ? `\n（原文：${p.url}）` : ''}`,
      };
    }
    case 'topic': {
      const t = await db
        .selectFrom('topics')
        .select(['label', 'keywords', 'size', 'first_at', 'last_at'])
        .where('id', '=', source.id)
        .executeTakeFirst();
      if (!t) throw notFound('热点话题');
      return {
        title: clip(t.label, 40),
        body:
          `${formatDateTime(t.first_at)}至${formatDateTime(t.last_at)}，网上出现关于「${t.label}」的` +
          `相关信息${t.size}条，主要涉及：${t.keywords.slice(0, 8).join('、')}。`,
      };
    }
    case 'incident': {
      const i = await db
        .selectFrom('incidents')
        .select(['title', 'summary', 'opened_at'])
        .where('id', '=', source.id)
        .executeTakeFirst();
      if (!i) throw notFound('舆情事件');
      return {
        title: clip(i.title, 40),
        body: `${formatDateTime(i.opened_at)}，${i.title}。${i.summary}`.trim(),
      };
    }
  }
}

function clean(input: { title: string; body: string }): { title: string; body: string } {
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title) throw new AppError('VALIDATION_FAILED', '请填写标题');
  if (title.length > 100) throw new AppError('VALIDATION_FAILED', '标题不能超过100字');
  if (!body) throw new AppError('VALIDATION_FAILED', '请填写正文');
  return { title, body };
}

/** 撰写信息: from a post, a topic or an incident (prefilled), or from nothing. */
export async function writeBrief(opts: {
  ctx: AppContext;
  actor: Actor;
  input: {
    title?: string | undefined;
    body?: string | undefined;
    source?: BriefSource | undefined;
  };
}): Promise<number> {
  const { ctx, actor, input } = opts;
  assertCan(actor, 'info.write');
  if (actor.id === null) throw new AppError('FORBIDDEN', '系统不能撰写信息');
  const filled = input.source ? await prefillFrom(ctx.db, input.source) : { title: '', body: '' };
  const { title, body } = clean({
    title: input.title ?? filled.title,
    body: input.body ?? filled.body,
  });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('info_briefs')
      .values({
        title,
        body,
        source_kind: input.source?.kind ?? null,
        source_id: input.source?.id ?? null,
        author_id: actor.id as number,
        unit_id: actor.unitId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'info.write',
      entityType: 'info_brief',
      entityId: id,
      summary: `撰写信息「${title}」`,
      after: { title, source: input.source ?? null },
    });
    return id;
  });
}

/** Only the author edits, and only while it is a draft or has been returned. */
export async function editBrief(opts: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
  input: { title: string; body: string };
}): Promise<void> {
  const { ctx, actor } = opts;
  assertCan(actor, 'info.write');
  const { title, body } = clean(opts.input);
  await actOnBrief(ctx, actor, opts, async ({ trx, row }) => {
    if (row.author_id !== actor.id) throw new AppError('FORBIDDEN', '只能修改自己撰写的信息');
    if (!isEditable(row.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `信息为「${BRIEF_STATUS_NAMES[row.status]}」，不能修改`,
      );
    }
    await trx.updateTable('info_briefs').set({ title, body }).where('id', '=', row.id).execute();
    return {
      audit: { action: 'edit', summary: `修改信息「${title}」`, after: { title } },
      value: undefined,
    };
  });
}
