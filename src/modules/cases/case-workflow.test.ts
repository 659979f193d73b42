import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { AppContext } from '../../server/context.js';
import type { Actor } from '../access/actor.js';
import { archiveCase } from './archive-case.js';
import { assignCase, closeCase } from './assign-case.js';
import { getCaseDetail } from './cases.queries.js';
import { decideExtension, requestExtension } from './extension.js';
import { contributeToCase, signCase, submitReply } from './handle-case.js';
import { acknowledgeCase, publishReply, rateCase } from './publish-reply.js';
import { registerCase } from './register-case.js';
import { approveReply, returnReply } from './review-reply.js';
import { MANUAL_URGE_GAP_MS, urgeCase, urgeOverdue } from './urge-case.js';

let t: TestContext;
let monitor: Actor;
let leader: Actor;
let leader2: Actor;
let office: Actor;
let viewer: Actor;
let leadLiaison: Actor;
let coLiaison: Actor;
let strangerLiaison: Actor;
let leadUnit: { id: number; name: string };
let coUnit: { id: number; name: string };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  t = await createTestContext();
  leadUnit = await buildUnit(t.ctx, { name: '城建办' });
  coUnit = await buildUnit(t.ctx, { name: '自然资源所' });
  const otherUnit = await buildUnit(t.ctx, { name: '卫生院' });
  const user = async (roles: BuiltUser['roles'], unitId: number | null = null) =>
    actorFor(await buildUser(t.ctx, { roles, unitId }));
  monitor = await user(['monitor']);
  leader = await user(['leader']);
  leader2 = await user(['leader']);
  office = await user(['office']);
  viewer = await user(['viewer']);
  leadLiaison = await user(['liaison'], leadUnit.id);
  coLiaison = await user(['liaison'], coUnit.id);
  strangerLiaison = await user(['liaison'], otherUnit.id);
});
afterAll(() => t.close());

async function register(
  ctx: AppContext,
  postedAt: Date,
  urgent = false,
  contact: string | null = '13812345678',
) {
  const { id } = await registerCase({
    ctx,
    actor: monitor,
    input: {
      post: {
        source: '县长信箱',
        url: 'https://example.gov.cn/msg/1',
        author: '网友甲',
        postedAt: postedAt.toISOString(),
        title: '青石村道路积水',
        body: '青石村主路下雨就积水，希望尽快修排水沟。',
        contact,
      },
      urgent,
    },
  });
  return id;
}

const detail = async (id: number, actor: Actor = monitor) => {
  const d = await getCaseDetail(t.ctx.db, actor, id, t.clock.now());
  if (!d) throw new Error('case not visible');
  return d;
};

