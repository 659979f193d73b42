import { Type, type Static, type TObject } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import type { Actor } from '../access/actor.js';
import type { Permission } from '../access/roles.js';
import { archiveCase } from './archive-case.js';
import { assignCase, closeCase } from './assign-case.js';
import {
  AcknowledgeBody,
  AssignBody,
  CaseDetail,
  CommentBody,
  DeclineCoBody,
  ExtensionBody,
  ExtensionDecisionBody,
  PublishBody,
  RatingBody,
  ReasonBody,
  RequiredCommentBody,
  ReturnSlipBody,
  SignBody,
  TextBody,
} from './cases.schemas.js';
import { caseDetailFor } from './cases.queries.js';
import { decideExtension, requestExtension } from './extension.js';
import { contributeToCase, signCase, submitReply } from './handle-case.js';
import { acknowledgeCase, publishReply, rateCase, reopenCase } from './publish-reply.js';
import { approveReply, returnReply } from './review-reply.js';
import { declineCoHandling, returnSlip, withdrawSlip } from './return-slip.js';
import { urgeCase } from './urge-case.js';

const UrgeBody = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const optionalDate = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

/**
 * Every act on a case is `POST /api/cases/{id}/<act>`: its permission, its body, the use case it
 * calls. Each answers the case as it now stands, so the page redraws from one response.
 */
export function caseActRoutes(app: AppInstance, ctx: AppContext): void {
  function act<S extends TObject>(
    path: string,
    access: Permission,
    summary: string,
    body: S,
    run: (a: { ctx: AppContext; actor: Actor; id: number }, body: Static<S>) => Promise<void>,
  ): void {
    app.post(
      `/api/cases/:id/${path}`,
      {
        config: { access },
        schema: {
          tags: ['办件'],
          summary,
          params: IdParams,
          body,
          response: {
            200: CaseDetail,
            204: Type.Null({ description: '已办理，但办件已不在您的范围内（如退回抄告单后）' }),
            404: ErrorReply,
            409: ErrorReply,
          },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { id } = request.params;
        await run({ ctx, actor, id }, request.body as Static<S>);
        const detail = await caseDetailFor(
          ctx.db,
          actor,
          id,
          ctx.clock.now(),
          ctx.config.deadlines,
        );
        // The act was allowed, so the case was the actor's to see: now it is not (a liaison
        // whose unit sent the slip back). Done, with nothing to show.
        if (!detail) return reply.code(204).send(null);
        return detail;
      },
    );
  }

  act(
    'assign',
    'cases.decide',
    '批办：签发抄告单（批示、牵头单位、协办单位、紧急程度）',
    AssignBody,
    (a, b) => assignCase({ ...a, input: b }),
  );
  act('close', 'cases.decide', '无需回复，说明理由后办结', ReasonBody, (a, b) =>
    closeCase({ ...a, reason: b.reason, version: b.version }),
  );
  act('acknowledge', 'cases.publish', '告知网民“已收悉”（首次响应）', AcknowledgeBody, (a, b) =>
    acknowledgeCase({ ...a, text: b.text, version: b.version }),
  );
  act('sign', 'cases.handle', '承办单位签收抄告单', SignBody, (a, b) =>
    signCase({ ...a, unitId: b.unitId, version: b.version }),
  );
  act('contributions', 'cases.handle', '协办单位向牵头单位提交意见', TextBody, (a, b) =>
    contributeToCase({ ...a, unitId: b.unitId, text: b.text, version: b.version }),
  );
  act('reply', 'cases.handle', '牵头单位提交书面回复（送领导审定）', TextBody, (a, b) =>
    submitReply({ ...a, text: b.text, version: b.version }),
  );
  act(
    'return-slip',
    'cases.handle',
    '牵头单位退回抄告单（非本单位职责，须在提交书面回复前），办件回到待批办',
    ReturnSlipBody,
    (a, b) => returnSlip({ ...a, reason: b.reason, version: b.version }),
  );
  act(
    'decline-co',
    'cases.handle',
    '协办单位退出协办（非本单位职责，须在提交协办意见和牵头单位提交书面回复前），抄告单对其余单位仍有效',
    DeclineCoBody,
    (a, b) => declineCoHandling({ ...a, reason: b.reason, unitId: b.unitId, version: b.version }),
  );
  act(
    'withdraw-slip',
    'cases.decide',
    '领导收回抄告单（须在牵头单位提交书面回复前），办件回到待批办以便重新批办',
    ReturnSlipBody,
    (a, b) => withdrawSlip({ ...a, reason: b.reason, version: b.version }),
  );
  act(
    'extension',
    'cases.handle',
    '申请延期（每件一次，最迟至发帖后 5 天）',
    ExtensionBody,
    (a, b) =>
      requestExtension({ ...a, reason: b.reason, until: new Date(b.until), version: b.version }),
  );
  act('extension/decision', 'cases.decide', '领导审批延期申请', ExtensionDecisionBody, (a, b) =>
    decideExtension({ ...a, granted: b.granted, comment: b.comment, version: b.version }),
  );
  act('approve', 'cases.decide', '审定通过回复', CommentBody, (a, b) =>
    approveReply({ ...a, comment: b.comment, version: b.version }),
  );
  act('return', 'cases.decide', '退回回复并提出修改意见', RequiredCommentBody, (a, b) =>
    returnReply({ ...a, comment: b.comment, version: b.version }),
  );
  act('publish', 'cases.publish', '记录回复在原平台的发布地址和时间', PublishBody, (a, b) =>
    publishReply({
      ...a,
      url: b.url,
      publishedAt: optionalDate(b.publishedAt),
      version: b.version,
    }),
  );
  act('rating', 'cases.publish', '记录网民评价（不满意可重新办理）', RatingBody, (a, b) =>
    rateCase({ ...a, rating: b.rating, note: b.note, reopen: b.reopen, version: b.version }),
  );
  act(
    'reopen',
    'cases.publish',
    '网民评价不满意的回复重新办理（退回牵头单位）',
    CommentBody,
    (a, b) => reopenCase({ ...a, comment: b.comment, version: b.version }),
  );
  act('urge', 'cases.urge', '催办承办单位', UrgeBody, (a, b) =>
    urgeCase({ ...a, unitId: b.unitId, comment: b.comment, version: b.version }),
  );
  act('archive', 'cases.archive', '归档（此后只读）', CommentBody, (a, b) =>
    archiveCase({ ...a, version: b.version }),
  );
}
