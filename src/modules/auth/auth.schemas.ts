import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Role } from '../access/roles.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('monitor'),
  Type.Literal('leader'),
  Type.Literal('liaison'),
  Type.Literal('office'),
  Type.Literal('viewer'),
]) satisfies TSchema & { static: Role };

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  name: Type.String(),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  unitName: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleSchema),
  permissions: Type.Array(Type.String()),
  mustChangePassword: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const SessionReply = Type.Object({ user: Me, csrfToken: Type.String() });
