import type { MeasureKind } from '../../db/schema-incidents.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { actOnIncident } from './act-on-incident.js';
import { MEASURE_NAMES } from './incident-labels.js';

export interface MeasureInput {
  kind: MeasureKind;
  description: string;
  takenAt: string | Date;
  ownerUserId?: number | undefined;
  ownerUnit?: string | undefined;
  url?: string | undefined;
}

/** 处置措施: a response actually taken, with when and who answers for it. */
export async function recordMeasure(opts: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
  input: MeasureInput;
}): Promise<number> {
  const { ctx, actor, input } = opts;
  const description = input.description.trim();
  if (!description) throw new AppError('VALIDATION_FAILED', '请填写措施内容');
  const ownerUnit = input.ownerUnit?.trim() || null;
  if (input.ownerUserId === undefined && !ownerUnit) {
    throw new AppError('VALIDATION_FAILED', '请填写责任人或责任单位');
  }
  const url = input.url?.trim() || null;
  if (url !== null && !/^https?:\/\/\S+$/i.test(url)) {
    throw new AppError('VALIDATION_FAILED', '链接须以 http:// 或 https:// 开头');
  }
  const takenAt = new Date(input.takenAt);
  if (Number.isNaN(takenAt.getTime())) throw new AppError('VALIDATION_FAILED', '措施时间无效');
  if (takenAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000) {
    // Measures are what was done, not plans.
    throw new AppError('VALIDATION_FAILED', '措施时间不能晚于现在');
  }
  return actOnIncident(ctx, actor, opts, async ({ trx, row, now }) => {
    let ownerName = ownerUnit ?? '';
    if (input.ownerUserId !== undefined) {
      const user = await trx
        .selectFrom('users')
        .select('name')
        .where('id', '=', input.ownerUserId)
        .executeTakeFirst();
      if (!user) throw new AppError('VALIDATION_FAILED', '责任人不存在');
      ownerName = ownerUnit ? `${ownerUnit} ${user.name}` : user.name;
    }
    const { id } = await trx
      .insertInto('incident_measures')
      .values({
        incident_id: row.id,
        kind: input.kind,
        description,
        taken_at: takenAt,
        owner_user_id: input.ownerUserId ?? null,
        owner_unit: ownerUnit,
        url,
        recorded_by: actor.id,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      event: {
        kind: 'measure',
        text: `处置措施（${MEASURE_NAMES[input.kind]}，${ownerName}）：${description}`,
        data: { measureId: id, takenAt: takenAt.toISOString() },
      },
      audit: {
        action: 'measure',
        after: { measureId: id, kind: input.kind, description, ownerName, url },
      },
      value: id,
    };
  });
}