describe('the normal path', () => {
  it('goes through all seven steps with the deadlines, the timeline and the audit', async () => {
    const posted = new Date(t.clock.now().getTime() - 2 * HOUR);
    const id = await register(t.ctx, posted);
    let c = await detail(id);
    expect(c.state).toBe('registered');
    expect(c.replyClock?.dueAt).toBe(new Date(posted.getTime() + 3 * DAY).toISOString());

    await acknowledgeCase({ ctx: t.ctx, actor: monitor, id });
    expect((await detail(id)).firstResponseMinutes).toBe(120);

    t.clock.advance(HOUR);
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: {
        instruction: '请城建办牵头核实处理，自然资源所配合。',
        leadUnitId: leadUnit.id,
        coUnitIds: [coUnit.id],
      },
    });
    c = await detail(id, leadLiaison);
    expect(c).toMatchObject({ state: 'assigned', slipNo: '2026-0001', leadUnitName: '城建办' });
    expect(c.handlingClock?.dueAt).toBe(new Date(t.clock.now().getTime() + 3 * DAY).toISOString());
    expect(c.actions).toEqual(['sign', 'extension.request', 'return-slip', 'attach']);

    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    expect((await detail(id)).state).toBe('handling');
    await signCase({ ctx: t.ctx, actor: coLiaison, id });
    await contributeToCase({
      ctx: t.ctx,
      actor: coLiaison,
      id,
      text: '该路段排水沟属村道配套，建议纳入本年度维修计划。',
    });
    await submitReply({
      ctx: t.ctx,
      actor: leadLiaison,
      id,
      text: '经核实，已安排施工队疏通排水沟。',
    });
    expect((await detail(id)).state).toBe('reviewing');

    await returnReply({ ctx: t.ctx, actor: leader, id, comment: '请写明完工时间和联系电话。' });
    c = await detail(id, leadLiaison);
    expect(c.state).toBe('handling');
    expect(c.actions).toContain('reply');
    await submitReply({
      ctx: t.ctx,
      actor: leadLiaison,
      id,
      text: '经核实，排水沟将于 12 月 5 日前疏通完毕，联系电话 0000-6610003。',
    });
    await approveReply({ ctx: t.ctx, actor: leader, id });
    await publishReply({
      ctx: t.ctx,
      actor: monitor,
      id,
      url: 'https://example.gov.cn/msg/1#reply',
    });
    await rateCase({ ctx: t.ctx, actor: monitor, id, rating: 'satisfied' });
    await archiveCase({ ctx: t.ctx, actor: office, id });

    c = await detail(id);
    expect(c.state).toBe('archived');
    expect(c.replies.map((r) => [r.round, r.decision])).toEqual([
      [1, 'returned'],
      [2, 'approved'],
    ]);
    expect(c.units.map((u) => [u.name, u.role, u.signedBy])).toEqual([
      ['城建办', 'lead', leadLiaison.name],
      ['自然资源所', 'co', coLiaison.name],
    ]);
    // The due times stay on the case after its clocks have stopped.
    expect(c.replyClock).toBeNull();
    expect(c.replyDueAt).toBe(new Date(posted.getTime() + 3 * DAY).toISOString());
    expect(c.timeline.map((e) => e.action)).toEqual([
      'register',
      'acknowledge',
      'assign',
      'sign',
      'sign',
      'contribute',
      'reply',
      'return',
      'reply',
      'approve',
      'publish',
      'rate',
      'archive',
    ]);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audited).toHaveLength(13);

    // Archived is read-only: every act is refused.
    await expect(acknowledgeCase({ ctx: t.ctx, actor: monitor, id })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    await expect(closeCase({ ctx: t.ctx, actor: leader, id, reason: 'x' })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect((await detail(id, office)).actions).toEqual([]);
  });

  it('gives an urgent slip 2 days and numbers slips on per year', async () => {
    const id = await register(t.ctx, new Date(t.clock.now().getTime() - HOUR), true);
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '急办', leadUnitId: leadUnit.id },
    });
    const c = await detail(id);
    expect(c.urgent).toBe(true);
    expect(c.slipNo).toBe('2026-0002');
    expect(c.handlingClock?.dueAt).toBe(new Date(t.clock.now().getTime() + 2 * DAY).toISOString());
  });

  it('closes a case that needs no reply, with the reason', async () => {
    const id = await register(t.ctx, t.clock.now());
    await closeCase({ ctx: t.ctx, actor: leader, id, reason: '重复留言，已在办件 #1 中答复' });
    const c = await detail(id);
    expect(c).toMatchObject({
      state: 'closed',
      closedReason: '重复留言，已在办件 #1 中答复',
      replyClock: null,
    });
  });
});

