import { Type, type Static } from '@sinclair/typebox';
import { LocalDate } from '../../cases/stats/period.js';

export const SituationQuery = Type.Object(
  {
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type SituationQuery = Static<typeof SituationQuery>;

/** One line of a chart: its daily counts line up with `days`. */
const Series = Type.Object({
  key: Type.String({
    description: '筛选值：信息源 sourceKey、分类编号、情感（negative/neutral/positive）',
  }),
  name: Type.String(),
  total: Type.Integer(),
  counts: Type.Array(Type.Integer()),
});
export type Series = Static<typeof Series>;

export const HotTopic = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  keywords: Type.Array(Type.String()),
  size: Type.Integer(),
  heat: Type.Number({ description: '当前热度' }),
  lastAt: Type.String({ format: 'date-time' }),
  burst: Type.Boolean({ description: '区间内出现过爆发' }),
});
export type HotTopic = Static<typeof HotTopic>;

export const AlertLevel = Type.Union([
  Type.Literal('blue'),
  Type.Literal('yellow'),
  Type.Literal('orange'),
  Type.Literal('red'),
]);
export type AlertLevel = Static<typeof AlertLevel>;

export const ActiveAlert = Type.Object({
  id: Type.Integer(),
  ruleName: Type.String(),
  level: AlertLevel,
  matchedCount: Type.Integer(),
  triggeredAt: Type.String({ format: 'date-time', description: '最近一次触发' }),
});
export type ActiveAlert = Static<typeof ActiveAlert>;

export const Situation = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  generatedAt: Type.String({ format: 'date-time' }),
  /** Every local date of the period, oldest first: the x axis of the volume series. */
  days: Type.Array(Type.String({ format: 'date' })),
  totals: Type.Object({
    posts: Type.Integer({ description: '区间内与本辖区相关的帖子（不含近似重复）' }),
    negative: Type.Integer(),
    urgent: Type.Integer(),
    openCases: Type.Integer({ description: '当前未办结（仍欠公开答复）的办件' }),
    overdueCases: Type.Integer({ description: '当前超期的办件，与办件列表「超期」筛选一致' }),
    activeAlerts: Type.Integer(),
  }),
  bySource: Type.Array(Series),
  byCategory: Type.Array(Series),
  bySentiment: Type.Array(Series),
  keywords: Type.Array(Type.Object({ word: Type.String(), count: Type.Integer() })),
  places: Type.Array(Type.Object({ place: Type.String(), count: Type.Integer() })),
  openCasesByUnit: Type.Array(
    Type.Object({ unitId: Type.Integer(), unitName: Type.String(), count: Type.Integer() }),
  ),
  hotTopics: Type.Array(HotTopic),
  alerts: Type.Object({
    byLevel: Type.Array(Type.Object({ level: AlertLevel, count: Type.Integer() })),
    newest: Type.Array(ActiveAlert),
  }),
});
export type Situation = Static<typeof Situation>;
