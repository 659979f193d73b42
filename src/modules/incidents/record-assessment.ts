import type { IncidentLevel, IncidentTrend } from '../../db/schema-incidents.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { actOnIncident } from './act-on-incident.js';
import { incidentFigures } from './incident-figures.js';
import { LEVEL_NAMES, TREND_NAMES } from './incident-labels.js';

/**
 * 研判: the assessor's judgement, trend and risk level, stored with the figures as they are now
 * (volume per day, spread over sources, sentiment), so a later reader sees what it was based on.
 */
export async function recordAssessment(opts: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  version?: number | undefined;
  input: { judgement: string; trend: IncidentTrend; riskLevel: IncidentLevel };
}): Promise<number> {
  const { ctx, actor, input } = opts;
  const judgement = input.judgement.trim();
  if (!judgement) throw new AppError('VALIDATION_FAILED', '请填写研判意见');
  return actOnIncident(ctx, actor, opts, async ({ trx, row, now }) => {
    const snapshot = await incidentFigures(trx, row.id, ctx.config.deadlines.timeZone, now);
    const { id } = await trx
      .insertInto('incident_assessments')
      .values({
        incident_id: row.id,
        at: now,
        assessor_id: actor.id,
        judgement,
        trend: input.trend,
        risk_level: input.riskLevel,
        snapshot: JSON.stringify(snapshot),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      event: {
        kind: 'assessment',
        text:
          `研判：趋势${TREND_NAMES[input.trend]}，风险等级${LEVEL_NAMES[input.riskLevel]}` +
          `（信息 ${snapshot.posts} 条，来源 ${snapshot.sources.length} 个，负面 ${snapshot.sentiment.negative} 条）`,
        data: { assessmentId: id },
      },
      audit: {
        action: 'assess',
        after: { assessmentId: id, trend: input.trend, riskLevel: input.riskLevel, judgement },
      },
      value: id,
    };
  });
}
