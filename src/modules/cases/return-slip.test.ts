import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { Actor } from '../access/actor.js';
import { docxText } from '../../../tests/helpers/docx.js';
import { assignCase } from './assign-case.js';
import { getCaseDetail } from './cases.queries.js';
import { buildCaseFileDocx } from './documents/case-file-docx.js';
import { loadCaseRecord } from './documents/case-record.js';
import type { CaseDetail } from './cases.schemas.js';
import { requestExtension } from './extension.js';
import { contributeToCase, signCase, submitReply } from './handle-case.js';
import { registerCase } from './register-case.js';
import { returnReply } from './review-reply.js';
import { declineCoHandling, returnSlip, withdrawSlip } from './return-slip.js';

let t: TestContext;
let monitor: Actor;
let leader: Actor;
let leader2: Actor;
let leadLiaison: Actor;
let coLiaison: Actor;
let rightLiaison: Actor;
let strangerLiaison: Actor;
let wrongUnit: { id: number; name: string };
let coUnit: { id: number; name: string };
let rightUnit: { id: number; name: string };
let users: Record<string, BuiltUser>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REASON = '非本单位职责，建议由自然资源所办理';

beforeAll(async () => {
  t = await createTestContext();
  wrongUnit = await buildUnit(t.ctx, { name: '城建办' });
  coUnit = await buildUnit(t.ctx, { name: '综治办' });
  rightUnit = await buildUnit(t.ctx, { name: '自然资源所' });
  const otherUnit = await buildUnit(t.ctx, { name: '卫生院' });
  users = {
    monitor: await buildUser(t.ctx, { roles: ['monitor'] }),
    leader: await buildUser(t.ctx, { roles: ['leader'] }),
    leader2: await buildUser(t.ctx, { roles: ['leader'] }),
    lead: await buildUser(t.ctx, { roles: ['liaison'], unitId: wrongUnit.id }),
    co: await buildUser(t.ctx, { roles: ['liaison'], unitId: coUnit.id }),
    right: await buildUser(t.ctx, { roles: ['liaison'], unitId: rightUnit.id }),
    stranger: await buildUser(t.ctx, { roles: ['liaison'], unitId: otherUnit.id }),
  };
  monitor = actorFor(users.monitor!);
  leader = actorFor(users.leader!);
  leader2 = actorFor(users.leader2!);
  leadLiaison = actorFor(users.lead!);
  coLiaison = actorFor(users.co!);
  rightLiaison = actorFor(users.right!);
  strangerLiaison = actorFor(users.stranger!);
});
afterAll(() => t.close());

const detail = async (id: number, actor: Actor = monitor) =>
  getCaseDetail(t.ctx.db, actor, id, t.clock.now());

/** A case assigned to 城建办 (wrongly) with 综治办 as co-unit. */
async function assignedCase(): Promise<{ id: number; slipNo: string; postedAt: Date }> {
  const postedAt = new Date(t.clock.now().getTime() - 2 * HOUR);
  const { id } = await registerCase({
    ctx: t.ctx,
    actor: monitor,
    input: {
      post: {
        source: '县长信箱',
        postedAt: postedAt.toISOString(),
        title: '山坡开挖疑似违法占地',
        body: '青石村后山有人开挖山坡，疑似违法占用林地。',
      },
    },
  });
  await assignCase({
    ctx: t.ctx,
    actor: leader,
    id,
    input: { instruction: '请核实处理', leadUnitId: wrongUnit.id, coUnitIds: [coUnit.id] },
  });
  const c = await detail(id);
  return { id, slipNo: c?.slipNo ?? '', postedAt };
}