describe('notifications', () => {
  it('tells the leaders of a new case, the units of a slip and the lead unit of a return', async () => {
    const inbox = async (who: Actor) =>
      t.ctx.db
        .selectFrom('notifications')
        .select(['kind', 'title', 'link', 'read_at'])
        .where('user_id', '=', who.id ?? 0)
        .orderBy('id')
        .execute();
    const before = (await inbox(coLiaison)).length;
    const id = await register(t.ctx, t.clock.now());
    expect((await inbox(leader)).at(-1)).toMatchObject({
      kind: 'case.registered',
      link: `/cases/${id}`,
    });
    expect((await inbox(leader2)).at(-1)?.kind).toBe('case.registered');
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '核实', leadUnitId: leadUnit.id, coUnitIds: [coUnit.id] },
    });
    // Named by the slip just issued, as the unit will know it, not by the case's row number.
    const { slip_no: slipNo } = await t.ctx.db
      .selectFrom('cases')
      .select('slip_no')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect((await inbox(leadLiaison)).at(-1)).toMatchObject({
      kind: 'case.assigned',
      title: `新抄告单待签收：抄告单 ${slipNo}`,
    });
    expect(await inbox(coLiaison)).toHaveLength(before + 1);
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    const replied = async () =>
      (await inbox(leader)).filter((n) => n.kind === 'case.replied').length;
    const repliedBefore = await replied();
    await submitReply({ ctx: t.ctx, actor: leadLiaison, id, text: '已处理' });
    expect(await replied()).toBe(repliedBefore + 1);
    await returnReply({ ctx: t.ctx, actor: leader, id, comment: '请补充时间' });
    expect((await inbox(leadLiaison)).at(-1)).toMatchObject({ kind: 'case.returned' });
    // The leader who acted is not told of their own act, and what they held unread about the
    // case (新办件, 待审定) is read now; the other leader's is not.
    expect((await inbox(leader)).some((n) => n.kind === 'case.returned')).toBe(false);
    const about = (rows: { link: string | null; read_at: Date | null }[]) =>
      rows.filter((n) => n.link === `/cases/${id}`);
    expect(about(await inbox(leader)).every((n) => n.read_at !== null)).toBe(true);
    expect(about(await inbox(leader2)).some((n) => n.read_at === null)).toBe(true);
  });
  it('registers a collected post with an urgency signal as urgent, unless the monitor says not', async () => {
    const post = async (urgent: boolean) =>
      (
        await t.ctx.db
          .insertInto('posts')
          .values({
            source: '文件导入',
            posted_at: t.clock.now(),
            title: '工地拖欠农民工工资',
            body: '包工头拖欠工资五个月，快过年了',
            created_at: t.clock.now(),
            urgent,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const newest = async () =>
      t.ctx.db
        .selectFrom('notifications')
        .select('title')
        .where('user_id', '=', leader.id ?? 0)
        .where('kind', '=', 'case.registered')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
    const urgentCase = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: { postId: await post(true) },
    });
    expect((await detail(urgentCase.id)).urgent).toBe(true);
    expect((await newest()).title).toContain('紧急办件待批办');
    const overruled = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: { postId: await post(true), urgent: false },
    });
    expect((await detail(overruled.id)).urgent).toBe(false);
    const calm = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: { postId: await post(false) },
    });
    expect((await detail(calm.id)).urgent).toBe(false);
    expect((await newest()).title).toContain('新办件待批办');
  });
});

describe('extensions', () => {
  it('allows one request up to 5 days after the post, and a granted one moves the deadlines', async () => {
    const posted = t.clock.now();
    const id = await register(t.ctx, posted);
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '核实', leadUnitId: leadUnit.id, coUnitIds: [coUnit.id] },
    });
    await expect(
      requestExtension({
        ctx: t.ctx,
        actor: leadLiaison,
        id,
        reason: '需现场勘查',
        until: new Date(posted.getTime() + 5 * DAY + 60_000),
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('延期不能超过') as unknown,
    });
    await expect(
      requestExtension({
        ctx: t.ctx,
        actor: coLiaison,
        id,
        reason: '不是牵头单位',
        until: new Date(posted.getTime() + 4 * DAY),
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const until = new Date(posted.getTime() + 5 * DAY);
    await requestExtension({ ctx: t.ctx, actor: leadLiaison, id, reason: '需现场勘查', until });
    await expect(
      requestExtension({ ctx: t.ctx, actor: leadLiaison, id, reason: '再次', until }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await detail(id, leader)).actions).toContain('extension.decide');
    await decideExtension({ ctx: t.ctx, actor: leader, id, granted: true, comment: '同意' });
    const c = await detail(id);
    expect(c.extension).toMatchObject({ state: 'granted', until: until.toISOString() });
    expect(c.replyClock?.dueAt).toBe(until.toISOString());
    expect(c.handlingClock?.dueAt).toBe(until.toISOString());
  });

  it("is not offered nor accepted once the unit's handling due time has passed", async () => {
    // Asked and granted after the slip was missed, it would turn a late reply into one on time.
    const posted = t.clock.now();
    const id = await register(t.ctx, posted);
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '核实', leadUnitId: leadUnit.id },
    });
    const handlingDue = (await detail(id)).handlingClock?.dueAt;
    expect((await detail(id, leadLiaison)).actions).toContain('extension.request');
    t.clock.set(new Date(Date.parse(String(handlingDue)) + 60_000));
    expect((await detail(id, leadLiaison)).actions).not.toContain('extension.request');
    await expect(
      requestExtension({
        ctx: t.ctx,
        actor: leadLiaison,
        id,
        reason: '需现场勘查',
        until: new Date(posted.getTime() + 5 * DAY),
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringMatching(
        /已过，不能再申请延期。请尽快提交书面回复，并向领导说明/,
      ) as unknown,
    });
    const c = await detail(id);
    expect(c.extension).toBeNull();
    expect(c.handlingClock?.dueAt).toBe(handlingDue);
  });

  it('keeps the deadlines when the extension is refused', async () => {
    const posted = t.clock.now();
    const id = await register(t.ctx, posted);
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '核实', leadUnitId: leadUnit.id },
    });
    await requestExtension({
      ctx: t.ctx,
      actor: leadLiaison,
      id,
      reason: '人手不足',
      until: new Date(posted.getTime() + 4 * DAY),
    });
    // A refusal without a reason is refused, and the request stays open.
    for (const comment of [undefined, '  '])
      await expect(
        decideExtension({ ctx: t.ctx, actor: leader, id, granted: false, comment }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '不同意延期时请填写理由' });
    expect((await detail(id)).extension?.state).toBe('requested');
    await decideExtension({ ctx: t.ctx, actor: leader, id, granted: false, comment: '请按期办理' });
    const c = await detail(id);
    expect(c.extension?.state).toBe('refused');
    expect(c.replyClock?.dueAt).toBe(new Date(posted.getTime() + 3 * DAY).toISOString());
  });
});

