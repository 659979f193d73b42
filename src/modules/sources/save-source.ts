import { isUniqueViolation } from '../../db/errors.js';
import type { SourceKind } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError, filledIn, notFound } from '../../server/errors.js';
import { isFetchedKind } from '../../sources/source-config.js';
import { assertCan, type Actor } from '../access/actor.js';
import { changedFields, recordAudit } from '../audit/record-audit.js';
import { storedDefinition } from './source-definition.js';
import { getSourceSummary } from './sources.queries.js';
import {
  SOURCE_KIND_LABELS,
  type CreateSourceInput,
  type SourceSummary,
  type UpdateSourceInput,
} from './sources.schemas.js';

export const DEFAULT_INTERVAL_MINUTES = 1440;

type Saved = SourceSummary & { config: Record<string, unknown> };

const cleanName = (name: string) => filledIn(name, '请填写信息源名称');

async function withUniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', `已有名为「${name}」的信息源`);
    throw err;
  }
}

/**
 * One source per feed, list page or API address and kind: a second one fetching the same address
 * finds every page unchanged (304) and every post already stored, and shows 正常 while it does.
 */
async function assertAddressFree(
  db: AppContext['db'],
  kind: SourceKind,
  url: string | null,
  exceptId?: number,
): Promise<void> {
  if (!url) return;
  let q = db.selectFrom('sources').select('name').where('kind', '=', kind).where('url', '=', url);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other)
    throw new AppError('CONFLICT', `信息源「${other.name}」已在抓取这个地址，无需重复添加`);
}

/** A new fetched source is due at once, so the scheduler picks it up within a minute. */
export async function createSource({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: CreateSourceInput;
}): Promise<Saved> {
  assertCan(actor, 'sources.manage');
  const name = cleanName(input.name);
  const def = storedDefinition(input.kind, input.url, input.config);
  const enabled = input.enabled ?? true;
  const intervalMinutes = input.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
  await assertAddressFree(ctx.db, input.kind, def.url);
  const now = ctx.clock.now();
  const id = await withUniqueName(name, () =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('sources')
        .values({
          name,
          kind: input.kind,
          url: def.url,
          config: JSON.stringify(def.config),
          interval_minutes: intervalMinutes,
          enabled,
          next_run_at: isFetchedKind(input.kind) && enabled ? now : null,
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'source.create',
        entityType: 'source',
        entityId: row.id,
        summary: `新增信息源「${name}」（${SOURCE_KIND_LABELS[input.kind]}）`,
        after: { name, kind: input.kind, ...def, intervalMinutes, enabled },
      });
      return Number(row.id);
    }),
  );
  return (await getSourceSummary(ctx.db, id)) ?? Promise.reject(notFound('信息源'));
}

interface Fields {
  name: string;
  url: string | null;
  config: Record<string, unknown>;
  intervalMinutes: number;
  enabled: boolean;
}

