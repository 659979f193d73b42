import type { IncidentLevel } from '../../db/schema-incidents.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { changedFields } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { actOnIncident } from './act-on-incident.js';
import { cleanKeywords } from './incident-keywords.js';
import { LEVEL_NAMES } from './incident-labels.js';
import { assertOwner } from './incident-members.js';

export interface UpdateIncidentInput {
  title?: string | undefined;
  summary?: string | undefined;
  level?: IncidentLevel | undefined;
  ownerId?: number | undefined;
  keywords?: string[] | undefined;
}

/** 修改事件信息: title, summary, level (升级/降级), owner and key words; only what changed. */
export async function updateIncident(opts: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
  input: UpdateIncidentInput;
}): Promise<void> {
  const { ctx, actor, input } = opts;
  await actOnIncident(ctx, actor, opts, async ({ trx, row }) => {
    const title = input.title?.trim() ?? row.title;
    if (!title) throw new AppError('VALIDATION_FAILED', '请填写事件名称');
    const before = {
      title: row.title,
      summary: row.summary,
      level: row.level,
      ownerId: row.owner_id,
      keywords: row.keywords,
    };
    const after = {
      title,
      summary: input.summary?.trim() ?? row.summary,
      level: input.level ?? row.level,
      ownerId: input.ownerId ?? row.owner_id,
      keywords: input.keywords ? cleanKeywords(input.keywords) : row.keywords,
    };
    const diff = changedFields(before, after);
    if (Object.keys(diff.after).length === 0) {
      throw new AppError('VALIDATION_FAILED', '没有需要保存的更改');
    }
    const parts: string[] = [];
    if (diff.after.level) {
      parts.push(`级别由${LEVEL_NAMES[row.level]}调整为${LEVEL_NAMES[after.level]}`);
    }
    if (diff.after.ownerId !== undefined) {
      const [oldName, newName] = await Promise.all([
        trx.selectFrom('users').select('name').where('id', '=', row.owner_id).executeTakeFirst(),
        assertOwner(trx, after.ownerId),
      ]);
      parts.push(`负责人由${oldName?.name ?? '—'}改为${newName}`);
      if (after.ownerId !== actor.id) {
        await notify(trx, ctx, {
          kind: 'incident.owner',
          title: `您负责处置舆情事件「${title}」`,
          body: `${actor.name}指定您为舆情事件「${title}」（${LEVEL_NAMES[after.level]}）的负责人。`,
          link: `/incidents/${row.id}`,
          userIds: [after.ownerId],
          groupRobots: false,
        });
      }
    }
    if (diff.after.title !== undefined) parts.push(`名称改为「${title}」`);
    if (diff.after.summary !== undefined) parts.push('修改了事件概述');
    if (diff.after.keywords !== undefined) {
      parts.push(`关键词改为 ${after.keywords.join('、') || '（无）'}`);
    }
    return {
      changes: {
        title: after.title,
        summary: after.summary,
        level: after.level,
        owner_id: after.ownerId,
        keywords: after.keywords,
      },
      event: {
        kind: diff.after.level ? 'level_changed' : 'updated',
        text: parts.join('；'),
        data: { before: diff.before, after: diff.after },
      },
      audit: { action: 'update', before: diff.before, after: diff.after },
      value: undefined,
    };
  });
}