describe('supervision', () => {
  it('urges every unit that passed its due time once, however often the job runs, and lets the office urge again by hand', async () => {
    const t2 = await createTestContext();
    const unit = await buildUnit(t2.ctx);
    const co = await buildUnit(t2.ctx);
    const mon = actorFor(await buildUser(t2.ctx, { roles: ['monitor'] }));
    const lead = actorFor(await buildUser(t2.ctx, { roles: ['leader'] }));
    const { id } = await registerCase({
      ctx: t2.ctx,
      actor: mon,
      input: {
        post: { source: '论坛', postedAt: t2.clock.now().toISOString(), body: '垃圾清运不及时' },
      },
    });
    await assignCase({
      ctx: t2.ctx,
      actor: lead,
      id,
      input: { instruction: '处理', leadUnitId: unit.id, coUnitIds: [co.id] },
    });
    expect(await urgeOverdue(t2.ctx)).toBe(0);
    t2.clock.advance(3 * DAY + 60_000);
    // Handling due passed for both units, and the public reply is due at the same time.
    expect(await urgeOverdue(t2.ctx)).toBe(3);
    expect(await urgeOverdue(t2.ctx)).toBe(0);
    const urges = await t2.ctx.db
      .selectFrom('case_urges')
      .select(['unit_id', 'kind'])
      .orderBy('id')
      .execute();
    expect(urges).toEqual(
      expect.arrayContaining([
        { unit_id: unit.id, kind: 'handling' },
        { unit_id: co.id, kind: 'handling' },
        { unit_id: unit.id, kind: 'reply' },
      ]),
    );
    const events = await t2.ctx.db
      .selectFrom('case_events')
      .select('actor_name')
      .where('action', '=', 'urge')
      .execute();
    expect(events).toHaveLength(3);

    // The office urges the lead unit by hand on top of the job's urging, with its own message;
    // the same click twice is refused, a second urging an hour on is not.
    const office = actorFor(await buildUser(t2.ctx, { roles: ['office'] }));
    await urgeCase({ ctx: t2.ctx, actor: office, id, comment: '请今天下班前回复' });
    await expect(urgeCase({ ctx: t2.ctx, actor: office, id })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('一小时内不再重复催办') as unknown,
    });
    t2.clock.advance(MANUAL_URGE_GAP_MS + 60_000);
    await urgeCase({ ctx: t2.ctx, actor: office, id, comment: '再次催办' });
    expect(await urgeOverdue(t2.ctx)).toBe(0);
    const byHand = await t2.ctx.db
      .selectFrom('case_urges')
      .select(['unit_id', 'kind'])
      .where('urged_by', '=', office.id)
      .execute();
    expect(byHand).toEqual([
      { unit_id: unit.id, kind: 'handling' },
      { unit_id: unit.id, kind: 'handling' },
    ]);
    await t2.close();
  });

  it('lets the office urge only a unit that still owes its part, and not at all once the reply is in', async () => {
    const id = await register(t.ctx, t.clock.now());
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '核实', leadUnitId: leadUnit.id, coUnitIds: [coUnit.id] },
    });
    expect((await detail(id, office)).actions).toContain('urge');
    // An unsigned co-unit owes its part; once it has contributed it waits for the lead unit.
    await urgeCase({ ctx: t.ctx, actor: office, id, unitId: coUnit.id });
    await signCase({ ctx: t.ctx, actor: coLiaison, id });
    await contributeToCase({ ctx: t.ctx, actor: coLiaison, id, text: '已配合核实。' });
    await expect(
      urgeCase({ ctx: t.ctx, actor: office, id, unitId: coUnit.id }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('无需催办') as unknown,
    });
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    await submitReply({ ctx: t.ctx, actor: leadLiaison, id, text: '已处理。' });
    // 待审定: the leader holds the case; no unit owes anything.
    expect((await detail(id, office)).actions).not.toContain('urge');
    await expect(urgeCase({ ctx: t.ctx, actor: office, id })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    const urges = await t.ctx.db
      .selectFrom('case_urges')
      .select('unit_id')
      .where('case_id', '=', id)
      .execute();
    expect(urges).toEqual([{ unit_id: coUnit.id }]);
  });

  it('does not urge a unit whose reply waits for the leader, however late the public reply is', async () => {
    const t2 = await createTestContext();
    const unit = await buildUnit(t2.ctx);
    const mon = actorFor(await buildUser(t2.ctx, { roles: ['monitor'] }));
    const lead = actorFor(await buildUser(t2.ctx, { roles: ['leader'] }));
    const liaison = actorFor(await buildUser(t2.ctx, { roles: ['liaison'], unitId: unit.id }));
    const { id } = await registerCase({
      ctx: t2.ctx,
      actor: mon,
      input: {
        post: { source: '论坛', postedAt: t2.clock.now().toISOString(), body: '路灯不亮' },
      },
    });
    await assignCase({
      ctx: t2.ctx,
      actor: lead,
      id,
      input: { instruction: '处理', leadUnitId: unit.id },
    });
    await signCase({ ctx: t2.ctx, actor: liaison, id });
    await submitReply({ ctx: t2.ctx, actor: liaison, id, text: '已更换路灯，恢复照明。' });
    t2.clock.advance(3 * DAY + 60_000);
    // 待审定: the public reply is overdue, but the leader holds the case, not the unit.
    expect(await urgeOverdue(t2.ctx)).toBe(0);
    await t2.close();
  });
});

