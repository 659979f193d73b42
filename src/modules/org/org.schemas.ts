import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../server/common-schemas.js';
import { RoleSchema } from '../auth/auth.schemas.js';

export const UNIT_TYPE_LABELS = {
  department: '镇直单位',
  community: '村（居）委会',
  higher: '上级部门',
} as const;

export const UnitTypeSchema = Type.Union([
  Type.Literal('department'),
  Type.Literal('community'),
  Type.Literal('higher'),
]);

const Phone = Type.String({ maxLength: 30, pattern: '^[0-9+\\-() ]*$' });
const Email = Type.String({ maxLength: 254, format: 'email', description: '接收邮件通知的地址' });
const UnitName = Type.String({ minLength: 1, maxLength: 50 });

export const Unit = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  name: Type.String(),
  type: UnitTypeSchema,
  liaisonUserId: Nullable(Type.Integer()),
  liaisonName: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  userCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Unit = Static<typeof Unit>;

export const CreateUnitBody = Type.Object(
  {
    name: UnitName,
    type: UnitTypeSchema,
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    liaisonUserId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    phone: Type.Optional(Nullable(Phone)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type CreateUnitInput = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Partial(
  Type.Object({
    name: UnitName,
    type: UnitTypeSchema,
    parentId: Nullable(Type.Integer({ minimum: 1 })),
    liaisonUserId: Nullable(Type.Integer({ minimum: 1 })),
    phone: Nullable(Phone),
    sortOrder: Type.Integer({ minimum: 0, maximum: 100000 }),
    active: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUnitInput = Static<typeof UpdateUnitBody>;

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  name: Type.String(),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  roles: Type.Array(RoleSchema),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  active: Type.Boolean(),
  lockedUntil: Nullable(Type.String({ format: 'date-time' })),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof User>;

const Username = Type.String({
  pattern: '^[A-Za-z0-9_.-]{2,32}$',
  description: '2-32 位字母、数字、_ . -',
});
const PersonName = Type.String({ minLength: 1, maxLength: 30 });

export const CreateUserBody = Type.Object(
  {
    username: Username,
    name: PersonName,
    unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Partial(
  Type.Object({
    name: PersonName,
    unitId: Nullable(Type.Integer({ minimum: 1 })),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    phone: Nullable(Phone),
    email: Nullable(Email),
    active: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserInput = Static<typeof UpdateUserBody>;

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  role: Type.Optional(RoleSchema),
  active: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type UserListQuery = Static<typeof UserListQuery>;

const Member = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  unitName: Nullable(Type.String()),
});
export const WorkingGroup = Type.Object({
  /** 本级名称: the township or county whose group this is, heading slips, notices and reports. */
  orgName: Nullable(Type.String()),
  leaders: Type.Array(Member),
  deputies: Type.Array(Member),
  units: Type.Array(Type.Object({ unitId: Type.Integer(), name: Type.String() })),
});
export type WorkingGroup = Static<typeof WorkingGroup>;

const Ids = Type.Array(Type.Integer({ minimum: 1 }), { uniqueItems: true, maxItems: 200 });
export const WorkingGroupBody = Type.Object(
  {
    leaderIds: Ids,
    deputyIds: Ids,
    unitIds: Ids,
    // Left out: unchanged. Checked in the use case, for a Chinese message.
    orgName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type WorkingGroupInput = Static<typeof WorkingGroupBody>;
