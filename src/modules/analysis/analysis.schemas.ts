import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../server/common-schemas.js';
import { UrgencyFlag } from './urgency/urgency-flags.js';

const DateTime = Type.String({ format: 'date-time' });

export const Category = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  modelLabel: Nullable(Type.String({ description: '随系统提供的模型识别的名称；新增的分类为空' })),
  active: Type.Boolean(),
  position: Type.Integer(),
  confirmed: Type.Integer({ description: '已确认为该分类的信息数（重新训练的依据）' }),
});

export const CreateCategoryBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
export type CreateCategoryInput = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CategoryModelRun = Type.Object({
  id: Type.Integer(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('ok'),
    Type.Literal('failed'),
  ]),
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('schedule')]),
  requestedBy: Nullable(Type.String()),
  requestedAt: DateTime,
  finishedAt: Nullable(DateTime),
  samples: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  holdoutAccuracy: Nullable(Type.Number()),
  baselineAccuracy: Nullable(Type.Number()),
  error: Nullable(Type.String()),
  inUse: Type.Boolean(),
});

export const ConfirmCategoryBody = Type.Object(
  { categoryId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

const UnitSuggestion = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  score: Type.Number(),
  reasons: Type.Array(Type.String()),
});

export const CaseAnalysis = Type.Object({
  postId: Type.Integer(),
  category: Nullable(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      confidence: Nullable(Type.Number()),
      confirmed: Type.Boolean(),
    }),
  ),
  sentiment: Nullable(
    Type.Object({
      label: Type.Union([
        Type.Literal('negative'),
        Type.Literal('neutral'),
        Type.Literal('positive'),
      ]),
      score: Nullable(Type.Number()),
    }),
  ),
  urgent: Type.Boolean({ description: '有紧急信号：交办时建议标为紧急' }),
  signals: Type.Array(UrgencyFlag),
  suggestions: Type.Array(UnitSuggestion, { description: '建议的牵头单位及理由（仅交办人可见）' }),
});
