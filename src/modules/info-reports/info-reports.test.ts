import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { Actor } from '../access/actor.js';
import { buildBriefDocx } from './brief-docx.js';
import { addHandover, listHandovers } from './handovers.js';
import { computeRanking } from './info-ranking.js';
import { getBrief } from './info-reports.queries.js';
import { quotaTargets } from './quota-targets.js';
import { buildRankingXlsx, RANKING_SHEETS } from './ranking-xlsx.js';
import { markSubmitted, recordOutcome, reviewBrief, sendForReview } from './review-brief.js';
import { setQuota, setUnitQuotas } from './set-quota.js';
import { editBrief, writeBrief } from './write-brief.js';

let t: TestContext;
let a1: BuiltUser;
let a2: BuiltUser;
let b1: BuiltUser;
let leader: Actor;
let office: Actor;
let unitA: { id: number; name: string };
let unitB: { id: number; name: string };

async function submitted(author: BuiltUser, title: string): Promise<number> {
  const actor = actorFor(author);
  const id = await writeBrief({ ctx: t.ctx, actor, input: { title, body: `${title}的情况。` } });
  await sendForReview({ ctx: t.ctx, actor, id });
  await reviewBrief({ ctx: t.ctx, actor: leader, id, decision: 'approve' });
  await markSubmitted({ ctx: t.ctx, actor, id, submittedTo: '市委网信办' });
  return id;
}

const outcome = (id: number, kind: 'adopted' | 'instruction') =>
  recordOutcome({
    ctx: t.ctx,
    actor: office,
    id,
    input: { kind, byWhom: '市委网信办', level: '市级' },
  });

beforeAll(async () => {
  t = await createTestContext();
  unitA = await buildUnit(t.ctx, { name: '甲街道' });
  unitB = await buildUnit(t.ctx, { name: '乙局' });
  a1 = await buildUser(t.ctx, { roles: ['monitor'], name: '张一', unitId: unitA.id });
  a2 = await buildUser(t.ctx, { roles: ['monitor'], name: '张二', unitId: unitA.id });
  b1 = await buildUser(t.ctx, { roles: ['office'], name: '李三', unitId: unitB.id });
  leader = actorFor(await buildUser(t.ctx, { roles: ['leader'], name: '王领导' }));
  office = actorFor(b1);
});
afterAll(async () => {
  await t.close();
});