/** Edit, enable or disable. Re-enabling a fetched source makes it due at once. */
export async function updateSource({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  input: UpdateSourceInput;
}): Promise<Saved> {
  assertCan(actor, 'sources.manage');
  const current = await getSourceSummary(ctx.db, id);
  if (!current) throw notFound('信息源');
  const kind: SourceKind = current.kind;
  if (kind === 'board' && Object.keys(input).some((key) => key !== 'enabled')) {
    throw new AppError('CONFLICT', '网络问政信息源由系统维护，只能启用或停用');
  }
  const before: Fields = {
    name: current.name,
    url: current.url,
    config: current.config,
    intervalMinutes: current.intervalMinutes,
    enabled: current.enabled,
  };
  const changesDefinition = input.url !== undefined || input.config !== undefined;
  const def = changesDefinition
    ? storedDefinition(kind, input.url === undefined ? current.url : input.url, {
        ...(input.config ?? current.config),
      })
    : { url: current.url, config: current.config };
  const after: Fields = {
    name: input.name === undefined ? before.name : cleanName(input.name),
    url: def.url,
    config: def.config,
    intervalMinutes: input.intervalMinutes ?? before.intervalMinutes,
    enabled: input.enabled ?? before.enabled,
  };
  const changes = changedFields(before, after);
  const changed = Object.keys(changes.after);
  if (changed.length === 0) return current;
  if (after.url !== before.url) await assertAddressFree(ctx.db, kind, after.url, id);
  const fetched = isFetchedKind(kind);
  const now = ctx.clock.now();
  // Due at once when switched on or when what to fetch changed; a disabled source is never due.
  const dueNow = fetched && after.enabled && (!before.enabled || changesDefinition);
  await withUniqueName(after.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('sources')
        .set({
          name: after.name,
          url: after.url,
          config: JSON.stringify(after.config),
          interval_minutes: after.intervalMinutes,
          enabled: after.enabled,
          ...(!fetched || !after.enabled
            ? { next_run_at: null }
            : dueNow
              ? { next_run_at: now }
              : current.nextRunAt === null
                ? { next_run_at: now }
                : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      if (changed.includes('url') || changed.includes('config')) {
        // Its list pages are read again in full, not answered 304 / same bytes and skipped: a
        // fixed item or title selector takes effect on the posts listed there now.
        await trx
          .updateTable('fetched_pages')
          .set({ etag: null, last_modified: null, content_hash: null })
          .where('source_id', '=', id)
          .where('role', '!=', 'detail')
          .execute();
      }
      if (after.name !== before.name) {
        // Posts show their source by name.
        await trx
          .updateTable('posts')
          .set({ source: after.name })
          .where('source_key', '=', `source:${id}`)
          .execute();
      }
      const verb =
        changed.length === 1 && changed[0] === 'enabled'
          ? after.enabled
            ? '启用'
            : '停用'
          : '修改';
      await recordAudit(trx, ctx.clock, actor, {
        action:
          verb === '修改' ? 'source.update' : after.enabled ? 'source.enable' : 'source.disable',
        entityType: 'source',
        entityId: id,
        summary:
          verb === '修改'
            ? `修改信息源「${after.name}」：${changed.join('、')}`
            : `${verb}信息源「${after.name}」`,
        ...changes,
      });
    }),
  );
  return (await getSourceSummary(ctx.db, id)) ?? Promise.reject(notFound('信息源'));
}

/** Only a source with no posts may go; one with posts is disabled instead, keeping their origin. */
export async function deleteSource({
  ctx,
  actor,
  id,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
}): Promise<void> {
  assertCan(actor, 'sources.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const source = await trx
      .selectFrom('sources')
      .select(['id', 'name', 'kind', 'url'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!source) throw notFound('信息源');
    if (source.kind === 'board') {
      throw new AppError('CONFLICT', '网络问政信息源由系统维护，不能删除；可停用');
    }
    const post = await trx
      .selectFrom('posts')
      .select('id')
      .where('source_key', '=', `source:${id}`)
      .limit(1)
      .executeTakeFirst();
    if (post) {
      throw new AppError('CONFLICT', `信息源「${source.name}」已有帖子，不能删除；可改为停用`);
    }
    const watched = await trx
      .selectFrom('watch_period_sources')
      .select('period_id')
      .where('source_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (watched) {
      throw new AppError(
        'CONFLICT',
        `信息源「${source.name}」在重点时段监测中，不能删除；可改为停用`,
      );
    }
    await trx.deleteFrom('sources').where('id', '=', id).execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'source.delete',
      entityType: 'source',
      entityId: id,
      summary: `删除信息源「${source.name}」`,
      before: { name: source.name, kind: source.kind, url: source.url },
    });
  });
}

/** 立即抓取: due now; the per-minute scheduler enqueues the fetch. */
export async function requestRun({
  ctx,
  actor,
  id,
}: {
  ctx: AppContext;
  actor: Actor;
  id: number;
}): Promise<{ queued: boolean; nextRunAt: string; message: string }> {
  assertCan(actor, 'sources.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const source = await trx
      .selectFrom('sources')
      .select(['id', 'name', 'kind', 'enabled'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!source) throw notFound('信息源');
    if (!isFetchedKind(source.kind)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `「${source.name}」是${SOURCE_KIND_LABELS[source.kind]}信息源，无需抓取`,
      );
    }
    if (!source.enabled) {
      throw new AppError('CONFLICT', `信息源「${source.name}」已停用，请先启用`);
    }
    await trx
      .updateTable('sources')
      .set({ next_run_at: now, run_requested_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'source.run',
      entityType: 'source',
      entityId: id,
      summary: `立即抓取信息源「${source.name}」`,
    });
    return {
      queued: true,
      nextRunAt: now.toISOString(),
      message: `已加入抓取队列，「${source.name}」将在一两分钟内开始抓取`,
    };
  });
}
