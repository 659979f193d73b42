import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import { AppError } from '../../server/errors.js';
import { assignCase } from '../cases/assign-case.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import { registerCase } from '../cases/register-case.js';
import { createUnit, updateUnit } from './save-unit.js';
import type { Unit, User } from './org.schemas.js';

let t: TestContext;
let built: BuiltApp;
let admin: BuiltUser;
let api: ApiClient;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  admin = await buildUser(t.ctx, { roles: ['admin'] });
  api = await loginAs(built, admin.username, admin.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

describe('units', () => {
  it('creates, lists, updates and deletes a unit, auditing each step', async () => {
    const created = await api.request('POST', '/api/units', {
      name: '文化站',
      type: 'department',
      phone: '0000-123',
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json<Unit>();
    expect(unit).toMatchObject({
      name: '文化站',
      type: 'department',
      phone: '0000-123',
      userCount: 0,
    });

    const child = await api.request('POST', '/api/units', {
      name: '文化站分站',
      type: 'department',
      parentId: unit.id,
    });
    expect(child.json<Unit>().parentId).toBe(unit.id);

    const list = await api.request('GET', '/api/units');
    expect(list.json<{ items: Unit[] }>().items.map((u) => u.name)).toEqual(
      expect.arrayContaining(['文化站', '文化站分站']),
    );

    const patched = await api.request('PATCH', `/api/units/${unit.id}`, {
      name: '综合文化站',
      active: false,
    });
    expect(patched.json<Unit>()).toMatchObject({ name: '综合文化站', active: false });

    const refused = await api.request('DELETE', `/api/units/${unit.id}`);
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused.body)).toBe('UNIT_IN_USE');

    expect((await api.request('DELETE', `/api/units/${child.json<Unit>().id}`)).statusCode).toBe(
      204,
    );
    expect((await api.request('DELETE', `/api/units/${unit.id}`)).statusCode).toBe(204);

    // A unit that has led a case keeps it: its history stays (it can be turned off instead).
    const led = await buildUnit(t.ctx, { name: '水利站' });
    const monitor = actorFor(await buildUser(t.ctx, { roles: ['monitor'] }));
    const leader = actorFor(await buildUser(t.ctx, { roles: ['leader'] }));
    const { id: caseId } = await registerCase({
      ctx: t.ctx,
      actor: monitor,
      input: { post: { source: '网站', postedAt: t.clock.now().toISOString(), body: '渠道堵塞' } },
    });
    await assignCase({
      ctx: t.ctx,
      actor: leader,
      id: caseId,
      input: { instruction: '请核实', leadUnitId: led.id },
    });
    const inUse = await api.request('DELETE', `/api/units/${led.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toEqual({
      error: {
        code: 'UNIT_IN_USE',
        message: '单位「水利站」已有办件或报送记录，不能删除；可改为停用',
      },
    });
    expect(
      await t.ctx.db.selectFrom('units').select('id').where('id', '=', led.id).execute(),
    ).toHaveLength(1);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'before', 'after'])
      .where('entity_type', '=', 'unit')
      .where('entity_id', '=', String(unit.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['unit.create', 'unit.update', 'unit.delete']);
    expect(audit[1]?.before).toEqual({ name: '文化站', active: true });
    expect(audit[1]?.after).toEqual({ name: '综合文化站', active: false });
  });

  it('refuses a duplicate name under the same parent with 409 and a Chinese message', async () => {
    await api.request('POST', '/api/units', { name: '重名单位', type: 'community' });
    const res = await api.request('POST', '/api/units', { name: '重名单位', type: 'community' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { message: string } }>().error.message).toContain('重名单位');
  });

  it('validates type, name length and unknown fields', async () => {
    for (const body of [
      { name: '坏类型', type: 'village' },
      { name: '', type: 'department' },
      { name: '长'.repeat(51), type: 'department' },
      { name: '多余字段', type: 'department', secret: 1 },
    ]) {
      const res = await api.request('POST', '/api/units', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('VALIDATION_FAILED');
    }
    // Spaces only pass the schema's minLength and used to fail the database's check as a 500.
    const blank = await api.request('POST', '/api/units', { name: '   ', type: 'department' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '请填写单位名称' },
    });
    const blankUser = await api.request('POST', '/api/users', {
      username: 'blank_name',
      name: ' ',
      roles: ['viewer'],
    });
    expect(blankUser.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '请填写姓名' },
    });
  });

  it('refuses a parent that is the unit itself or below it', async () => {
    const top = await buildUnit(t.ctx);
    const mid = await buildUnit(t.ctx, { parentId: top.id });
    const low = await buildUnit(t.ctx, { parentId: mid.id });
    const actor = actorFor(admin);
    await expect(
      updateUnit({ ctx: t.ctx, actor, id: top.id, input: { parentId: low.id } }),
    ).rejects.toThrow(/下级单位/);
    await expect(
      updateUnit({ ctx: t.ctx, actor, id: top.id, input: { parentId: top.id } }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('accepts only an active user with the liaison role as liaison', async () => {
    const unit = await buildUnit(t.ctx);
    const viewer = await buildUser(t.ctx, { roles: ['viewer'], unitId: unit.id });
    const liaison = await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id });
    const bad = await api.request('PATCH', `/api/units/${unit.id}`, { liaisonUserId: viewer.id });
    expect(bad.statusCode).toBe(400);
    const good = await api.request('PATCH', `/api/units/${unit.id}`, { liaisonUserId: liaison.id });
    expect(good.json<Unit>()).toMatchObject({
      liaisonUserId: liaison.id,
      liaisonName: liaison.name,
    });
  });

  it('checks the permission inside the use case, not only on the route', async () => {
    const viewer = await buildUser(t.ctx, { roles: ['viewer'] });
    await expect(
      createUnit({
        ctx: t.ctx,
        actor: actorFor(viewer),
        input: { name: '越权', type: 'department' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('users', () => {
  it('creates a user with a generated initial password that must be changed at first login', async () => {
    const unit = await buildUnit(t.ctx);
    const res = await api.request('POST', '/api/users', {
      username: 'new.monitor',
      name: '新网评员',
      unitId: unit.id,
      roles: ['monitor'],
      phone: '13800000000',
    });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json<{ user: User; initialPassword: string }>();
    expect(user).toMatchObject({
      username: 'new.monitor',
      unitName: unit.name,
      roles: ['monitor'],
    });
    expect(initialPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
    const stored = await t.ctx.db
      .selectFrom('users')
      .select(['password_hash', 'must_change_password'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.must_change_password).toBe(true);
    const c = await loginAs(built, 'new.monitor', initialPassword);
    expect(
      (await c.request('GET', '/api/auth/me')).json<{ user: { mustChangePassword: boolean } }>()
        .user.mustChangePassword,
    ).toBe(true);
  });

  it('refuses a taken login name case-insensitively', async () => {
    await buildUser(t.ctx, { username: 'Taken' });
    const res = await api.request('POST', '/api/users', {
      username: 'taken',
      name: '某人',
      roles: ['viewer'],
    });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res.body)).toBe('USERNAME_TAKEN');
  });

  it('needs a unit for a liaison, and names what changed in the audit log', async () => {
    const unit = await buildUnit(t.ctx);
    const bare = await api.request('POST', '/api/users', {
      username: 'liaison-without-unit',
      name: '刘洋',
      roles: ['liaison'],
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json<{ error: { message: string } }>().error.message).toBe(
      '联络员必须选择所属单位',
    );
    const made = await api.request('POST', '/api/users', {
      username: 'liaison-with-unit',
      name: '刘洋',
      roles: ['liaison'],
      unitId: unit.id,
    });
    expect(made.statusCode).toBe(201);
    const id = made.json<{ user: User }>().user.id;
    const unitless = await api.request('PATCH', `/api/users/${id}`, { unitId: null });
    expect(unitless.json<{ error: { message: string } }>().error.message).toBe(
      '联络员必须选择所属单位',
    );
    const off = await api.request('PATCH', `/api/users/${id}`, {
      active: false,
      email: 'liu@example.cn',
    });
    expect(off.statusCode, off.body).toBe(200);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'user.update')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.summary).toBe('修改用户「刘洋」（liaison-with-unit）：停用、修改邮箱');
  });

  it('filters, paginates and searches the list', async () => {
    const unit = await buildUnit(t.ctx);
    for (let i = 0; i < 5; i++)
      await buildUser(t.ctx, { unitId: unit.id, roles: ['office'], name: `督办员${i}` });
    const page = await api.request('GET', `/api/users?unitId=${unit.id}&pageSize=2&page=2`);
    const body = page.json<{ items: User[]; total: number; page: number }>();
    expect(body.total).toBe(5);
    expect(body.items).toHaveLength(2);
    expect(body.page).toBe(2);
    const past = await api.request('GET', `/api/users?unitId=${unit.id}&pageSize=2&page=9`);
    expect(past.json<{ items: User[]; total: number }>()).toMatchObject({ items: [], total: 5 });
    const found = await api.request('GET', `/api/users?q=${encodeURIComponent('督办员3')}`);
    expect(found.json<{ items: User[] }>().items.map((u) => u.name)).toEqual(['督办员3']);
    const byRole = await api.request('GET', `/api/users?unitId=${unit.id}&role=office&active=true`);
    expect(byRole.json<{ total: number }>().total).toBe(5);
  });

  it('shows a liaison only the users of the units they belong to', async () => {
    const mine = await buildUnit(t.ctx);
    const other = await buildUnit(t.ctx);
    const liaison = await buildUser(t.ctx, { roles: ['liaison'], unitId: mine.id });
    const colleague = await buildUser(t.ctx, { unitId: mine.id });
    const stranger = await buildUser(t.ctx, { unitId: other.id });
    const c = await loginAs(built, liaison.username, liaison.password);
    const list = await c.request('GET', '/api/users?pageSize=200');
    const ids = list.json<{ items: User[] }>().items.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([liaison.id, colleague.id]));
    expect(ids).not.toContain(stranger.id);
    expect((await c.request('GET', `/api/users/${stranger.id}`)).statusCode).toBe(404);
    expect((await c.request('GET', `/api/users/${colleague.id}`)).statusCode).toBe(200);

    // Named liaison of another unit: that unit's users become visible too.
    await api.request('PATCH', `/api/units/${other.id}`, { liaisonUserId: liaison.id });
    const again = await c.request('GET', '/api/users?pageSize=200');
    expect(again.json<{ items: User[] }>().items.map((u) => u.id)).toContain(stranger.id);
  });

  it('deactivating a user ends their sessions; an admin cannot deactivate themself', async () => {
    const u = await buildUser(t.ctx);
    const c = await loginAs(built, u.username, u.password);
    expect((await api.request('PATCH', `/api/users/${u.id}`, { active: false })).statusCode).toBe(
      200,
    );
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const self = await api.request('PATCH', `/api/users/${admin.id}`, { active: false });
    expect(self.statusCode).toBe(409);
  });

  it('resets a password and unlocks an account', async () => {
    const u = await buildUser(t.ctx);
    await t.ctx.db
      .updateTable('users')
      .set({ failed_logins: 7, locked_until: new Date(t.clock.now().getTime() + 3_600_000) })
      .where('id', '=', u.id)
      .execute();
    expect((await api.request('POST', `/api/users/${u.id}/unlock`)).statusCode).toBe(204);
    const unlocked = await t.ctx.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(unlocked.locked_until).toBeNull();
    const reset = await api.request('POST', `/api/users/${u.id}/reset-password`, {});
    const { initialPassword } = reset.json<{ initialPassword: string }>();
    expect(
      (
        await built.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: u.username, password: u.password },
        })
      ).statusCode,
    ).toBe(401);
    expect((await loginAs(built, u.username, initialPassword)).csrfToken).toBeTruthy();
  });
});

describe('working group', () => {
  it('sets leaders, deputies and member units', async () => {
    const leader = await buildUser(t.ctx, { roles: ['leader'] });
    const deputy = await buildUser(t.ctx, { roles: ['leader'] });
    const unit = await buildUnit(t.ctx);
    const res = await api.request('PUT', '/api/working-group', {
      leaderIds: [leader.id],
      deputyIds: [deputy.id],
      unitIds: [unit.id],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      orgName: null,
      leaders: [{ userId: leader.id, name: leader.name, unitName: null }],
      deputies: [{ userId: deputy.id, name: deputy.name, unitName: null }],
      units: [{ unitId: unit.id, name: unit.name }],
    });
    const both = await api.request('PUT', '/api/working-group', {
      leaderIds: [leader.id],
      deputyIds: [leader.id],
      unitIds: [],
    });
    expect(both.statusCode).toBe(400);
    const missing = await api.request('PUT', '/api/working-group', {
      leaderIds: [999999],
      deputyIds: [],
      unitIds: [],
    });
    expect(missing.statusCode).toBe(400);
    expect(
      (await api.request('GET', '/api/working-group')).json<{ leaders: unknown[] }>().leaders,
    ).toHaveLength(1);
  });

  it('takes as 组长 and 副组长 only users with the leader role', async () => {
    // The picker offered every user, 系统管理员 first: a 组长 who cannot 批办 ticked 上线准备's
    // 设置工作小组组长 while the group had no one to sign its slips.
    const clerk = await buildUser(t.ctx, { roles: ['admin'] });
    const leader = await buildUser(t.ctx, { roles: ['leader'] });
    for (const body of [
      { leaderIds: [clerk.id], deputyIds: [], unitIds: [] },
      { leaderIds: [leader.id], deputyIds: [clerk.id], unitIds: [] },
    ]) {
      const res = await api.request('PUT', '/api/working-group', body);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toBe(
        `组长、副组长须有“领导”角色：${clerk.name} 没有`,
      );
    }
  });

  it('names the township (本级名称) that heads slips, notices and the board, when none was seeded', async () => {
    const body = { leaderIds: [], deputyIds: [], unitIds: [] };
    const bad = await api.request('PUT', '/api/working-group', { ...body, orgName: '云 溪' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('本级名称须为 2 到 30 个字');
    const named = await api.request('PUT', '/api/working-group', { ...body, orgName: ' 清溪镇 ' });
    expect(named.statusCode).toBe(200);
    expect(named.json<{ orgName: string }>().orgName).toBe('清溪镇');
    expect(await loadOrgName(t.ctx.db)).toBe('清溪镇');
    // Saving the members without a name keeps it.
    await api.request('PUT', '/api/working-group', body);
    expect(await loadOrgName(t.ctx.db)).toBe('清溪镇');
    const board = await api.request('GET', '/api/board/about');
    expect(board.json<{ orgName: string }>().orgName).toBe('清溪镇');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['summary', 'after'])
      .where('action', '=', 'working-group.update')
      .orderBy('id', 'desc')
      .execute();
    expect(audit.map((a) => a.summary)).toContain(
      '修改工作小组：本级名称「清溪镇」，组长 0 人，副组长 0 人，成员单位 0 个',
    );
  });
});
