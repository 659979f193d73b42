import { Type } from '@sinclair/typebox';
import { localDate } from '../../lib/calendar.js';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { generateRoster } from './generate-roster.js';
import { getWatchPeriod } from './get-watch-period.js';
import { replaceDuties } from './replace-duties.js';
import { createWatchPeriod, deleteWatchPeriod, updateWatchPeriod } from './save-watch-period.js';
import { watchToday } from './watch-today.js';
import { listSourceOptions, listWatchPeriods } from './watch.queries.js';
import {
  CreateWatchPeriodBody,
  GenerateRosterBody,
  ProposedRoster,
  ReplaceDutiesBody,
  SourceOption,
  UpdateWatchPeriodBody,
  WatchPeriodDetail,
  WatchPeriodListQuery,
  WatchPeriodSummary,
  WatchToday,
} from './watch.schemas.js';

const tags = ['重点时段与值班'];

/** Watch periods (重点时段) and their 24-hour duty roster (值班表). */
export function watchRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/watch-periods',
    {
      config: { access: 'watch.read' },
      schema: {
        tags,
        summary: '重点时段列表（状态按今天的本地日期：进行中、未开始、已结束）',
        querystring: WatchPeriodListQuery,
        response: { 200: Page(WatchPeriodSummary) },
      },
    },
    async (request) =>
      listWatchPeriods(
        ctx.db,
        request.query,
        localDate(ctx.clock.now(), ctx.config.deadlines.timeZone),
      ),
  );
  app.get(
    '/api/watch-periods/:id',
    {
      config: { access: 'watch.read' },
      schema: {
        tags,
        summary: '重点时段详情：信息源、值班表及每天无人值守的小时',
        params: IdParams,
        response: { 200: WatchPeriodDetail, 404: ErrorReply },
      },
    },
    async (request) => {
      const period = await getWatchPeriod(ctx, request.params.id);
      if (!period) throw notFound('重点时段');
      return period;
    },
  );
  app.post(
    '/api/watch-periods',
    {
      config: { access: 'watch.manage' },
      schema: {
        tags,
        summary: '新增重点时段',
        body: CreateWatchPeriodBody,
        response: { 201: WatchPeriodDetail, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const period = await createWatchPeriod({
        ctx,
        actor: requireActor(request),
        input: request.body,
      });
      return reply.status(201).send(period);
    },
  );
  app.patch(
    '/api/watch-periods/:id',
    {
      config: { access: 'watch.manage' },
      schema: {
        tags,
        summary: '修改重点时段',
        params: IdParams,
        body: UpdateWatchPeriodBody,
        response: { 200: WatchPeriodDetail, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) =>
      updateWatchPeriod({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        input: request.body,
      }),
  );
  app.delete(
    '/api/watch-periods/:id',
    {
      config: { access: 'watch.manage' },
      schema: {
        tags,
        summary: '删除重点时段及其值班表',
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorReply },
      },
    },
    async (request, reply) => {
      await deleteWatchPeriod({ ctx, actor: requireActor(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/api/watch-periods/:id/duties',
    {
      config: { access: 'watch.manage' },
      schema: {
        tags,
        summary: '保存值班表（整表替换；错误逐行说明，如“第 3 行：与第 1 行时间重叠”）',
        params: IdParams,
        body: ReplaceDutiesBody,
        response: { 200: WatchPeriodDetail, 400: ErrorReply },
      },
    },
    async (request) =>
      replaceDuties({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        input: request.body,
      }),
  );
  app.post(
    '/api/watch-periods/:id/duties/generate',
    {
      config: { access: 'watch.manage' },
      schema: {
        tags,
        summary: '自动排班：按轮班生成覆盖每天 24 小时的值班表建议（不保存）',
        params: IdParams,
        body: GenerateRosterBody,
        response: { 200: ProposedRoster, 400: ErrorReply },
      },
    },
    async (request) =>
      generateRoster({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        input: request.body,
      }),
  );
  app.get(
    '/api/watch/source-options',
    {
      config: { access: 'watch.read' },
      schema: {
        tags,
        summary: '可加入重点时段的信息源（启用的 RSS、网页列表、JSON 接口）',
        response: { 200: Type.Object({ items: Type.Array(SourceOption) }) },
      },
    },
    async () => ({ items: await listSourceOptions(ctx.db) }),
  );
  app.get(
    '/api/watch/today',
    {
      config: { access: 'watch.read' },
      schema: {
        tags,
        summary: '今日值班：今天的重点时段、当前值班和下一班人员、今天无人值守的小时',
        response: { 200: WatchToday },
      },
    },
    async () => watchToday(ctx),
  );
}
