import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { InboxItem } from './notifications.schemas.js';
import { notify } from './notify.js';

let t: TestContext;
let built: BuiltApp;
let alice: BuiltUser;
let bob: BuiltUser;
let asAlice: ApiClient;
let asBob: ApiClient;

interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  alice = await buildUser(t.ctx, { name: '王敏', roles: ['monitor'] });
  bob = await buildUser(t.ctx, { name: '张伟', roles: ['liaison'] });
  asAlice = await loginAs(built, alice.username, alice.password);
  asBob = await loginAs(built, bob.username, bob.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

/** Sends `n` notifications to the user, a minute apart; returns their ids, oldest first. */
async function send(userId: number, n: number, prefix: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) {
    t.clock.advance(60_000);
    const r = await t.ctx.db.transaction().execute((trx) =>
      notify(trx, t.ctx, {
        userIds: [userId],
        kind: 'case.registered',
        title: `${prefix} ${i}`,
        body: `第 ${i} 条`,
        link: `/cases/${i}`,
        caseId: i,
      }),
    );
    ids.push(...r.notificationIds);
  }
  return ids;
}

const unread = async (client: ApiClient) =>
  (await client.request('GET', '/api/inbox/unread-count')).json<{ count: number }>().count;

describe('the inbox', () => {
  it('lists one’s own notifications, unread first and newest first, with the unread count', async () => {
    const ids = await send(alice.id, 4, '通知');
    await send(bob.id, 2, '别人的');
    expect(await unread(asAlice)).toBe(4);

    const read = await asAlice.request('POST', `/api/inbox/${ids[0]}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json<InboxItem>()).toMatchObject({
      id: ids[0],
      title: '通知 1',
      link: '/cases/1',
      caseId: 1,
      readAt: t.clock.now().toISOString(),
    });
    expect(await unread(asAlice)).toBe(3);

    const list = await asAlice.request('GET', '/api/inbox');
    expect(list.statusCode).toBe(200);
    const page = list.json<PageOf<InboxItem>>();
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.title)).toEqual(['通知 4', '通知 3', '通知 2', '通知 1']);
    expect(page.items.map((i) => i.readAt === null)).toEqual([true, true, true, false]);

    const onlyUnread = (await asAlice.request('GET', '/api/inbox?unread=true')).json<
      PageOf<InboxItem>
    >();
    expect(onlyUnread.total).toBe(3);
    expect(onlyUnread.items.every((i) => i.readAt === null)).toBe(true);

    const paged = (await asAlice.request('GET', '/api/inbox?page=2&pageSize=3')).json<
      PageOf<InboxItem>
    >();
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(paged.items.map((i) => i.title)).toEqual(['通知 1']);
  });

  it('puts a message written later about an earlier event below the newer ones', async () => {
    const [newer] = await send(bob.id, 1, '新的');
    // The demo township's messages carry the time of what they tell, written in any order.
    t.clock.advance(-90_000); // send() moves on a minute: this one is half a minute older
    const [older] = await send(bob.id, 1, '补记的');
    t.clock.advance(30_000);
    expect(older).toBeGreaterThan(newer as number);
    const page = (await asBob.request('GET', '/api/inbox?pageSize=2')).json<PageOf<InboxItem>>();
    expect(page.items.map((i) => i.title)).toEqual(['新的 1', '补记的 1']);
  });

  it('keeps the first reading time and audits it once', async () => {
    const [id] = await send(alice.id, 1, '只读一次');
    const first = (await asAlice.request('POST', `/api/inbox/${id}/read`)).json<InboxItem>();
    t.clock.advance(3_600_000);
    const again = (await asAlice.request('POST', `/api/inbox/${id}/read`)).json<InboxItem>();
    expect(again.readAt).toBe(first.readAt);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'summary'])
      .where('entity_type', '=', 'notification')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toEqual([
      { action: 'notification.read', actor_id: alice.id, summary: '王敏 已读通知「只读一次 1」' },
    ]);
  });

  it('marks all of one’s own unread notifications read, and nobody else’s', async () => {
    await send(alice.id, 2, '批量');
    const bobBefore = await unread(asBob);
    expect(bobBefore).toBeGreaterThan(0);
    const aliceBefore = await unread(asAlice);

    const res = await asAlice.request('POST', '/api/inbox/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ updated: aliceBefore });
    expect(await unread(asAlice)).toBe(0);
    expect(await unread(asBob)).toBe(bobBefore);
    // Nothing left: a second call changes nothing and records nothing.
    expect((await asAlice.request('POST', '/api/inbox/read-all')).json()).toEqual({ updated: 0 });
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'notification.read-all')
      .execute();
    expect(audits).toEqual([{ summary: `王敏 将全部 ${aliceBefore} 条未读通知标为已读` }]);
  });

  it('answers 404 for another user’s notification and leaves it unread', async () => {
    const [bobs] = await send(bob.id, 1, '张伟的');
    const res = await asAlice.request('POST', `/api/inbox/${bobs}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '通知不存在' } });
    const row = await t.ctx.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', bobs ?? 0)
      .executeTakeFirst();
    expect(row?.read_at).toBeNull();
    const list = (await asAlice.request('GET', '/api/inbox?pageSize=200')).json<
      PageOf<InboxItem>
    >();
    expect(list.items.some((i) => i.id === bobs)).toBe(false);
    expect((await asAlice.request('POST', '/api/inbox/99999999/read')).statusCode).toBe(404);
  });

  it('needs a session and validates its input', async () => {
    const anonymous = await built.app.inject({ method: 'GET', url: '/api/inbox/unread-count' });
    expect(anonymous.statusCode).toBe(401);
    const bad = await asAlice.request('GET', '/api/inbox?pageSize=1000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    expect((await asAlice.request('POST', '/api/inbox/abc/read')).statusCode).toBe(400);
  });
});
