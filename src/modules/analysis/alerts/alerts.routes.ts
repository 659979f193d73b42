import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../../server/app-instance.js';
import { requireActor } from '../../../server/access-hook.js';
import { ErrorReply, IdParams, Nullable, Page } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { acknowledgeAlert, closeAlert } from './act-on-alert.js';
import { listAlertRules, listAlerts } from './alerts.queries.js';
import {
  AlertDetail,
  AlertListQuery,
  AlertRule,
  AlertRuleBody,
  AlertSummary,
  CloseAlertBody,
  RuleErrorReply,
  TestDraftBody,
  TestResult,
  TestRuleBody,
  ValidateBody,
  ValidateResult,
} from './alerts.schemas.js';
import { postTextFor } from '../../cases/mask-contact.js';
import { getAlertDetail } from './get-alert.js';
import { validateExpression } from './rule-expression.js';
import { createAlertRule, deleteAlertRule, updateAlertRule } from './save-alert-rule.js';
import { testAlertRule, testDraftRule } from './test-alert-rule.js';

const tags = ['预警'];

/** 预警规则 and 预警: the rules, their dry runs, and the alerts they raise. */
export function alertsRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/alert-rules',
    {
      config: { access: 'alerts.read' },
      schema: {
        tags,
        summary: '预警规则列表（启用的在前，级别高的在前）',
        response: { 200: Type.Object({ items: Type.Array(AlertRule) }) },
      },
    },
    async () => ({ items: await listAlertRules(ctx.db) }),
  );
  app.post(
    '/api/alert-rules',
    {
      config: { access: 'alerts.manage' },
      schema: {
        tags,
        summary: '新增预警规则（表达式有误时返回 400 RULE_SYNTAX 及出错位置）',
        body: AlertRuleBody,
        response: { 201: AlertRule, 400: RuleErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const rule = await createAlertRule({
        ctx,
        actor: requireActor(request),
        input: request.body,
      });
      return reply.status(201).send(rule);
    },
  );
  app.put(
    '/api/alert-rules/:id',
    {
      config: { access: 'alerts.manage' },
      schema: {
        tags,
        summary: '修改预警规则（整条替换；未给出的选项取默认值）',
        params: IdParams,
        body: AlertRuleBody,
        response: { 200: AlertRule, 400: RuleErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) =>
      updateAlertRule({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        input: request.body,
      }),
  );
  app.delete(
    '/api/alert-rules/:id',
    {
      config: { access: 'alerts.manage' },
      schema: {
        tags,
        summary: '删除预警规则；已产生过预警的规则不删除，改为停用（deleted 为 false）',
        params: IdParams,
        response: {
          200: Type.Object({ deleted: Type.Boolean(), rule: Nullable(AlertRule) }),
          404: ErrorReply,
        },
      },
    },
    async (request) =>
      deleteAlertRule({ ctx, actor: requireActor(request), id: request.params.id }),
  );
  app.post(
    '/api/alert-rules/validate',
    {
      config: { access: 'alerts.manage' },
      schema: {
        tags,
        summary: '检查表达式：正确时给出规范写法和关键词，错误时给出中文说明和出错位置',
        body: ValidateBody,
        response: { 200: ValidateResult },
      },
    },
    (request) => validateExpression(request.body.expression),
  );
  app.post(
    '/api/alert-rules/test',
    {
      config: { access: 'alerts.manage' },
      schema: {
        tags,
        summary: '试运行尚未保存的规则：当前时段的统计和最近几天匹配的信息（不产生预警）',
        body: TestDraftBody,
        response: { 200: TestResult, 400: RuleErrorReply },
      },
    },
    async (request) => testDraftRule({ ctx, actor: requireActor(request), input: request.body }),
  );
  app.post(
    '/api/alert-rules/:id/test',
    {
      config: { access: 'alerts.manage' },
      schema: {
        tags,
        summary: '试运行规则：当前时段的统计和最近几天匹配的信息（不产生预警）',
        params: IdParams,
        body: Type.Optional(TestRuleBody),
        response: { 200: TestResult, 400: RuleErrorReply, 404: ErrorReply },
      },
    },
    async (request) =>
      testAlertRule({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        days: request.body?.days,
      }),
  );
  app.get(
    '/api/alerts',
    {
      config: { access: 'alerts.read' },
      schema: {
        tags,
        summary: '预警列表：待处理在前，其次已确认、已关闭；同状态按级别、时间',
        querystring: AlertListQuery,
        response: { 200: Page(AlertSummary) },
      },
    },
    async (request) => listAlerts(ctx.db, request.query),
  );
  app.get(
    '/api/alerts/:id',
    {
      config: { access: 'alerts.read' },
      schema: {
        tags,
        summary: '预警详情及样例信息（标出规则匹配的词）',
        params: IdParams,
        response: { 200: AlertDetail, 404: ErrorReply },
      },
    },
    async (request) => getAlertDetail(ctx, request.params.id, postTextFor(requireActor(request))),
  );
  app.post(
    '/api/alerts/:id/acknowledge',
    {
      config: { access: 'alerts.manage' },
      schema: {
        tags,
        summary: '确认预警（已知悉，正在处置）',
        params: IdParams,
        response: { 200: AlertDetail, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      await acknowledgeAlert({ ctx, actor: requireActor(request), id: request.params.id });
      return getAlertDetail(ctx, request.params.id, postTextFor(requireActor(request)));
    },
  );
  app.post(
    '/api/alerts/:id/close',
    {
      config: { access: 'alerts.manage' },
      schema: {
        tags,
        summary: '关闭预警并填写处置说明；冷却时间过后规则可再次预警',
        params: IdParams,
        body: CloseAlertBody,
        response: { 200: AlertDetail, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      await closeAlert({
        ctx,
        actor: requireActor(request),
        id: request.params.id,
        note: request.body.note,
      });
      return getAlertDetail(ctx, request.params.id, postTextFor(requireActor(request)));
    },
  );
}
