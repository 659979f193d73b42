import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser } from '../../../tests/factories/index.js';
import { buildTestApp } from '../../../tests/helpers/api.js';
import { createTestContext, testConfig, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { Actor } from '../access/actor.js';
import { assignCase } from '../cases/assign-case.js';
import { getCaseDetail } from '../cases/cases.queries.js';
import { signCase, submitReply } from '../cases/handle-case.js';
import { rateCase } from '../cases/publish-reply.js';
import { registerCase } from '../cases/register-case.js';
import { approveReply } from '../cases/review-reply.js';
import { searchPosts } from '../posts/posts.queries.js';
import { bootstrap } from '../system/bootstrap.js';
import type { MessageReceipt, PublicMessage } from './board.schemas.js';
import { solve, solves } from './proof-of-work.js';
import { purgeChallengesJob } from './purge-challenges.job.js';

let t: TestContext;
let built: BuiltApp;
let monitor: Actor;
let leader: Actor;
let liaison: Actor;
let unit: { id: number; name: string };
let seq = 0;

const board = { powBits: 6, perHour: 5, perDay: 20, requestsPerMinute: 10_000 };

beforeAll(async () => {
  t = await createTestContext({ board });
  built = await buildTestApp(t.ctx);
  unit = await buildUnit(t.ctx, { name: '城建办' });
  monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
  liaison = actorFor(await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id, name: '张伟' }));
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

interface Challenge {
  id: string;
  difficulty: number;
}

async function challenge(ip = '10.0.0.1'): Promise<Challenge> {
  const res = await built.app.inject({
    method: 'GET',
    url: '/api/board/challenge',
    remoteAddress: ip,
  });
  expect(res.statusCode).toBe(200);
  return res.json<Challenge>();
}

function message(over: Record<string, string> = {}) {
  seq++;
  return {
    title: `青石村第${seq}号路灯不亮`,
    body: `青石村主路第${seq}号路灯坏了好几天，晚上出行很不方便，希望尽快修理。编号${seq * 7919}`,
    ...over,
  };
}

async function send(
  fields: Record<string, string>,
  opts: { ip?: string; nonce?: string; challenge?: Challenge } = {},
): Promise<LightMyRequestResponse> {
  const ip = opts.ip ?? '10.0.0.1';
  const c = opts.challenge ?? (await challenge(ip));
  return built.app.inject({
    method: 'POST',
    url: '/api/board/messages',
    remoteAddress: ip,
    payload: { ...fields, challengeId: c.id, nonce: opts.nonce ?? solve(c.id, c.difficulty) },
  });
}

async function leave(fields: Record<string, string> = message(), ip = '10.0.0.1') {
  const res = await send(fields, { ip });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MessageReceipt>();
}

const errorOf = (res: LightMyRequestResponse) =>
  res.json<{ error: { code: string; message: string } }>().error;

describe('the board source', () => {
  it('is made once at bootstrap, never fetched', async () => {
    await bootstrap(t.ctx);
    await bootstrap(t.ctx);
    const sources = await t.ctx.db
      .selectFrom('sources')
      .select(['name', 'kind', 'url', 'next_run_at'])
      .execute();
    expect(sources).toEqual([{ name: '网络问政', kind: 'board', url: null, next_run_at: null }]);
  });
});

describe('leaving a message', () => {
  it('stores it through the pipeline with a lookup code, contact kept on the post', async () => {
    const receipt = await leave(
      { ...message(), title: '幸福路积水严重', contact: '13812345678', nickname: '老张' },
      '10.1.1.1',
    );
    expect(receipt.duplicate).toBe(false);
    expect(receipt.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);

    const source = await t.ctx.db
      .selectFrom('sources')
      .selectAll()
      .where('kind', '=', 'board')
      .executeTakeFirstOrThrow();
    expect(source).toMatchObject({ name: '网络问政', next_run_at: null });
    const row = await t.ctx.db
      .selectFrom('board_messages as b')
      .innerJoin('posts as p', 'p.id', 'b.post_id')
      .select(['p.source', 'p.source_key', 'p.contact', 'p.author', 'p.relevant', 'p.url'])
      .select(['b.address_hash', 'b.post_id'])
      .where('b.lookup_code', '=', receipt.code ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: '网络问政',
      source_key: `source:${source.id}`,
      contact: '13812345678',
      author: '老张',
      relevant: true,
      url: `/board/m/${receipt.code}`,
    });
    expect(row.address_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.address_hash).not.toContain('10.1.1.1');

    // Found on 舆情信息 by its words, like every collected post.
    const found = await searchPosts(t.ctx.db, { q: '幸福路 积水' });
    expect(found.items.map((p) => p.id)).toContain(row.post_id);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['summary', 'ip'])
      .where('action', '=', 'board.message')
      .execute();
    expect(audit.some((a) => a.summary.includes(receipt.code ?? '-'))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('13812345678');
  });

  it('strips HTML from every field and counts lengths after stripping', async () => {
    const receipt = await leave({
      title: '<script>alert(1)</script><b>路灯</b>不亮&lt;i&gt;了',
      body: '<p>青石村<b>路灯</b>坏了</p><img src=x onerror=alert(1)>好几天了，请尽快修理。',
      nickname: '<i>老李</i>',
      contact: '<a href="mailto:li@example.cn">li@example.cn</a>',
    });
    const post = await t.ctx.db
      .selectFrom('board_messages as b')
      .innerJoin('posts as p', 'p.id', 'b.post_id')
      .select(['p.title', 'p.body', 'p.author', 'p.contact'])
      .where('b.lookup_code', '=', receipt.code ?? '')
      .executeTakeFirstOrThrow();
    expect(post.title).toBe('路灯不亮了');
    expect(post.body).not.toMatch(/[<>]/);
    expect(post.body).toContain('青石村路灯坏了');
    // Published as written: full-width punctuation is not the pipeline's normalised text.
    expect(post.body).toContain('好几天了，请尽快修理。');
    expect(post.author).toBe('老李');
    expect(post.contact).toBe('li@example.cn');

    const cases: [Record<string, string>, string][] = [
      [{ ...message(), title: '<b>路灯</b>' }, '标题应为 4–60 个字'],
      [{ ...message(), title: '路'.repeat(61) }, '标题应为 4–60 个字'],
      [{ ...message(), body: '<p>太短了</p>' }, '留言内容应为 10–2000 个字'],
      [{ ...message(), body: '长'.repeat(2001) }, '留言内容应为 10–2000 个字'],
      [{ ...message(), contact: '随便写写' }, '联系方式请填写电话号码或电子邮箱'],
      [{ ...message(), nickname: '名'.repeat(21) }, '昵称不能超过 20 个字'],
    ];
    for (const [fields, text] of cases) {
      const res = await send(fields, { ip: '10.1.2.3' });
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).message).toContain(text);
    }
  });

  it('tells the citizen kindly when the same message was already received', async () => {
    const fields = message();
    const first = await leave(fields, '10.2.0.1');
    const before = await t.ctx.db
      .selectFrom('board_messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await leave(fields, '10.2.0.2');
    expect(again).toEqual({ code: first.code, duplicate: true });
    const after = await t.ctx.db
      .selectFrom('board_messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('proof of work', () => {
  it('refuses a wrong nonce, a replayed answer, an expired or unknown challenge', async () => {
    const c = await challenge();
    expect(c.difficulty).toBe(6);
    let wrong = 0;
    while (solves(c.id, String(wrong), c.difficulty)) wrong++;
    const bad = await send(message(), { challenge: c, nonce: String(wrong) });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('安全验证未通过');

    const fields = message();
    expect((await send(fields, { challenge: c })).statusCode).toBe(200);
    const replay = await send(message(), { challenge: c });
    expect(replay.statusCode).toBe(409);
    expect(errorOf(replay).message).toContain('安全验证已使用过');

    const old = await challenge();
    t.clock.advance(11 * 60_000);
    const late = await send(message(), { challenge: old });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late).message).toContain('安全验证已过期');

    const unknown = await send(message(), { challenge: { id: 'nope', difficulty: 0 } });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).message).toContain('安全验证无效');
  });

  it('purges expired challenges every hour', async () => {
    const fresh = await challenge();
    t.clock.advance(11 * 60_000);
    const current = await challenge();
    await purgeChallengesJob.handler(t.ctx, {}, { send: () => Promise.resolve(null) });
    const left = await t.ctx.db.selectFrom('board_challenges').select('id').execute();
    expect(left.map((r) => r.id)).toEqual([current.id]);
    expect(left.map((r) => r.id)).not.toContain(fresh.id);
  });
});

