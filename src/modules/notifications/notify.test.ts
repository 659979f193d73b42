import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildUnit, buildUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { DEFAULT_CHANNELS, saveChannels, type ChannelSettings } from './channel-settings.js';
import { notify, notifyRoles, notifyUnits, unitContacts, usersWithRoles } from './notify.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
});

async function setChannels(patch: Partial<ChannelSettings>): Promise<void> {
  await saveChannels(t.ctx.db, { ...DEFAULT_CHANNELS, ...patch }, t.clock.now());
}

const allOn: Partial<ChannelSettings> = {
  publicUrl: 'http://yuqing.example.gov.cn:3000/',
  email: { ...DEFAULT_CHANNELS.email, enabled: true, host: 'smtp.example', from: 'yq@example' },
  wecom: { enabled: true, webhookUrl: 'http://127.0.0.1:9/wecom?key=k' },
  dingtalk: { enabled: true, webhookUrl: 'http://127.0.0.1:9/ding?access_token=t', secret: null },
};

async function setEmail(userId: number, email: string | null): Promise<void> {
  await t.ctx.db.updateTable('users').set({ email }).where('id', '=', userId).execute();
}

const inboxOf = (userId: number) =>
  t.ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();

const deliveriesFor = (ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : t.ctx.db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();

beforeEach(async () => {
  await setChannels({});
});

describe('notify', () => {
  it('masks citizens’ contact details for the group robots and for recipients who handle no case', async () => {
    await setChannels(allOn);
    const leader = await buildUser(t.ctx, { name: '李建国', roles: ['leader'] });
    await setEmail(leader.id, 'li@example.gov.cn');
    const office = await buildUser(t.ctx, { name: '赵丽', roles: ['office'] });
    await setEmail(office.id, 'zhao@example.gov.cn');
    const { deliveryIds } = await t.ctx.db.transaction().execute((trx) =>
      notify(trx, t.ctx, {
        userIds: [leader.id, office.id],
        kind: 'case.replied',
        title: '书面回复待审定：网民 13812345678 反映',
        body: '已电话联系网民王某（13812345678，wangmou@qq.com），身份证 330102199001011234。',
        link: '/cases/7',
      }),
    );
    const whole = '已电话联系网民王某（13812345678，wangmou@qq.com），身份证 330102199001011234。';
    const masked = '已电话联系网民王某（138****5678，w***@qq.com），身份证 330102********1234。';
    // The leader handles the case: whole, in the inbox and the mail.
    expect((await inboxOf(leader.id))[0]?.body).toBe(whole);
    // The office supervises but handles nothing: masked, title too.
    const [officeRow] = await inboxOf(office.id);
    expect(officeRow?.body).toBe(masked);
    expect(officeRow?.title).toBe('书面回复待审定：网民 138****5678 反映');
    const rows = await deliveriesFor(deliveryIds);
    expect(rows.find((d) => d.target === 'li@example.gov.cn')?.body).toContain(whole);
    const officeMail = rows.find((d) => d.target === 'zhao@example.gov.cn');
    expect(officeMail?.body).toContain(masked);
    expect(officeMail?.subject).not.toContain('13812345678');
    // A group chat is not handling the case: always masked.
    const robots = rows.filter((d) => d.target === 'group');
    expect(robots).toHaveLength(2);
    for (const r of robots) {
      expect(r.body).toContain(masked);
      expect(r.body + r.subject).not.toMatch(/13812345678|wangmou|199001011234/);
    }
  });

  it('writes one inbox row per active recipient, e-mail for those with an address, one post per robot', async () => {
    await setChannels(allOn);
    const withMail = await buildUser(t.ctx, { name: '李建国' });
    await setEmail(withMail.id, 'li@example.gov.cn');
    const noMail = await buildUser(t.ctx, { name: '孙强' });
    const inactive = await buildUser(t.ctx, { active: false });
    await setEmail(inactive.id, 'off@example.gov.cn');
    const actor = await buildUser(t.ctx);

    const result = await t.ctx.db.transaction().execute((trx) =>
      notify(trx, t.ctx, {
        userIds: [withMail.id, noMail.id, inactive.id, withMail.id, actor.id, 999_999],
        exceptUserIds: [actor.id],
        kind: 'case.registered',
        title: '新办件：镇东路路灯不亮',
        body: '网民反映镇东路路灯连续三晚不亮，请尽快批办。',
        link: '/cases/42',
        caseId: 42,
      }),
    );

    expect(result.notificationIds).toHaveLength(2);
    const [row] = await inboxOf(withMail.id);
    expect(row).toMatchObject({
      kind: 'case.registered',
      title: '新办件：镇东路路灯不亮',
      body: '网民反映镇东路路灯连续三晚不亮，请尽快批办。',
      link: '/cases/42',
      case_id: 42,
      read_at: null,
    });
    expect(row?.created_at.toISOString()).toBe(t.clock.now().toISOString());
    expect(await inboxOf(noMail.id)).toHaveLength(1);
    expect(await inboxOf(inactive.id)).toHaveLength(0);
    expect(await inboxOf(actor.id)).toHaveLength(0);

    const deliveries = await deliveriesFor(result.deliveryIds);
    expect(deliveries.map((d) => [d.channel, d.target, d.status, d.attempts])).toEqual([
      ['email', 'li@example.gov.cn', 'pending', 0],
      ['wecom', 'group', 'pending', 0],
      ['dingtalk', 'group', 'pending', 0],
    ]);
    const [email, wecom] = deliveries;
    expect(email?.notification_id).toBe(row?.id);
    expect(email?.subject).toBe('【舆情】新办件：镇东路路灯不亮');
    expect(email?.body).toContain('李建国，您好：');
    expect(email?.body).toContain('网民反映镇东路路灯连续三晚不亮，请尽快批办。');
    // The public address and the in-app path make the link; the trailing slash is not doubled.
    expect(email?.body).toContain('http://yuqing.example.gov.cn:3000/cases/42');
    expect(wecom?.body).toBe(
      '【舆情】新办件：镇东路路灯不亮\n网民反映镇东路路灯连续三晚不亮，请尽快批办。\n' +
        '通知对象：李建国、孙强\n查看：http://yuqing.example.gov.cn:3000/cases/42',
    );
    expect(wecom?.notification_id).toBeNull();
  });

  it('queues nothing external while every channel is off', async () => {
    const user = await buildUser(t.ctx);
    await setEmail(user.id, 'someone@example.gov.cn');
    const result = await t.ctx.db
      .transaction()
      .execute((trx) =>
        notify(trx, t.ctx, { userIds: [user.id], kind: 'system.note', title: '提示', body: '' }),
      );
    expect(result.notificationIds).toHaveLength(1);
    expect(result.deliveryIds).toEqual([]);
  });

  it('leaves no inbox or outbox row when the caller’s transaction rolls back', async () => {
    await setChannels(allOn);
    const user = await buildUser(t.ctx);
    await setEmail(user.id, 'rollback@example.gov.cn');
    const before = await t.ctx.db
      .selectFrom('notification_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    let queued: number[] = [];
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        const r = await notify(trx, t.ctx, {
          userIds: [user.id],
          kind: 'case.assigned',
          title: '办件已批办',
          body: '请签收',
        });
        queued = r.deliveryIds;
        throw new Error('the case change failed after notify');
      }),
    ).rejects.toThrow('the case change failed');
    expect(queued).toHaveLength(3);
    expect(await inboxOf(user.id)).toEqual([]);
    expect(await deliveriesFor(queued)).toEqual([]);
    const after = await t.ctx.db
      .selectFrom('notification_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('posts to the robots once per call, and not at all with groupRobots: false', async () => {
    await setChannels(allOn);
    const users = await Promise.all([buildUser(t.ctx), buildUser(t.ctx), buildUser(t.ctx)]);
    const ids = users.map((u) => u.id);
    const first = await t.ctx.db
      .transaction()
      .execute((trx) =>
        notify(trx, t.ctx, { userIds: ids, kind: 'case.overdue', title: '超期', body: '已超期' }),
      );
    expect((await deliveriesFor(first.deliveryIds)).map((d) => d.channel)).toEqual([
      'wecom',
      'dingtalk',
    ]);
    const second = await t.ctx.db.transaction().execute((trx) =>
      notify(trx, t.ctx, {
        userIds: ids,
        kind: 'case.overdue',
        title: '超期',
        body: '已超期',
        groupRobots: false,
      }),
    );
    expect(second.notificationIds).toHaveLength(3);
    expect(second.deliveryIds).toEqual([]);
  });

  it('cuts an over-long title and refuses a malformed kind or an outside link', async () => {
    const user = await buildUser(t.ctx);
    const long = '长'.repeat(300);
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        notify(trx, t.ctx, { userIds: [user.id], kind: 'case.x', title: long, body: long }),
      );
    const [row] = await inboxOf(user.id);
    expect([...(row?.title ?? '')]).toHaveLength(200);
    expect(row?.title.endsWith('…')).toBe(true);
    expect(row?.body).toBe(long);

    for (const bad of [
      { kind: 'Case Registered', link: null },
      { kind: 'case.ok', link: 'https://evil.example/' },
    ]) {
      await expect(
        t.ctx.db
          .transaction()
          .execute((trx) =>
            notify(trx, t.ctx, { userIds: [user.id], title: '标题', body: '', ...bad }),
          ),
      ).rejects.toMatchObject({ name: 'AppError' });
    }
  });
});