describe('reopening', () => {
  it('reopens after 不满意 for another round, and can be rated again after it is republished', async () => {
    const id = await register(t.ctx, t.clock.now());
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '核实', leadUnitId: leadUnit.id },
    });
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    await submitReply({ ctx: t.ctx, actor: leadLiaison, id, text: '已处理。' });
    await approveReply({ ctx: t.ctx, actor: leader, id });
    await publishReply({ ctx: t.ctx, actor: monitor, id, url: 'https://example.gov.cn/r/1' });
    await expect(
      rateCase({ ctx: t.ctx, actor: monitor, id, rating: 'satisfied', reopen: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await rateCase({
      ctx: t.ctx,
      actor: monitor,
      id,
      rating: 'unsatisfied',
      note: '问题仍未解决',
      reopen: true,
    });
    let c = await detail(id, leadLiaison);
    expect(c.state).toBe('handling');
    expect(c.actions).toContain('reply');
    await submitReply({ ctx: t.ctx, actor: leadLiaison, id, text: '已再次派人现场处理并回访。' });
    await approveReply({ ctx: t.ctx, actor: leader, id });
    await publishReply({ ctx: t.ctx, actor: monitor, id, url: 'https://example.gov.cn/r/2' });
    expect((await detail(id)).actions).toContain('rate');
    await rateCase({ ctx: t.ctx, actor: monitor, id, rating: 'basically' });
    c = await detail(id);
    expect(c).toMatchObject({
      state: 'published',
      rating: 'basically',
      publishedUrl: 'https://example.gov.cn/r/2',
    });
    expect(c.replies).toHaveLength(2);
  });
});