describe('limits per address', () => {
  it('refuses the 6th message in an hour and the 21st in a day, in Chinese', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 5; i++) await leave(message(), ip);
    const sixth = await send(message(), { ip });
    expect(sixth.statusCode).toBe(429);
    expect(errorOf(sixth)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errorOf(sixth).message).toContain('每小时最多留言 5 条');
    // Another address is not held back.
    await leave(message(), '10.9.9.10');

    for (let hour = 0; hour < 3; hour++) {
      t.clock.advance(61 * 60_000);
      for (let i = 0; i < 5; i++) await leave(message(), ip);
    }
    t.clock.advance(61 * 60_000);
    const tooMany = await send(message(), { ip });
    expect(tooMany.statusCode).toBe(429);
    expect(errorOf(tooMany).message).toContain('每天最多留言 20 条');
  });

  it('also limits requests per minute before any work is done', async () => {
    const app = (
      await buildTestApp({
        ...t.ctx,
        config: testConfig({ board: { ...board, requestsPerMinute: 2 } }),
      })
    ).app;
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({ method: 'POST', url: '/api/board/messages', payload: {} });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([400, 400, 429]);
    } finally {
      await app.close();
    }
  });

  it('limits lookups by code too, so that codes cannot be tried by the thousand', async () => {
    const app = (
      await buildTestApp({
        ...t.ctx,
        config: testConfig({ board: { ...board, requestsPerMinute: 1 } }),
      })
    ).app;
    try {
      // A new window: earlier tests looked codes up from the same address.
      t.clock.advance(61_000);
      const codes: number[] = [];
      for (const code of ['AAAA2222', 'AAAA2223', 'AAAA2224', 'AAAA2225']) {
        const res = await app.inject({ method: 'GET', url: `/api/board/messages/${code}` });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([404, 404, 404, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('the public board', () => {
  it('never shows the contact, the address or internal names', async () => {
    const receipt = await leave(
      { ...message(), title: '菜市场噪音扰民', contact: 'secret@example.cn' },
      '10.3.3.3',
    );
    const list = await built.app.inject({ method: 'GET', url: '/api/board/messages?q=噪音' });
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: PublicMessage[]; total: number }>();
    expect(page.total).toBe(1);
    // The list and a message's public page never give the query code: it is the citizen's key
    // to rate the reply. Only who types it gets it back.
    const item = page.items[0];
    expect(item).toMatchObject({ code: null, status: 'submitted', reply: null });
    expect(Object.keys(item ?? {}).sort()).toEqual(
      ['body', 'code', 'id', 'nickname', 'postedAt', 'reply', 'status', 'title'].sort(),
    );
    const open = await built.app.inject({ method: 'GET', url: `/api/board/posts/${item?.id}` });
    expect(open.json<PublicMessage>()).toMatchObject({ title: '菜市场噪音扰民', code: null });
    const one = await built.app.inject({
      method: 'GET',
      url: `/api/board/messages/${receipt.code?.toLowerCase()}`,
    });
    expect(one.statusCode).toBe(200);
    expect(one.json<PublicMessage>().code).toBe(receipt.code);
    for (const body of [list.body, open.body]) expect(body).not.toContain(receipt.code ?? '-');
    expect(
      (await built.app.inject({ method: 'GET', url: '/api/board/posts/999999' })).statusCode,
    ).toBe(404);
    const hash = await t.ctx.db
      .selectFrom('board_messages')
      .select('address_hash')
      .where('lookup_code', '=', receipt.code ?? '')
      .executeTakeFirstOrThrow();
    for (const body of [list.body, one.body]) {
      expect(body).not.toContain('secret@example.cn');
      expect(body).not.toContain('10.3.3.3');
      expect(body).not.toContain(hash.address_hash);
    }
    const missing = await built.app.inject({ method: 'GET', url: '/api/board/messages/ZZZZ2222' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).message).toContain('不存在');
  });

  it('masks a phone, an ID card or an e-mail the citizen typed into the message itself', async () => {
    const receipt = await leave(
      {
        title: '办证咨询13812345678',
        body: '我的身份证号330781199001011234，电话13812345678，邮箱zhang.san@example.cn，请回电。',
      },
      '10.3.3.4',
    );
    const one = await built.app.inject({
      method: 'GET',
      url: `/api/board/messages/${receipt.code}`,
    });
    const list = await built.app.inject({ method: 'GET', url: '/api/board/messages?q=办证咨询' });
    expect(one.json<PublicMessage>()).toMatchObject({
      title: '办证咨询138****5678',
      body: '我的身份证号330781********1234，电话138****5678，邮箱z***@example.cn，请回电。',
    });
    for (const body of [one.body, list.body]) {
      expect(body).not.toContain('13812345678');
      expect(body).not.toContain('330781199001011234');
      expect(body).not.toContain('zhang.san');
    }
    // The post itself keeps the text whole, for those handling the case.
    const post = await t.ctx.db
      .selectFrom('board_messages as b')
      .innerJoin('posts as p', 'p.id', 'b.post_id')
      .select('p.body')
      .where('b.lookup_code', '=', receipt.code ?? '')
      .executeTakeFirstOrThrow();
    expect(post.body).toContain('330781199001011234');
  });

  it('pages newest first', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/api/board/messages?pageSize=2' });
    const page = res.json<{ items: PublicMessage[]; total: number; pageSize: number }>();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(10);
    const [a, b] = page.items;
    expect(new Date(a?.postedAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(b?.postedAt ?? 0).getTime(),
    );
  });
});

describe('automatic publication', () => {
  async function boardCase(title: string) {
    const receipt = await leave({ ...message(), title }, '10.4.4.4');
    const post = await t.ctx.db
      .selectFrom('board_messages')
      .select('post_id')
      .where('lookup_code', '=', receipt.code ?? '')
      .executeTakeFirstOrThrow();
    const { id } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: { postId: post.post_id },
    });
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '请城建办核实处理。', leadUnitId: unit.id },
    });
    await signCase({ ctx: t.ctx, actor: liaison, id });
    await submitReply({ ctx: t.ctx, actor: liaison, id, text: '已安排维修，三日内修好。' });
    return { id, code: receipt.code ?? '' };
  }

  const publicView = async (code: string) =>
    (
      await built.app.inject({ method: 'GET', url: `/api/board/messages/${code}` })
    ).json<PublicMessage>();

  it('publishes an approved reply on the board at once, with timeline and audit', async () => {
    const { id, code } = await boardCase('和平路井盖缺失');
    expect((await publicView(code)).status).toBe('handling');

    await approveReply({ ctx: t.ctx, actor: leader, id });
    const detail = await getCaseDetail(t.ctx.db, monitor, id, t.clock.now());
    expect(detail).toMatchObject({
      state: 'published',
      publishedUrl: `/board/m/${code}`,
      publishedAt: t.clock.now().toISOString(),
    });
    expect(detail?.timeline.map((e) => e.action).slice(-2)).toEqual(['approve', 'publish']);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['case.approve', 'case.publish']);

    // The monitor hears it is out already, not that it awaits publication.
    const told = await t.ctx.db
      .selectFrom('notifications')
      .select('title')
      .where('case_id', '=', id)
      .where('user_id', '=', monitor.id ?? 0)
      .where('kind', '=', 'case.approved')
      .execute();
    expect(told.map((n) => n.title)).toEqual([expect.stringContaining('已在网络问政发布')]);

    const shown = await publicView(code);
    expect(shown).toMatchObject({
      status: 'replied',
      reply: { text: '已安排维修，三日内修好。', unit: '城建办', at: t.clock.now().toISOString() },
    });
    expect(JSON.stringify(shown)).not.toContain('张伟');

    // Rating and reopening still work; the next approved reply goes out again.
    await rateCase({ ctx: t.ctx, actor: monitor, id, rating: 'unsatisfied', reopen: true });
    expect((await publicView(code)).status).toBe('handling');
    await submitReply({ ctx: t.ctx, actor: liaison, id, text: '已于今日修复，欢迎监督。' });
    t.clock.advance(60_000);
    await approveReply({ ctx: t.ctx, actor: leader, id });
    expect(await publicView(code)).toMatchObject({
      status: 'replied',
      reply: { text: '已于今日修复，欢迎监督。' },
    });
    await rateCase({ ctx: t.ctx, actor: monitor, id, rating: 'satisfied' });
    const rated = await getCaseDetail(t.ctx.db, monitor, id, t.clock.now());
    expect(rated?.rating).toBe('satisfied');
  });

  it('leaves cases from elsewhere for the monitor to publish', async () => {
    const { id } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: {
        post: {
          source: '县长信箱',
          postedAt: t.clock.now().toISOString(),
          title: '外网留言',
          body: '来自其他平台的留言，需要在原平台回复。',
        },
      },
    });
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id,
      input: { instruction: '请核实。', leadUnitId: unit.id },
    });
    await signCase({ ctx: t.ctx, actor: liaison, id });
    await submitReply({ ctx: t.ctx, actor: liaison, id, text: '已核实。' });
    await approveReply({ ctx: t.ctx, actor: leader, id });
    const detail = await getCaseDetail(t.ctx.db, monitor, id, t.clock.now());
    expect(detail?.state).toBe('approved');
  });
});
