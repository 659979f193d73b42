import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, TEST_START, type TestContext } from '../../../tests/helpers/db.js';
import type { SourceKind } from '../../db/schema.js';
import type { BuiltApp } from '../../server/app.js';
import type {
  ProposedRoster,
  SourceOption,
  WatchPeriodDetail,
  WatchPeriodSummary,
  WatchToday,
} from './watch.schemas.js';

let t: TestContext;
let built: BuiltApp;
let office: ApiClient;
let viewer: ApiClient;
let officeUser: BuiltUser;
let viewerUser: BuiltUser;
let monitorA: BuiltUser;
let monitorB: BuiltUser;
let leader: BuiltUser;
let retired: BuiltUser;
const sources: Record<string, number> = {};

const at = (local: string) => new Date(`${local}:00+08:00`).toISOString();
const error = (body: string) =>
  (JSON.parse(body) as { error: { code: string; message: string } }).error;

async function addSource(name: string, kind: SourceKind, enabled = true): Promise<number> {
  const now = t.ctx.clock.now();
  const row = await t.ctx.db
    .insertInto('sources')
    .values({ name, kind, url: 'https://example.org/', enabled, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves the clock and signs in again: sessions idle for hours have ended. */
async function setClock(instant: string): Promise<void> {
  t.clock.set(instant);
  office = await loginAs(built, officeUser.username, officeUser.password);
  viewer = await loginAs(built, viewerUser.username, viewerUser.password);
}

async function createPeriod(body: Record<string, unknown>): Promise<WatchPeriodDetail> {
  const res = await office.request('POST', '/api/watch-periods', {
    name: '重点时段',
    kind: 'meeting',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<WatchPeriodDetail>();
}

async function auditActions(entityId: number): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'watch_period')
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  officeUser = await buildUser(t.ctx, { roles: ['office'] });
  viewerUser = await buildUser(t.ctx, { roles: ['viewer'], name: '陈静' });
  monitorA = await buildUser(t.ctx, { roles: ['monitor'], name: '王敏' });
  monitorB = await buildUser(t.ctx, { roles: ['monitor'], name: '刘洋' });
  leader = await buildUser(t.ctx, { roles: ['leader'], name: '李建国' });
  retired = await buildUser(t.ctx, { roles: ['monitor'], name: '周退', active: false });
  await setClock(TEST_START);
  sources.rss = await addSource('县融媒体', 'rss');
  sources.html = await addSource('百姓论坛', 'html');
  sources.off = await addSource('停用论坛', 'json', false);
  sources.manual = await addSource('手工录入', 'manual');
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('watch periods', () => {
  it('validates a new period and offers only enabled fetched sources', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ startsOn: '2026-12-03', endsOn: '2026-12-01' }, '开始日期不能晚于结束日期'],
      [{ startsOn: '2026-01-01', endsOn: '2027-06-01' }, '不能超过 366 天'],
      [{ startsOn: '2026-12-01', endsOn: '2026-12-01', sourceIds: [sources.off] }, '已停用'],
      [
        { startsOn: '2026-12-01', endsOn: '2026-12-01', sourceIds: [sources.manual] },
        '不是自动抓取',
      ],
      [{ startsOn: '2026-12-01', endsOn: '2026-12-01', sourceIds: [999999] }, '不存在'],
    ];
    for (const [body, message] of cases) {
      const res = await office.request('POST', '/api/watch-periods', {
        name: '两会',
        kind: 'meeting',
        ...body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(error(res.body).message).toContain(message);
    }
    const bad = await office.request('POST', '/api/watch-periods', {
      name: '两会',
      kind: 'meeting',
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
      intervalMinutes: 2,
    });
    expect(bad.statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('watch_periods').select('id').execute()).toEqual([]);

    const options = await viewer.request('GET', '/api/watch/source-options');
    expect(
      options
        .json<{ items: SourceOption[] }>()
        .items.map((s) => s.name)
        .sort(),
    ).toEqual(['县融媒体', '百姓论坛'].sort());
  });

  it('creates, lists by status relative to the local date, updates and audits', async () => {
    const meeting = await createPeriod({
      name: '县人代会',
      startsOn: '2026-11-25',
      endsOn: '2026-11-26',
      intervalMinutes: 15,
      sourceIds: [sources.rss, sources.html],
    });
    expect(meeting).toMatchObject({
      status: 'active',
      intervalMinutes: 15,
      sourceCount: 2,
      dutyCount: 0,
    });
    expect(meeting.sources.map((s) => s.name).sort()).toEqual(['县融媒体', '百姓论坛'].sort());
    expect(meeting.coverage).toHaveLength(2);
    expect(meeting.coverage[0]?.uncoveredHours).toHaveLength(24);
    const fair = await createPeriod({
      name: '桃花节',
      kind: 'celebration',
      startsOn: '2026-12-05',
      endsOn: '2026-12-06',
    });
    expect(fair).toMatchObject({ status: 'upcoming', intervalMinutes: 60 });
    await createPeriod({
      name: '十月庆典',
      kind: 'celebration',
      startsOn: '2026-10-01',
      endsOn: '2026-10-07',
    });

    const names = async (query: string) =>
      (await viewer.request('GET', `/api/watch-periods${query}`))
        .json<{ items: WatchPeriodSummary[]; total: number }>()
        .items.map((p) => p.name);
    expect(await names('')).toEqual(['县人代会', '桃花节', '十月庆典']);
    expect(await names('?status=active')).toEqual(['县人代会']);
    expect(await names('?status=upcoming')).toEqual(['桃花节']);
    expect(await names('?status=ended')).toEqual(['十月庆典']);
    expect(await names('?q=桃花')).toEqual(['桃花节']);

    // 00:30 on 27 November in Shanghai is still the 26th in UTC: the meeting has ended locally.
    await setClock('2026-11-26T16:30:00Z');
    expect(await names('?status=ended')).toEqual(['县人代会', '十月庆典']);
    await setClock(TEST_START);

    const patched = await office.request('PATCH', `/api/watch-periods/${fair.id}`, {
      name: '第五届桃花节',
      sourceIds: [sources.html],
      note: '开幕式当天加强值守',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<WatchPeriodDetail>()).toMatchObject({
      name: '第五届桃花节',
      sourceCount: 1,
      note: '开幕式当天加强值守',
    });
    const disabledSource = await office.request('PATCH', `/api/watch-periods/${fair.id}`, {
      sourceIds: [sources.off],
    });
    expect(disabledSource.statusCode).toBe(400);
    expect(await auditActions(fair.id)).toEqual(['watch-period.create', 'watch-period.update']);

    const forbidden = await viewer.request('POST', '/api/watch-periods', {
      name: '越权',
      kind: 'other',
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('the duty roster', () => {
  let period: WatchPeriodDetail;
  beforeAll(async () => {
    period = await createPeriod({
      name: '项目签约',
      kind: 'project',
      startsOn: '2026-12-01',
      endsOn: '2026-12-02',
    });
  });

  it('refuses a roster with problems, naming each row, and saves nothing', async () => {
    const res = await office.request('PUT', `/api/watch-periods/${period.id}/duties`, {
      duties: [
        { userId: monitorA.id, startsAt: at('2026-12-01T00:00'), endsAt: at('2026-12-01T12:00') },
        {
          userId: viewerUser.id,
          startsAt: at('2026-12-01T00:00'),
          endsAt: at('2026-12-01T12:00'),
        },
        { userId: monitorA.id, startsAt: at('2026-12-01T11:00'), endsAt: at('2026-12-01T20:00') },
        { userId: retired.id, startsAt: at('2026-12-01T12:00'), endsAt: at('2026-12-01T20:00') },
        { userId: monitorB.id, startsAt: at('2026-12-02T20:00'), endsAt: at('2026-12-03T02:00') },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(error(res.body)).toEqual({
      code: 'VALIDATION_FAILED',
      message: [
        '第 2 行：「陈静」不是启用的舆情管理员、领导或办公室人员，不能值班',
        '第 3 行：与第 1 行时间重叠',
        '第 4 行：「周退」不是启用的舆情管理员、领导或办公室人员，不能值班',
        '第 5 行：超出重点时段（2026-12-01 至 2026-12-02）',
      ].join('；'),
    });
    expect(await t.ctx.db.selectFrom('watch_duties').select('id').execute()).toEqual([]);
  });

  it('saves a roster, shows its gaps across midnight and notifies people new to it', async () => {
    const duties = [
      { userId: monitorA.id, startsAt: at('2026-12-01T08:00'), endsAt: at('2026-12-01T20:00') },
      {
        userId: monitorB.id,
        startsAt: at('2026-12-01T20:00'),
        endsAt: at('2026-12-02T08:00'),
        note: '夜班',
      },
    ];
    const res = await office.request('PUT', `/api/watch-periods/${period.id}/duties`, { duties });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<WatchPeriodDetail>();
    expect(saved.duties.map((d) => [d.userName, d.startsAt, d.note])).toEqual([
      ['王敏', at('2026-12-01T08:00'), null],
      ['刘洋', at('2026-12-01T20:00'), '夜班'],
    ]);
    expect(saved.dutyCount).toBe(2);
    expect(saved.coverage.map((d) => d.uncoveredHours)).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7],
      [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23],
    ]);
    expect(saved.coverage[1]?.onDuty[7]).toEqual([monitorB.id]);

    const inbox = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'title', 'body', 'link'])
      .where('kind', '=', 'watch.duty-assigned')
      .orderBy('id')
      .execute();
    expect(inbox.map((n) => [n.user_id, n.title, n.link])).toEqual([
      [monitorA.id, '值班安排：项目签约', `/watch/${period.id}`],
      [monitorB.id, '值班安排：项目签约', `/watch/${period.id}`],
    ]);
    expect(inbox[1]?.body).toContain('2026-12-01 20:00 至 2026-12-02 08:00');

    // Saving again with the same people notifies nobody a second time.
    const again = await office.request('PUT', `/api/watch-periods/${period.id}/duties`, {
      duties: [
        ...duties,
        { userId: monitorA.id, startsAt: at('2026-12-02T08:00'), endsAt: at('2026-12-03T00:00') },
      ],
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<WatchPeriodDetail>().coverage[1]?.uncoveredHours).toEqual([]);
    const count = await t.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('kind', '=', 'watch.duty-assigned')
      .execute();
    expect(count).toHaveLength(2);
    expect(await auditActions(period.id)).toEqual([
      'watch-period.create',
      'watch-duties.replace',
      'watch-duties.replace',
    ]);

    // A period cannot shrink away from shifts already on its roster.
    const shrink = await office.request('PATCH', `/api/watch-periods/${period.id}`, {
      endsOn: '2026-12-01',
    });
    expect(shrink.statusCode).toBe(409);
    expect(error(shrink.body).message).toContain('2 个班次不在新的日期范围内');
  });

  it('proposes a rotating roster that covers every hour, without saving it', async () => {
    const res = await office.request('POST', `/api/watch-periods/${period.id}/duties/generate`, {
      userIds: [monitorB.id, monitorA.id],
      shiftHours: 12,
      firstShiftStartsAt: 8,
    });
    expect(res.statusCode, res.body).toBe(200);
    const proposal = res.json<ProposedRoster>();
    expect(proposal.coverage.flatMap((d) => d.uncoveredHours)).toEqual([]);
    expect(proposal.duties.map((d) => [d.userName, d.startsAt])).toEqual([
      ['王敏', at('2026-12-01T00:00')],
      ['刘洋', at('2026-12-01T08:00')],
      ['王敏', at('2026-12-01T20:00')],
      ['刘洋', at('2026-12-02T08:00')],
      ['王敏', at('2026-12-02T20:00')],
    ]);
    const detail = await viewer.request('GET', `/api/watch-periods/${period.id}`);
    expect(detail.json<WatchPeriodDetail>().dutyCount).toBe(3);

    const refused = await office.request(
      'POST',
      `/api/watch-periods/${period.id}/duties/generate`,
      {
        userIds: [monitorA.id, viewerUser.id],
        shiftHours: 8,
        firstShiftStartsAt: 0,
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(error(refused.body).message).toBe(
      '第 2 位值班人员：「陈静」不是启用的舆情管理员、领导或办公室人员，不能值班',
    );
    // A leader stands the night watch (值班领导).
    const withLeader = await office.request(
      'POST',
      `/api/watch-periods/${period.id}/duties/generate`,
      { userIds: [monitorA.id, leader.id], shiftHours: 12, firstShiftStartsAt: 8 },
    );
    expect(withLeader.statusCode, withLeader.body).toBe(200);
    expect(
      new Set(withLeader.json<{ duties: { userName: string }[] }>().duties.map((d) => d.userName)),
    ).toEqual(new Set(['王敏', '李建国']));
  });

  it('tells who is on duty now and next, and the hours of today nobody covers', async () => {
    await setClock(at('2026-12-01T21:15'));
    const today = (await viewer.request('GET', '/api/watch/today')).json<WatchToday>();
    expect(today.date).toBe('2026-12-01');
    expect(today.periods.map((p) => p.name)).toEqual(['项目签约']);
    const [now] = today.periods;
    expect(now?.onDuty.map((d) => d.userName)).toEqual(['刘洋']);
    expect(now?.next.map((d) => [d.userName, d.startsAt])).toEqual([
      ['王敏', at('2026-12-02T08:00')],
    ]);
    expect(now?.uncoveredHours).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    await setClock(at('2026-12-04T09:00'));
    expect((await viewer.request('GET', '/api/watch/today')).json<WatchToday>().periods).toEqual(
      [],
    );
    await setClock(TEST_START);
  });

  it('deletes a period with its roster and sources', async () => {
    const res = await office.request('DELETE', `/api/watch-periods/${period.id}`);
    expect(res.statusCode).toBe(204);
    const left = await t.ctx.db
      .selectFrom('watch_duties')
      .select('id')
      .where('period_id', '=', period.id)
      .execute();
    expect(left).toEqual([]);
    expect((await viewer.request('GET', `/api/watch-periods/${period.id}`)).statusCode).toBe(404);
    expect(await auditActions(period.id)).toContain('watch-period.delete');
    expect((await office.request('DELETE', `/api/watch-periods/${period.id}`)).statusCode).toBe(
      404,
    );
  });
});