describe('concurrency and access', () => {
  it('lets one of two simultaneous approvals win; the other gets a 409', async () => {
    const id = await register(t.ctx, t.clock.now());
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '核实', leadUnitId: leadUnit.id },
    });
    await signCase({ ctx: t.ctx, actor: leadLiaison, id });
    await submitReply({ ctx: t.ctx, actor: leadLiaison, id, text: '已处理。' });
    const results = await Promise.allSettled([
      approveReply({ ctx: t.ctx, actor: leader, id }),
      approveReply({ ctx: t.ctx, actor: leader2, id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(
      failed?.status === 'rejected' && (failed.reason as { code: string; status: number }),
    ).toMatchObject({
      code: 'INVALID_TRANSITION',
      status: 409,
    });
    const approvals = await t.ctx.db
      .selectFrom('case_events')
      .select('id')
      .where('case_id', '=', id)
      .where('action', '=', 'approve')
      .execute();
    expect(approvals).toHaveLength(1);
  });

  it('refuses an act based on a stale version with 409', async () => {
    const id = await register(t.ctx, t.clock.now());
    const seen = (await detail(id)).version;
    await acknowledgeCase({ ctx: t.ctx, actor: monitor, id, version: seen });
    await expect(
      assignCase({
        ctx: t.ctx,
        actor: leader,
        id,
        input: { instruction: 'x', leadUnitId: leadUnit.id, version: seen },
      }),
    ).rejects.toMatchObject({ code: 'CASE_STALE', status: 409 });
  });

  it('hides a case from the liaison of another unit and refuses their acts', async () => {
    const id = await register(t.ctx, t.clock.now());
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '核实', leadUnitId: leadUnit.id },
    });
    expect(await getCaseDetail(t.ctx.db, strangerLiaison, id, t.clock.now())).toBeUndefined();
    await expect(signCase({ ctx: t.ctx, actor: strangerLiaison, id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(signCase({ ctx: t.ctx, actor: monitor, id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('shows the citizen contact to those handling the case and masks it for others', async () => {
    const id = await register(t.ctx, t.clock.now(), false, '13812345678');
    expect((await detail(id, monitor)).post.contact).toBe('13812345678');
    expect((await detail(id, office)).post.contact).toBe('138****5678');
    expect((await detail(id, viewer)).post.contact).toBe('138****5678');
    // A number written into the message is masked for them too.
    const { id: inText } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: {
        post: {
          source: '人工录入',
          postedAt: t.clock.now().toISOString(),
          title: '夜间施工噪音 电话13900001111',
          body: '夜间施工噪音很大，联系电话13900001111，邮箱 zhang@qq.com。',
        },
      },
    });
    expect((await detail(inText, monitor)).post.body).toContain('13900001111');
    expect((await detail(inText, viewer)).post).toMatchObject({
      title: '夜间施工噪音 电话139****1111',
      body: '夜间施工噪音很大，联系电话139****1111，邮箱 z***@qq.com。',
    });
  });
});

describe('working days', () => {
  it('counts the public reply deadline across the 2026 Spring Festival with its 调休 days', async () => {
    const tw = await createTestContext();
    tw.ctx.config = {
      ...tw.ctx.config,
      deadlines: { ...tw.ctx.config.deadlines, counting: 'working' },
    };
    tw.clock.set('2026-02-13T09:00:00.000Z');
    const mon = actorFor(await buildUser(tw.ctx, { roles: ['monitor'] }));
    const { id } = await registerCase({
      ctx: tw.ctx,
      actor: mon,
      // Friday 13 February 2026, 16:30 in Shanghai; 15–23 February are holidays.
      input: {
        post: { source: '信箱', postedAt: '2026-02-13T08:30:00.000Z', body: '春节前工资未发放' },
      },
    });
    const c = await getCaseDetail(tw.ctx.db, mon, id, tw.clock.now());
    // Working days after the 13th: Sat 14 (调休), Tue 24, Wed 25 → Wednesday 25th, 16:30.
    expect(c?.replyClock?.dueAt).toBe('2026-02-25T08:30:00.000Z');
    await tw.close();
  });
});