describe('recipients', () => {
  it('notifyRoles reaches the active users holding a role', async () => {
    const leader = await buildUser(t.ctx, { roles: ['leader'] });
    const both = await buildUser(t.ctx, { roles: ['monitor', 'leader'] });
    const retired = await buildUser(t.ctx, { roles: ['leader'], active: false });
    const monitor = await buildUser(t.ctx, { roles: ['monitor'] });
    const ids = await usersWithRoles(t.ctx.db, ['leader']);
    expect(ids).toEqual(expect.arrayContaining([leader.id, both.id]));
    expect(ids).not.toContain(retired.id);
    expect(ids).not.toContain(monitor.id);

    await t.ctx.db.transaction().execute((trx) =>
      notifyRoles(trx, t.ctx, {
        roles: ['leader'],
        kind: 'case.registered',
        title: '新办件待批办',
        body: '',
      }),
    );
    expect(await inboxOf(leader.id)).toHaveLength(1);
    expect(await inboxOf(both.id)).toHaveLength(1);
    expect(await inboxOf(monitor.id)).toHaveLength(0);
  });

  it('notifyUnits reaches each unit’s liaison and its liaison-role users, nobody else', async () => {
    const unit = await buildUnit(t.ctx);
    const other = await buildUnit(t.ctx);
    // The designated liaison may sit in another unit (one person serving two units).
    const designated = await buildUser(t.ctx, { roles: ['liaison'], unitId: other.id });
    await t.ctx.db
      .updateTable('units')
      .set({ liaison_user_id: designated.id })
      .where('id', '=', unit.id)
      .execute();
    const deputyLiaison = await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id });
    const colleague = await buildUser(t.ctx, { roles: ['viewer'], unitId: unit.id });
    const otherLiaison = await buildUser(t.ctx, { roles: ['liaison'], unitId: other.id });
    const gone = await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id, active: false });

    expect((await unitContacts(t.ctx.db, [unit.id])).sort()).toEqual(
      [designated.id, deputyLiaison.id].sort(),
    );
    await t.ctx.db.transaction().execute((trx) =>
      notifyUnits(trx, t.ctx, {
        unitIds: [unit.id],
        kind: 'case.assigned',
        title: '请签收抄告单 2026-0042',
        body: '',
        link: '/cases/7',
      }),
    );
    expect(await inboxOf(designated.id)).toHaveLength(1);
    expect(await inboxOf(deputyLiaison.id)).toHaveLength(1);
    for (const u of [colleague, otherLiaison, gone]) expect(await inboxOf(u.id)).toHaveLength(0);
  });
});
