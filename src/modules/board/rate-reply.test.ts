import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, testConfig, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { Actor } from '../access/actor.js';
import { archiveCase } from '../cases/archive-case.js';
import { assignCase } from '../cases/assign-case.js';
import type { CaseDetail } from '../cases/cases.schemas.js';
import { signCase, submitReply } from '../cases/handle-case.js';
import { rateCase } from '../cases/publish-reply.js';
import { registerCase } from '../cases/register-case.js';
import { approveReply } from '../cases/review-reply.js';
import type { MessageReceipt, PublicMessage } from './board.schemas.js';
import { solve } from './proof-of-work.js';

let t: TestContext;
let built: BuiltApp;
let monitor: Actor;
let leader: Actor;
let liaison: Actor;
let office: Actor;
let viewer: Actor;
let monitorApi: ApiClient;
let unit: { id: number; name: string };
let seq = 0;

const board = { powBits: 4, perHour: 100, perDay: 1000, requestsPerMinute: 10_000 };

beforeAll(async () => {
  t = await createTestContext({ board });
  built = await buildTestApp(t.ctx);
  unit = await buildUnit(t.ctx, { name: '城建办' });
  const monitorUser: BuiltUser = await buildUser(t.ctx, { roles: ['monitor'] });
  monitor = actorFor(monitorUser);
  monitorApi = await loginAs(built, monitorUser.username, monitorUser.password);
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
  office = actorFor(await buildUser(t.ctx, { roles: ['office'] }));
  viewer = actorFor(await buildUser(t.ctx, { roles: ['viewer'] }));
  liaison = actorFor(await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const errorOf = (res: LightMyRequestResponse) =>
  res.json<{ error: { code: string; message: string } }>().error;

async function leave(): Promise<{ code: string; postId: number }> {
  seq++;
  const c = (await built.app.inject({ method: 'GET', url: '/api/board/challenge' })).json<{
    id: string;
    difficulty: number;
  }>();
  const res = await built.app.inject({
    method: 'POST',
    url: '/api/board/messages',
    payload: {
      title: `幸福路第${seq}段人行道破损`,
      body: `幸福路第${seq}段人行道砖块松动，老人孩子经过容易绊倒，请尽快修补。编号${seq * 7727}`,
      challengeId: c.id,
      nonce: solve(c.id, c.difficulty),
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const code = res.json<MessageReceipt>().code ?? '';
  const post = await t.ctx.db
    .selectFrom('board_messages')
    .select('post_id')
    .where('lookup_code', '=', code)
    .executeTakeFirstOrThrow();
  return { code, postId: post.post_id };
}

/** A board message taken up to the unit's written reply, awaiting the leader's approval. */
async function replied(): Promise<{ id: number; code: string }> {
  const { code, postId } = await leave();
  const { id } = await registerCase({ ctx: t.ctx, actor: monitor, input: { postId } });
  await assignCase({
    ctx: t.ctx,
    actor: leader,
    id,
    input: { instruction: '请城建办核实处理。', leadUnitId: unit.id },
  });
  await signCase({ ctx: t.ctx, actor: liaison, id });
  await submitReply({ ctx: t.ctx, actor: liaison, id, text: '已安排施工队修补，本周内完成。' });
  return { id, code };
}

/** Approval publishes the reply on the board at once. */
async function published(): Promise<{ id: number; code: string }> {
  const made = await replied();
  await approveReply({ ctx: t.ctx, actor: leader, id: made.id });
  return made;
}

async function rate(
  code: string,
  fields: Record<string, unknown>,
  ip = '10.7.0.1',
): Promise<LightMyRequestResponse> {
  const c = (
    await built.app.inject({ method: 'GET', url: '/api/board/challenge', remoteAddress: ip })
  ).json<{ id: string; difficulty: number }>();
  return built.app.inject({
    method: 'POST',
    url: `/api/board/messages/${code}/rating`,
    remoteAddress: ip,
    payload: { ...fields, challengeId: c.id, nonce: solve(c.id, c.difficulty) },
  });
}

const publicView = async (code: string) =>
  (
    await built.app.inject({ method: 'GET', url: `/api/board/messages/${code}` })
  ).json<PublicMessage>();

const detailOf = async (id: number) => {
  const res = await monitorApi.request('GET', `/api/cases/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json<CaseDetail>();
};

const ratedNotices = (id: number) =>
  t.ctx.db
    .selectFrom('notifications')
    .select(['user_id', 'title', 'body'])
    .where('case_id', '=', id)
    .where('kind', '=', 'case.rated')
    .orderBy('user_id')
    .execute();

describe('a citizen rates the published reply on the board', () => {
  it('records it once as the staff act would, by the citizen, visible to staff', async () => {
    const { id, code } = await published();
    expect((await publicView(code)).reply).toMatchObject({ rating: null, rateable: true });

    const res = await rate(code.toLowerCase(), {
      rating: 'satisfied',
      note: '<b>修得</b>很快，谢谢！<script>alert(1)</script>',
    });
    expect(res.statusCode, res.body).toBe(200);
    const shown = res.json<PublicMessage>();
    expect(shown.reply).toMatchObject({ rating: 'satisfied', rateable: false });
    // The note is for the staff: the public page shows the rating only.
    expect(res.body).not.toContain('修得很快');

    const detail = await detailOf(id);
    expect(detail).toMatchObject({
      state: 'published',
      rating: 'satisfied',
      ratingNote: '修得很快，谢谢！',
    });
    expect(detail.actions).not.toContain('rate');
    expect(detail.actions).not.toContain('reopen');
    const last = detail.timeline.at(-1);
    expect(last).toMatchObject({ action: 'rate', actorName: '网民（网络问政）' });
    expect(last?.comment).toBe('网民评价：满意（修得很快，谢谢！）');

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_name', 'summary', 'after', 'ip'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'case.rate')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: null, actor_name: '网民（网络问政）', ip: null });
    expect(audit[0]?.summary).toContain('网民评价：满意');
    expect(audit[0]?.after).toMatchObject({ rating: 'satisfied', via: 'board' });
    // 满意 troubles nobody.
    expect(await ratedNotices(id)).toEqual([]);

    const again = await rate(code, { rating: 'unsatisfied' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toBe('您已评价过本次答复，感谢您的反馈');
    expect((await detailOf(id)).rating).toBe('satisfied');
  });

  it('不满意 tells the leaders, the office and the monitors, and staff decide to reopen', async () => {
    const { id, code } = await published();
    const res = await rate(code, { rating: 'unsatisfied', note: '只修了一半，请回电13812345678' });
    expect(res.statusCode, res.body).toBe(200);

    const told = await ratedNotices(id);
    expect(told.map((n) => n.user_id).sort()).toEqual(
      [leader.id, office.id, monitor.id].sort() as number[],
    );
    expect(told.map((n) => n.user_id)).not.toContain(liaison.id);
    expect(told.map((n) => n.user_id)).not.toContain(viewer.id);
    expect(told[0]?.title).toContain('网民对答复不满意');
    expect(told[0]?.body).toContain('只修了一半');
    // The inbox and the group robots get no phone number; the case keeps the note whole.
    expect(told[0]?.body).toContain('138****5678');
    expect(told[0]?.body).not.toContain('13812345678');

    // The citizen's 不满意 does not reopen the case by itself.
    const detail = await detailOf(id);
    expect(detail).toMatchObject({ state: 'published', rating: 'unsatisfied' });
    expect(detail.actions).toContain('reopen');
    expect(detail.actions).not.toContain('rate');

    const reopened = await monitorApi.request('POST', `/api/cases/${id}/reopen`, {
      comment: '请补修剩余路段',
      version: detail.version,
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json<CaseDetail>()).toMatchObject({ state: 'handling', rating: 'unsatisfied' });
    expect(reopened.json<CaseDetail>().timeline.at(-1)).toMatchObject({
      action: 'reopen',
      comment: '网民不满意，重新办理：请补修剩余路段',
    });
    const unitTold = await ratedNotices(id);
    expect(unitTold.some((n) => n.user_id === liaison.id && n.body === '请补修剩余路段')).toBe(
      true,
    );
    expect((await publicView(code)).status).toBe('handling');

    // The next published reply may be rated again.
    await submitReply({ ctx: t.ctx, actor: liaison, id, text: '剩余路段已于今日修补完毕。' });
    t.clock.advance(60_000);
    await approveReply({ ctx: t.ctx, actor: leader, id });
    expect((await publicView(code)).reply).toMatchObject({ rating: null, rateable: true });
    const second = await rate(code, { rating: 'basically' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<PublicMessage>().reply?.rating).toBe('basically');
  });

  it('staff reopen only a reply rated 不满意', async () => {
    const { id } = await published();
    const res = await monitorApi.request('POST', `/api/cases/${id}/reopen`, {});
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('不满意');
  });

  it('shows a rating staff recorded, and offers no second one', async () => {
    const { id, code } = await published();
    await rateCase({ ctx: t.ctx, actor: monitor, id, rating: 'basically' });
    expect((await publicView(code)).reply).toMatchObject({ rating: 'basically', rateable: false });
    const res = await rate(code, { rating: 'satisfied' });
    expect(res.statusCode).toBe(409);
  });

  it('refuses before publication, after archiving, an unknown code and bad input', async () => {
    const { code: unregistered } = await leave();
    const early = await rate(unregistered, { rating: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).message).toContain('答复公开后才能评价');

    const reviewing = await replied();
    const notYet = await rate(reviewing.code, { rating: 'satisfied' });
    expect(notYet.statusCode).toBe(409);
    expect(errorOf(notYet).message).toContain('答复公开后才能评价');
    expect((await detailOf(reviewing.id)).rating).toBeNull();

    const done = await published();
    await archiveCase({ ctx: t.ctx, actor: office, id: done.id });
    expect((await publicView(done.code)).reply).toMatchObject({ rating: null, rateable: false });
    const late = await rate(done.code, { rating: 'satisfied' });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).message).toContain('已归档');

    const unknown = await rate('ZZZZ2222', { rating: 'satisfied' });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).message).toContain('不存在');

    const open = await published();
    const bad = await rate(open.code, { rating: 'excellent' });
    expect(bad.statusCode).toBe(400);
    const long = await rate(open.code, { rating: 'satisfied', note: '很'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(errorOf(long).message).toContain('评价说明不能超过 200 个字');
    const unproven = await built.app.inject({
      method: 'POST',
      url: `/api/board/messages/${open.code}/rating`,
      payload: { rating: 'satisfied', challengeId: 'nope', nonce: '1' },
    });
    expect(unproven.statusCode).toBe(400);
    expect(errorOf(unproven).message).toContain('安全验证无效');
    // None of these left a rating behind.
    expect((await detailOf(open.id)).rating).toBeNull();
    expect((await publicView(open.code)).reply?.rateable).toBe(true);
  });

  it('limits requests per minute from one address', async () => {
    // The counters are in the database, shared with the app above: a new minute starts afresh.
    t.clock.advance(61_000);
    const app = (
      await buildTestApp({
        ...t.ctx,
        config: testConfig({ board: { ...board, requestsPerMinute: 2 } }),
      })
    ).app;
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/board/messages/ZZZZ2222/rating',
          payload: {},
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([400, 400, 429]);
    } finally {
      await app.close();
    }
  });
});
