import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { unitScope } from '../access/actor.js';
import {
  CreateUnitBody,
  CreateUserBody,
  Unit,
  UpdateUnitBody,
  UpdateUserBody,
  User,
  UserListQuery,
  WorkingGroup,
  WorkingGroupBody,
} from './org.schemas.js';
import { createUnit, deleteUnit, updateUnit } from './save-unit.js';
import { createUser, resetUserPassword, unlockUser, updateUser } from './save-user.js';
import { listUnits } from './units.queries.js';
import { getUser, listUsers } from './users.queries.js';
import { getWorkingGroup, updateWorkingGroup } from './working-group.js';

export function unitRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['单位'];
  app.get(
    '/api/units',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        summary: '单位列表（全部，扁平）',
        response: { 200: Type.Object({ items: Type.Array(Unit) }) },
      },
    },
    async () => ({ items: await listUnits(ctx.db) }),
  );
  app.post(
    '/api/units',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: '新增单位',
        body: CreateUnitBody,
        response: { 201: Unit, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const unit = await createUnit({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(unit);
    },
  );
  app.patch(
    '/api/units/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: '修改单位',
        params: IdParams,
        body: UpdateUnitBody,
        response: { 200: Unit },
      },
    },
    async (request) =>
      updateUnit({ ctx, actor: requireActor(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/api/units/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: '删除单位（无下级单位和用户时）',
        params: IdParams,
        response: { 204: Type.Null(), 409: ErrorReply },
      },
    },
    async (request, reply) => {
      await deleteUnit({ ctx, actor: requireActor(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}

export function userRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['用户'];
  app.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: {
        tags,
        summary: '用户列表（联络员只看到本单位）',
        querystring: UserListQuery,
        response: { 200: Page(User) },
      },
    },
    async (request) => listUsers(ctx.db, request.query, unitScope(requireActor(request))),
  );
  app.get(
    '/api/users/:id',
    {
      config: { access: 'users.read' },
      schema: { tags, summary: '用户详情', params: IdParams, response: { 200: User } },
    },
    async (request) => {
      const scope = unitScope(requireActor(request));
      const user = await getUser(ctx.db, request.params.id);
      if (!user || (scope && (user.unitId === null || !scope.includes(user.unitId))))
        throw notFound('用户');
      return user;
    },
  );
  app.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '新增用户（未给密码时生成初始密码，只返回这一次）',
        body: CreateUserBody,
        response: {
          201: Type.Object({
            user: User,
            initialPassword: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await createUser({ ctx, actor: requireActor(request), input: request.body });
      return reply.status(201).send(result);
    },
  );
  app.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '修改用户',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User },
      },
    },
    async (request) =>
      updateUser({ ctx, actor: requireActor(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '重置密码（用户下次登录须修改）',
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            { password: Type.Optional(Type.String({ maxLength: 128 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Type.Object({ initialPassword: Type.String() }) },
      },
    },
    async (request) =>
      resetUserPassword({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        password: request.body?.password,
      }),
  );
  app.post(
    '/api/users/:id/unlock',
    {
      config: { access: 'users.manage' },
      schema: { tags, summary: '解除登录锁定', params: IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await unlockUser({ ctx, actor: requireActor(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}

export function workingGroupRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['工作小组'];
  app.get(
    '/api/working-group',
    {
      config: { access: 'org.read' },
      schema: { tags, summary: '工作小组', response: { 200: WorkingGroup } },
    },
    async () => getWorkingGroup(ctx.db),
  );
  app.put(
    '/api/working-group',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: '设置工作小组',
        body: WorkingGroupBody,
        response: { 200: WorkingGroup },
      },
    },
    async (request) =>
      updateWorkingGroup({ ctx, actor: requireActor(request), input: request.body }),
  );
}
