import { Type, type Static } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { Nullable, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { containsPattern } from '../../db/like.js';
import { paginate } from '../../db/paginate.js';
import { verifyAudit } from './verify-audit.js';

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  summary: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
});

const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 50, description: '操作人姓名或登录名' })),
  actorId: Type.Optional(Type.Integer({ minimum: 1 })),
  action: Type.Optional(Type.String({ maxLength: 60 })),
  entityType: Type.Optional(Type.String({ maxLength: 40 })),
  entityId: Type.Optional(Type.String({ maxLength: 40 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: '摘要关键字' })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
type AuditQuery = Static<typeof AuditQuery>;

async function listAudit(ctx: AppContext, query: AuditQuery) {
  let q = ctx.db.selectFrom('audit_log');
  if (query.actorId !== undefined) q = q.where('actor_id', '=', query.actorId);
  if (query.actor) q = q.where('actor_name', 'ilike', containsPattern(query.actor.trim()));
  if (query.action) q = q.where('action', '=', query.action);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.from) q = q.where('at', '>=', new Date(query.from));
  if (query.to) q = q.where('at', '<=', new Date(query.to));
  if (query.q) q = q.where('summary', 'ilike', containsPattern(query.q.trim()));
  return paginate(q.selectAll().orderBy('id', 'desc'), query, (r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    summary: r.summary,
    before: r.before,
    after: r.after,
    ip: r.ip,
  }));
}

export function auditRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['审计日志'];
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: '审计日志（新的在前）',
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry) },
      },
    },
    async (request) => listAudit(ctx, request.query),
  );
  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: '校验审计日志哈希链',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            brokenAt: Nullable(Type.Integer()),
            message: Type.String(),
          }),
        },
      },
    },
    async () => verifyAudit(ctx.db),
  );
}