describe('退回抄告单', () => {
  it('sends the slip back to 待批办 with the reason on record, and the next 批办 is a new slip', async () => {
    const { id, slipNo } = await assignedCase();
    expect(slipNo).toMatch(/^2026-\d{4}$/);
    const before = await detail(id);
    expect((await detail(id, leadLiaison))?.actions).toContain('return-slip');
    expect((await detail(id, coLiaison))?.actions).not.toContain('return-slip');
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    expect((await detail(id, leadLiaison))?.state).toBe('handling');
    await signCase({ ctx: t.ctx, actor: coLiaison, id });
    await contributeToCase({ ctx: t.ctx, actor: coLiaison, id, text: '综治办未掌握相关情况。' });

    t.clock.advance(HOUR);
    await returnSlip({ ctx: t.ctx, actor: leadLiaison, id, reason: `  ${REASON}  ` });

    const c = await detail(id);
    expect(c).toMatchObject({
      state: 'registered',
      slipNo: null,
      leadUnitId: null,
      handlingDueAt: null,
      handlingClock: null,
      units: [],
      // The citizen's clock keeps running.
      replyDueAt: before?.replyDueAt,
      lastReturn: { unitName: '城建办', at: t.clock.now().toISOString(), reason: REASON },
    });
    expect((await detail(id, leader))?.actions).toContain('assign');
    expect(c?.timeline.at(-1)).toMatchObject({
      action: 'return-slip',
      label: '退回（非本单位职责）',
      fromState: 'handling',
      toState: 'registered',
      unitName: '城建办',
      comment: `抄告单 ${slipNo}：${REASON}`,
    });
    // The unit is off the case: its liaison no longer sees it, nor does the co-unit's.
    expect(await detail(id, leadLiaison)).toBeUndefined();
    expect(await detail(id, coLiaison)).toBeUndefined();

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['summary', 'before', 'after'])
      .where('action', '=', 'case.return-slip')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain(`抄告单 ${slipNo}`);
    expect(audit.summary).toContain(REASON);
    expect(audit.before).toMatchObject({ state: 'handling' });
    expect(audit.after).toMatchObject({
      state: 'registered',
      reason: REASON,
      slipNo,
      leadUnitId: wrongUnit.id,
      coUnitIds: [coUnit.id],
      contributions: [{ unitId: coUnit.id, text: '综治办未掌握相关情况。' }],
    });
    expect([...(audit.after as { signed: number[] }).signed].sort()).toEqual(
      [wrongUnit.id, coUnit.id].sort(),
    );

    const told = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'title', 'body'])
      .where('case_id', '=', id)
      .where('kind', '=', 'case.slip-returned')
      .execute();
    const toLeader = told.find((n) => n.user_id === leader2.id);
    expect(toLeader?.title).toContain(`抄告单 ${slipNo}`);
    expect(toLeader?.body).toBe(`城建办退回抄告单 ${slipNo}：${REASON}`);
    expect(told.some((n) => n.user_id === leader.id)).toBe(true);
    expect(told.some((n) => n.user_id === coLiaison.id)).toBe(true);

    // 批办 again, to the right unit: a new slip number; the old one stays in the timeline.
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '请自然资源所核实处理', leadUnitId: rightUnit.id },
    });
    const again = await detail(id, rightLiaison);
    expect(again?.state).toBe('assigned');
    expect(again?.slipNo).toMatch(/^2026-\d{4}$/);
    expect(again?.slipNo).not.toBe(slipNo);
    expect(again?.handlingClock?.dueAt).toBe(
      new Date(t.clock.now().getTime() + 3 * DAY).toISOString(),
    );
    expect(again?.replyDueAt).toBe(before?.replyDueAt);
    await signCase({ ctx: t.ctx, actor: rightLiaison, id });
    expect((await detail(id))?.state).toBe('handling');
    expect((await detail(id))?.timeline.map((e) => e.action)).toEqual([
      'register',
      'assign',
      'sign',
      'sign',
      'contribute',
      'return-slip',
      'assign',
      'sign',
    ]);
    // The wrong unit is not on the new slip.
    expect(await detail(id, leadLiaison)).toBeUndefined();
  });

  it('may be sent back to the same unit and drops a pending extension request with the slip', async () => {
    const { id, postedAt } = await assignedCase();
    await requestExtension({
      ctx: t.ctx,
      actor: leadLiaison,
      id,
      reason: '需现场勘查',
      until: new Date(postedAt.getTime() + 4 * DAY),
    });
    await returnSlip({ ctx: t.ctx, actor: leadLiaison, id, reason: REASON });
    expect((await detail(id))?.extension).toBeNull();
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '经核实确属城建办职责，请办理', leadUnitId: wrongUnit.id },
    });
    const c = await detail(id, leadLiaison);
    expect(c?.state).toBe('assigned');
    expect(c?.actions).toContain('extension.request');
  });

  it('is refused to co-units, other units, leaders, without a reason and on a stale version', async () => {
    const { id } = await assignedCase();
    const version = (await detail(id))?.version;
    await expect(
      returnSlip({ ctx: t.ctx, actor: coLiaison, id, reason: REASON }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      returnSlip({ ctx: t.ctx, actor: strangerLiaison, id, reason: REASON }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      returnSlip({ ctx: t.ctx, actor: leader, id, reason: REASON }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const reason of ['', '   ', '非', 'x'.repeat(501)])
      await expect(
        returnSlip({ ctx: t.ctx, actor: leadLiaison, id, reason }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('请填写退回理由') as unknown,
      });
    await signCase({ ctx: t.ctx, actor: coLiaison, id });
    await expect(
      returnSlip({ ctx: t.ctx, actor: leadLiaison, id, reason: REASON, version }),
    ).rejects.toMatchObject({ code: 'CASE_STALE' });
    expect((await detail(id))?.state).toBe('assigned');
  });

  it('is refused once a written reply was submitted, also after the reply came back for revision', async () => {
    const { id } = await assignedCase();
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    await submitReply({ ctx: t.ctx, actor: leadLiaison, id, text: '经核实，已制止开挖。' });
    await expect(
      returnSlip({ ctx: t.ctx, actor: leadLiaison, id, reason: REASON }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await returnReply({ ctx: t.ctx, actor: leader, id, comment: '请写明处理结果' });
    expect((await detail(id, leadLiaison))?.actions).not.toContain('return-slip');
    await expect(
      returnSlip({ ctx: t.ctx, actor: leadLiaison, id, reason: REASON }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('已提交书面回复') as unknown,
    });
    expect((await detail(id))?.state).toBe('handling');
  });

  it('answers 204 over HTTP to the liaison who no longer sees the case, 409 when stale', async () => {
    const built = await buildTestApp(t.ctx);
    try {
      const liaison = await loginAs(built, users.lead!.username, users.lead!.password);
      const boss = await loginAs(built, users.leader!.username, users.leader!.password);
      const { id } = await assignedCase();
      const seen = (await liaison.request('GET', `/api/cases/${id}`)).json<CaseDetail>();
      expect(seen.actions).toContain('return-slip');
      const empty = await liaison.request('POST', `/api/cases/${id}/return-slip`, {
        reason: ' ',
        version: seen.version,
      });
      expect(empty.statusCode).toBe(400);
      const stale = await liaison.request('POST', `/api/cases/${id}/return-slip`, {
        reason: REASON,
        version: seen.version - 1,
      });
      expect(stale.statusCode).toBe(409);
      const done = await liaison.request('POST', `/api/cases/${id}/return-slip`, {
        reason: REASON,
        version: seen.version,
      });
      expect(done.statusCode, done.body).toBe(204);
      const gone = await liaison.request('GET', `/api/cases/${id}`);
      expect(gone.statusCode).toBe(404);
      expect(gone.json<{ error: { message: string } }>().error.message).toBe(
        `该办件的抄告单 ${seen.slipNo} 已被退回，本单位不再承办，待领导重新批办；如有疑问请联系领导`,
      );
      const co = await loginAs(built, users.co!.username, users.co!.password);
      expect(
        (await co.request('GET', `/api/cases/${id}`)).json<{ error: { message: string } }>().error
          .message,
      ).toContain('已被退回');
      const stranger = await loginAs(built, users.stranger!.username, users.stranger!.password);
      expect(
        (await stranger.request('GET', `/api/cases/${id}`)).json<{ error: { message: string } }>()
          .error.message,
      ).toBe('办件不存在');
      const c = (await boss.request('GET', `/api/cases/${id}`)).json<CaseDetail>();
      expect(c.state).toBe('registered');
      expect(c.lastReturn).toMatchObject({ unitName: '城建办', reason: REASON });
      expect(c.handlingDueIfAssigned).toBeDefined();
    } finally {
      await built.app.close();
    }
  });
});

describe('收回抄告单', () => {
  const WHY = '承办单位有误，应由自然资源所办理';

  it('lets a leader take a slip back before the reply, telling every unit on it, and assign again', async () => {
    const { id, slipNo, postedAt } = await assignedCase();
    expect((await detail(id, leader))?.actions).toContain('withdraw-slip');
    expect((await detail(id, leadLiaison))?.actions).not.toContain('withdraw-slip');
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    await requestExtension({
      ctx: t.ctx,
      actor: leadLiaison,
      id,
      reason: '需现场核实',
      until: new Date(postedAt.getTime() + 4 * DAY),
    });

    await withdrawSlip({ ctx: t.ctx, actor: leader, id, reason: `  ${WHY} ` });

    const c = await detail(id);
    expect(c).toMatchObject({ state: 'registered', slipNo: null, units: [], extension: null });
    expect(c?.timeline.at(-1)).toMatchObject({
      action: 'withdraw-slip',
      label: '收回抄告单',
      fromState: 'handling',
      toState: 'registered',
      unitName: null,
      comment: `抄告单 ${slipNo}：${WHY}`,
    });
    expect(await detail(id, leadLiaison)).toBeUndefined();
    expect(await detail(id, coLiaison)).toBeUndefined();
    const told = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'body'])
      .where('case_id', '=', id)
      .where('kind', '=', 'case.slip-withdrawn')
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([leadLiaison.id, coLiaison.id].sort());
    expect(told[0]?.body).toBe(`抄告单 ${slipNo}已由领导收回：${WHY}\n本单位无需继续办理。`);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['summary', 'after'])
      .where('action', '=', 'case.withdraw-slip')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain(WHY);
    expect(audit.after).toMatchObject({
      state: 'registered',
      leadUnitId: wrongUnit.id,
      coUnitIds: [coUnit.id],
      signed: [wrongUnit.id],
    });

    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '请自然资源所核实处理', leadUnitId: rightUnit.id },
    });
    const again = await detail(id, rightLiaison);
    expect(again?.slipNo).toMatch(/^2026-\d{4}$/);
    expect(again?.slipNo).not.toBe(slipNo);
    // The case now holds the new instruction; the slip taken back keeps its own, and its
    // co-unit by name, in the timeline, the audit log and the 卷宗.
    const assigns = (await detail(id))?.timeline.filter((e) => e.action === 'assign');
    expect(assigns?.map((e) => e.comment)).toEqual([
      `抄告单 ${slipNo}，牵头单位：城建办，协办单位：综治办；批示：请核实处理`,
      `抄告单 ${again?.slipNo}，牵头单位：自然资源所；批示：请自然资源所核实处理`,
    ]);
    const firstAudit = await t.ctx.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'case.assign')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(firstAudit.after).toMatchObject({ slipNo, instruction: '请核实处理' });
    const file = docxText(
      await buildCaseFileDocx(await loadCaseRecord(t.ctx, leader, id), {
        generatedAt: t.clock.now(),
        generatedBy: '督查',
      }),
    );
    expect(file).toContain('批示：请核实处理');
    expect(file).toContain('协办单位：综治办');
  });

  it('is refused to liaisons, without a reason and once the lead unit has replied', async () => {
    const { id } = await assignedCase();
    await expect(
      withdrawSlip({ ctx: t.ctx, actor: leadLiaison, id, reason: WHY }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      withdrawSlip({ ctx: t.ctx, actor: leader, id, reason: ' 收' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '请填写收回理由（2 至 500 字）',
    });
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    await submitReply({ ctx: t.ctx, actor: leadLiaison, id, text: '经核实，已制止开挖。' });
    await returnReply({ ctx: t.ctx, actor: leader, id, comment: '请补充处理结果' });
    expect((await detail(id, leader))?.actions).not.toContain('withdraw-slip');
    await expect(
      withdrawSlip({ ctx: t.ctx, actor: leader, id, reason: WHY }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await detail(id))?.state).toBe('handling');
  });

  it('tells the liaison who opens the case afterwards that the slip was taken back', async () => {
    const built = await buildTestApp(t.ctx);
    try {
      const liaison = await loginAs(built, users.lead!.username, users.lead!.password);
      const boss = await loginAs(built, users.leader!.username, users.leader!.password);
      const { id, slipNo } = await assignedCase();
      const seen = (await boss.request('GET', `/api/cases/${id}`)).json<CaseDetail>();
      const done = await boss.request('POST', `/api/cases/${id}/withdraw-slip`, {
        reason: WHY,
        version: seen.version,
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json<CaseDetail>().state).toBe('registered');
      const gone = await liaison.request('GET', `/api/cases/${id}`);
      expect(gone.statusCode).toBe(404);
      expect(gone.json<{ error: { message: string } }>().error.message).toBe(
        `该办件的抄告单 ${slipNo} 已由领导收回，本单位不再承办，待领导重新批办；如有疑问请联系领导`,
      );
    } finally {
      await built.app.close();
    }
  });
});

describe('退出协办', () => {
  const WHY = '本单位不负责林地管理，非协办事项';

  /** A case led by 城建办 with 综治办 and 自然资源所 as co-units. */
  async function twoCoUnits(): Promise<{ id: number; slipNo: string }> {
    const { id } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: {
        post: {
          source: '县长信箱',
          postedAt: new Date(t.clock.now().getTime() - HOUR).toISOString(),
          title: '后山开挖',
          body: '青石村后山有人开挖山坡。',
        },
      },
    });
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: {
        instruction: '请核实处理',
        leadUnitId: wrongUnit.id,
        coUnitIds: [coUnit.id, rightUnit.id],
      },
    });
    return { id, slipNo: (await detail(id))?.slipNo ?? '' };
  }

  it('takes the co-unit off the case, keeping the slip for the lead unit and the other co-unit', async () => {
    const { id, slipNo } = await twoCoUnits();
    expect((await detail(id, coLiaison))?.actions).toContain('decline-co');
    expect((await detail(id, leadLiaison))?.actions).not.toContain('decline-co');
    expect((await detail(id, leader))?.actions).not.toContain('decline-co');
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    await signCase({ ctx: t.ctx, actor: coLiaison, id });
    const before = await detail(id);

    t.clock.advance(HOUR);
    await declineCoHandling({ ctx: t.ctx, actor: coLiaison, id, reason: `  ${WHY} ` });

    const c = await detail(id);
    expect(c).toMatchObject({
      state: 'handling',
      slipNo,
      leadUnitId: wrongUnit.id,
      handlingDueAt: before?.handlingDueAt,
      replyDueAt: before?.replyDueAt,
    });
    expect(c?.units.map((u) => u.name)).toEqual(['城建办', '自然资源所']);
    expect(c?.timeline.at(-1)).toMatchObject({
      action: 'decline-co',
      label: '退出协办',
      fromState: 'handling',
      toState: 'handling',
      unitName: '综治办',
      comment: `抄告单 ${slipNo}：${WHY}`,
    });
    // Its liaison no longer sees the case; the others still do.
    expect(await detail(id, coLiaison)).toBeUndefined();
    expect((await detail(id, rightLiaison))?.slipNo).toBe(slipNo);
    expect((await detail(id, leadLiaison))?.actions).toContain('reply');

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['summary', 'after'])
      .where('action', '=', 'case.decline-co')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain(`抄告单 ${slipNo}`);
    expect(audit.summary).toContain(WHY);
    expect(audit.after).toMatchObject({
      state: 'handling',
      reason: WHY,
      slipNo,
      unitId: coUnit.id,
      unitName: '综治办',
    });

    const told = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'body'])
      .where('case_id', '=', id)
      .where('kind', '=', 'case.co-declined')
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual(
      [leader.id, leader2.id, leadLiaison.id].sort(),
    );
    expect(told[0]?.title).toBe(`协办单位退出协办：抄告单 ${slipNo}`);
    expect(told.find((n) => n.user_id === leadLiaison.id)?.body).toBe(
      `综治办退出抄告单 ${slipNo} 的协办：${WHY}\n请牵头单位汇总其余单位意见后答复。`,
    );

    const file = docxText(
      await buildCaseFileDocx(await loadCaseRecord(t.ctx, leader, id), {
        generatedAt: t.clock.now(),
        generatedBy: '督查',
      }),
    );
    expect(file).toContain('退出协办');
    expect(file).toContain(WHY);
  });

  it('is refused to the lead unit, other units, leaders, without a reason and on a stale version', async () => {
    const { id } = await twoCoUnits();
    const version = (await detail(id))?.version;
    await expect(
      declineCoHandling({ ctx: t.ctx, actor: leadLiaison, id, reason: WHY }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('协办单位') as unknown,
    });
    await expect(
      declineCoHandling({ ctx: t.ctx, actor: strangerLiaison, id, reason: WHY }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      declineCoHandling({ ctx: t.ctx, actor: leader, id, reason: WHY }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const reason of ['', '   ', '非', 'x'.repeat(501)])
      await expect(
        declineCoHandling({ ctx: t.ctx, actor: coLiaison, id, reason }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '请填写退出协办的理由（2 至 500 字）',
      });
    await signCase({ ctx: t.ctx, actor: rightLiaison, id });
    await expect(
      declineCoHandling({ ctx: t.ctx, actor: coLiaison, id, reason: WHY, version }),
    ).rejects.toMatchObject({ code: 'CASE_STALE' });
    expect((await detail(id))?.units).toHaveLength(3);
  });

  it('is refused once the co-unit has given its input: that is already part of the reply', async () => {
    const { id } = await twoCoUnits();
    await signCase({ ctx: t.ctx, actor: coLiaison, id });
    await contributeToCase({ ctx: t.ctx, actor: coLiaison, id, text: '综治办未掌握相关情况。' });
    expect((await detail(id, coLiaison))?.actions).not.toContain('decline-co');
    await expect(
      declineCoHandling({ ctx: t.ctx, actor: coLiaison, id, reason: WHY }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('已提交协办意见') as unknown,
    });
    expect((await detail(id))?.units).toHaveLength(3);
  });

  it('is refused once the lead unit has submitted its written reply, also after it came back', async () => {
    const { id } = await twoCoUnits();
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    await submitReply({ ctx: t.ctx, actor: leadLiaison, id, text: '经核实，已制止开挖。' });
    await expect(
      declineCoHandling({ ctx: t.ctx, actor: coLiaison, id, reason: WHY }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await returnReply({ ctx: t.ctx, actor: leader, id, comment: '请写明处理结果' });
    expect((await detail(id, coLiaison))?.actions).not.toContain('decline-co');
    await expect(
      declineCoHandling({ ctx: t.ctx, actor: coLiaison, id, reason: WHY }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('已提交书面回复') as unknown,
    });
    expect((await detail(id))?.units).toHaveLength(3);
  });

  it('answers 204 over HTTP, and tells the liaison who opens the case afterwards why it is gone', async () => {
    const built = await buildTestApp(t.ctx);
    try {
      const co = await loginAs(built, users.co!.username, users.co!.password);
      const { id, slipNo } = await twoCoUnits();
      const seen = (await co.request('GET', `/api/cases/${id}`)).json<CaseDetail>();
      expect(seen.actions).toContain('decline-co');
      const empty = await co.request('POST', `/api/cases/${id}/decline-co`, {
        reason: ' ',
        version: seen.version,
      });
      expect(empty.statusCode).toBe(400);
      const stale = await co.request('POST', `/api/cases/${id}/decline-co`, {
        reason: WHY,
        version: seen.version - 1,
      });
      expect(stale.statusCode).toBe(409);
      const done = await co.request('POST', `/api/cases/${id}/decline-co`, {
        reason: WHY,
        unitId: coUnit.id,
        version: seen.version,
      });
      expect(done.statusCode, done.body).toBe(204);
      const gone = await co.request('GET', `/api/cases/${id}`);
      expect(gone.statusCode).toBe(404);
      expect(gone.json<{ error: { message: string } }>().error.message).toBe(
        `本单位已退出该办件抄告单 ${slipNo} 的协办，不再看到此办件；如有疑问请联系领导`,
      );
      const lead = await loginAs(built, users.lead!.username, users.lead!.password);
      const c = (await lead.request('GET', `/api/cases/${id}`)).json<CaseDetail>();
      expect(c.slipNo).toBe(slipNo);
      expect(c.units.map((u) => u.name)).toEqual(['城建办', '自然资源所']);
    } finally {
      await built.app.close();
    }
  });
});