describe('the brief workflow', () => {
  it('returns, is edited and resubmitted, approved, submitted with an issue number, gets outcomes', async () => {
    const me = actorFor(a2);
    const id = await writeBrief({ ctx: t.ctx, actor: me, input: { title: '初稿', body: '正文' } });
    await sendForReview({ ctx: t.ctx, actor: me, id });
    await expect(
      reviewBrief({ ctx: t.ctx, actor: leader, id, decision: 'return' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await reviewBrief({ ctx: t.ctx, actor: leader, id, decision: 'return', comment: '补充时间' });
    expect((await getBrief(t.ctx.db, id))?.status).toBe('returned');
    await expect(
      markSubmitted({ ctx: t.ctx, actor: me, id, submittedTo: '市委网信办' }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await editBrief({
      ctx: t.ctx,
      actor: me,
      id,
      input: { title: '修改稿', body: '11月26日，正文' },
    });
    await sendForReview({ ctx: t.ctx, actor: me, id });
    await expect(
      reviewBrief({ ctx: t.ctx, actor: me, id, decision: 'approve' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await reviewBrief({ ctx: t.ctx, actor: leader, id, decision: 'approve' });
    await markSubmitted({ ctx: t.ctx, actor: me, id, submittedTo: '市委网信办' });
    await outcome(id, 'instruction');
    const b = await getBrief(t.ctx.db, id);
    expect(b).toMatchObject({
      status: 'submitted',
      title: '修改稿',
      submittedTo: '市委网信办',
      issueNo: 1,
      reviewerName: '王领导',
    });
    expect(b?.outcomes.map((o) => [o.kind, o.level])).toEqual([['instruction', '市级']]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'info_brief')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'info.write',
      'info.send-for-review',
      'info.return',
      'info.edit',
      'info.send-for-review',
      'info.approve',
      'info.submit',
      'info.outcome',
    ]);
  });
});

describe('writing from a source', () => {
  it('prefills the title and body from a post and keeps the source', async () => {
    const { id: postId } = await t.ctx.db
      .insertInto('posts')
      .values({
        source: '县长信箱',
        url: 'https://example.invalid/1',
        author: null,
        posted_at: t.clock.now(),
        title: '小区门口路灯不亮',
        body: '小区门口路灯一周不亮，晚上出行不便。',
        contact: null,
        created_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await writeBrief({
      ctx: t.ctx,
      actor: actorFor(a1),
      input: { source: { kind: 'post', id: postId } },
    });
    const b = await getBrief(t.ctx.db, id);
    expect(b).toMatchObject({ title: '小区门口路灯不亮', sourceKind: 'post', sourceId: postId });
    expect(b?.body).toContain('县长信箱出现网民发帖反映：小区门口路灯一周不亮');
    expect(b?.body).toContain('https://example.invalid/1');
    await expect(
      writeBrief({
        ctx: t.ctx,
        actor: actorFor(a1),
        input: { source: { kind: 'incident', id: 999 } },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('quotas and ranking', () => {
  it('counts the worked example exactly', async () => {
    // a2 already has one submitted brief with an instruction (above).
    const x = await submitted(a1, '一');
    const y = await submitted(a1, '二');
    await submitted(a1, '三');
    await submitted(b1, '四');
    await outcome(x, 'adopted');
    await outcome(x, 'adopted'); // a second adoption of the same brief counts once
    await outcome(y, 'adopted');
    await outcome(y, 'instruction');
    // A draft does not count.
    await writeBrief({ ctx: t.ctx, actor: actorFor(a2), input: { title: '草稿', body: '正文' } });
    await setQuota({
      ctx: t.ctx,
      actor: office,
      input: { month: '2026-11', unitId: unitA.id, quota: 4 },
    });
    await setQuota({
      ctx: t.ctx,
      actor: office,
      input: { month: '2026-11', unitId: unitB.id, quota: 2 },
    });
    await setQuota({
      ctx: t.ctx,
      actor: office,
      input: { month: '2026-11', userId: a1.id, quota: 3 },
    });
    await setQuota({
      ctx: t.ctx,
      actor: office,
      input: { month: '2026-12', unitId: unitA.id, quota: 5 },
    });
    await expect(
      setQuota({
        ctx: t.ctx,
        actor: actorFor(a1),
        input: { month: '2026-11', userId: a1.id, quota: 1 },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const nov = await computeRanking(t.ctx.db, '2026-11', 'Asia/Shanghai');
    const pick = (r: {
      name: string;
      submitted: number;
      adopted: number;
      instructions: number;
      quota: number | null;
      completion: number | null;
      score: number;
      rank: number;
    }) => [r.name, r.submitted, r.adopted, r.instructions, r.quota, r.completion, r.score, r.rank];
    // Unit 甲 (张一 and 张二): 4 submitted, 2 adopted, 2 with instructions → 4 + 2×2 + 2×3 = 14.
    // Unit 乙: 1 submitted, quota 2 → 50 %, score 1.
    expect(nov.units.map(pick)).toEqual([
      ['甲街道', 4, 2, 2, 4, 1, 14, 1],
      ['乙局', 1, 0, 0, 2, 0.5, 1, 2],
    ]);
    expect(nov.people.map(pick)).toEqual([
      ['张一', 3, 2, 1, 3, 1, 10, 1],
      ['张二', 1, 0, 1, null, null, 4, 2],
      ['李三', 1, 0, 0, null, null, 1, 3],
    ]);

    // The year adds December's quota and a December submission.
    t.clock.set('2026-12-03T02:00:00.000Z');
    const dec = await submitted(a2, '五');
    expect((await getBrief(t.ctx.db, dec))?.issueNo).toBe(6);
    const year = await computeRanking(t.ctx.db, '2026', 'Asia/Shanghai');
    expect(year.units.map(pick)[0]).toEqual(['甲街道', 5, 2, 2, 9, 0.556, 15, 1]);
    expect((await computeRanking(t.ctx.db, '2026-11', 'Asia/Shanghai')).units[0]?.submitted).toBe(
      4,
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildRankingXlsx(year)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(RANKING_SHEETS.units);
    expect(ws?.getCell(1, 1).value).toBe('2026年信息报送单位排名');
    expect(ws?.getRow(3).values).toEqual([undefined, 1, '甲街道', '', 5, 2, 2, 9, 0.556, 15]);
    expect(wb.getWorksheet(RANKING_SHEETS.people)?.getCell(3, 2).value).toBe('张一');
  });

  it("sets many units' quotas of a month at once, all or none, auditing only real changes", async () => {
    const month = '2027-01';
    const quotaOf = async (unitId: number) =>
      (
        await t.ctx.db
          .selectFrom('info_quotas')
          .select('quota')
          .where('month', '=', month)
          .where('unit_id', '=', unitId)
          .executeTakeFirst()
      )?.quota ?? null;
    const audits = async () =>
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select('summary')
          .where('action', '=', 'info.quota')
          .where('summary', 'like', `%${month}%`)
          .execute()
      ).length;

    const first = await setUnitQuotas({
      ctx: t.ctx,
      actor: office,
      month,
      quotas: [
        { unitId: unitA.id, quota: 6 },
        { unitId: unitB.id, quota: 3 },
      ],
    });
    expect(first).toEqual({ changed: 2 });
    expect([await quotaOf(unitA.id), await quotaOf(unitB.id)]).toEqual([6, 3]);
    expect(await audits()).toBe(2);

    // 乙 unchanged leaves no audit line; 甲 cleared with 0.
    const second = await setUnitQuotas({
      ctx: t.ctx,
      actor: office,
      month,
      quotas: [
        { unitId: unitA.id, quota: 0 },
        { unitId: unitB.id, quota: 3 },
      ],
    });
    expect(second).toEqual({ changed: 1 });
    expect([await quotaOf(unitA.id), await quotaOf(unitB.id)]).toEqual([null, 3]);
    expect(await audits()).toBe(3);

    // An unknown unit fails the whole batch: 甲 is not set either.
    await expect(
      setUnitQuotas({
        ctx: t.ctx,
        actor: office,
        month,
        quotas: [
          { unitId: unitA.id, quota: 9 },
          { unitId: 999_999, quota: 1 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: '单位不存在' });
    expect(await quotaOf(unitA.id)).toBeNull();
    await expect(
      setUnitQuotas({
        ctx: t.ctx,
        actor: office,
        month,
        quotas: [
          { unitId: unitB.id, quota: 1 },
          { unitId: unitB.id, quota: 2 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '同一单位出现了两次' });
    await expect(
      setUnitQuotas({ ctx: t.ctx, actor: actorFor(a1), month, quotas: [] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await quotaOf(unitB.id)).toBe(3);
  });

  it('sets quotas only for those who may write briefs, and units with such a person', async () => {
    const villages = await buildUnit(t.ctx, { name: '丙村委会' });
    const liaison = await buildUser(t.ctx, {
      roles: ['liaison'],
      name: '赵联络',
      unitId: villages.id,
    });
    const viewer = await buildUser(t.ctx, { roles: ['viewer'], name: '钱查看', unitId: unitA.id });
    const month = '2027-02';
    const targets = await quotaTargets(t.ctx.db);
    expect(targets.units.map((u) => u.name)).toEqual(
      expect.arrayContaining([unitA.name, unitB.name]),
    );
    expect(targets.units.map((u) => u.name)).not.toContain('丙村委会');
    const people = targets.users.map((u) => u.name);
    expect(people).toEqual(expect.arrayContaining(['张一', '李三', '王领导']));
    expect(people).not.toContain('赵联络');
    expect(people).not.toContain('钱查看');

    await expect(
      setQuota({ ctx: t.ctx, actor: office, input: { month, userId: liaison.id, quota: 2 } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '赵联络的角色不能撰写信息，不能设置信息报送任务数',
    });
    await expect(
      setQuota({ ctx: t.ctx, actor: office, input: { month, userId: viewer.id, quota: 1 } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      setUnitQuotas({
        ctx: t.ctx,
        actor: office,
        month,
        quotas: [
          { unitId: unitA.id, quota: 2 },
          { unitId: villages.id, quota: 2 },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '丙村委会没有能撰写信息的人员，不能设置信息报送任务数',
    });
    // Clearing is allowed for anyone, and nothing above was stored.
    await setQuota({ ctx: t.ctx, actor: office, input: { month, userId: liaison.id, quota: 0 } });
    const stored = await t.ctx.db
      .selectFrom('info_quotas')
      .select('id')
      .where('month', '=', month)
      .execute();
    expect(stored).toEqual([]);
  });

  it('prints a brief with the title block', async () => {
    const docx = await buildBriefDocx(
      {
        title: '某地网民反映施工扰民',
        body: '第一段。\n第二段。',
        issueNo: 7,
        unitName: '甲街道',
        authorName: '张一',
        submittedAt: new Date('2026-11-26T02:00:00.000Z'),
        submittedTo: '市委网信办',
        orgName: '云溪镇',
      },
      t.clock.now(),
    );
    const xml = strFromU8(unzipSync(docx)['word/document.xml'] ?? new Uint8Array());
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).toContain('云溪镇舆情信息|第7期|云溪镇甲街道');
    expect(text).toContain('2026年11月26日');
    expect(text).toContain('某地网民反映施工扰民|第一段。|第二段。');
  });
});

describe('handover notes', () => {
  it('adds and lists notes of a watch period, newest first', async () => {
    const now = t.clock.now();
    const { id: periodId } = await t.ctx.db
      .insertInto('watch_periods')
      .values({
        name: '两会期间',
        kind: 'meeting',
        starts_on: '2026-12-01',
        ends_on: '2026-12-10',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const me = actorFor(a1);
    await addHandover({
      ctx: t.ctx,
      actor: me,
      input: { watchPeriodId: periodId, note: '夜班无异常' },
    });
    t.clock.advance(60_000);
    await addHandover({
      ctx: t.ctx,
      actor: me,
      input: { watchPeriodId: periodId, toUserId: a2.id, note: '跟踪施工扰民帖' },
    });
    await expect(
      addHandover({ ctx: t.ctx, actor: leader, input: { watchPeriodId: periodId, note: 'x' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const notes = await listHandovers(t.ctx.db, periodId);
    expect(notes.map((n) => [n.note, n.fromUser.name, n.toUser?.name ?? null])).toEqual([
      ['跟踪施工扰民帖', '张一', '张二'],
      ['夜班无异常', '张一', null],
    ]);
    expect(await listHandovers(t.ctx.db, undefined)).toEqual([]);
  });
});
