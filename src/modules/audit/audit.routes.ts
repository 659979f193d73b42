import { Type, type Static } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, Nullable, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { paginate } from '../../db/paginate.js';
import { formatDateTime } from '../../lib/format.js';
import type { Actor } from '../access/actor.js';
import { sendDownload, XLSX } from '../cases/documents/download.js';
import { AuditFilters, assertAuditSearchAllowed, auditMasker, filterAudit } from './audit-query.js';
import { AUDIT_EXPORT_MAX, exportAuditXlsx } from './audit-xlsx.js';
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
  ...AuditFilters.properties,
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
type AuditQuery = Static<typeof AuditQuery>;

async function listAudit(ctx: AppContext, actor: Actor, query: AuditQuery) {
  assertAuditSearchAllowed(actor, query);
  const mask = auditMasker(actor);
  const q = filterAudit(ctx.db.selectFrom('audit_log').selectAll(), query);
  return paginate(q.orderBy('id', 'desc'), query, (r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    summary: mask.text(r.summary),
    before: mask.json(r.before),
    after: mask.json(r.after),
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
        response: { 200: Page(AuditEntry), 400: ErrorReply },
      },
    },
    async (request) => listAudit(ctx, requireActor(request), request.query),
  );
  app.get(
    '/api/audit.xlsx',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: `下载审计日志（.xlsx，筛选条件同列表，按时间先后，最多 ${AUDIT_EXPORT_MAX} 条，联系方式脱敏）`,
        querystring: AuditFilters,
        response: { 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { data } = await exportAuditXlsx({ ctx, actor, filters: request.query });
      const day = formatDateTime(ctx.clock.now()).slice(0, 10);
      return sendDownload(reply, {
        type: XLSX,
        name: `审计日志-${day}.xlsx`,
        asciiName: `audit-log-${day}.xlsx`,
        data,
      });
    },
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
