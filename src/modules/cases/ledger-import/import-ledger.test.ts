import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildPost, buildUnit, buildUser } from '../../../../tests/factories/index.js';
import { buildTestApp, loginAs, multipart, type ApiClient } from '../../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import { docxText } from '../../../../tests/helpers/docx.js';
import type { BuiltApp } from '../../../server/app.js';
import { evaluateAlertRules } from '../../analysis/alerts/evaluate-alert-rules.js';
import { createAlertRule } from '../../analysis/alerts/save-alert-rule.js';
import { suggestUnits } from '../../analysis/routing/suggest-units.js';
import { caseCounts } from '../../reports/report-figures.queries.js';
import { periodOf } from '../stats/period.js';
import { unitLedger } from '../stats/unit-stats.js';
import type { LedgerImportReport } from './import-ledger.js';
import { mapColumns } from './read-ledger.js';

let t: TestContext;
let built: BuiltApp;
let office: ApiClient;
let units: { roads: number; village: number };

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const user = await buildUser(t.ctx, { roles: ['office'] });
  office = await loginAs(built, user.username, user.password);
  units = {
    roads: (await buildUnit(t.ctx, { name: '城建办' })).id,
    village: (await buildUnit(t.ctx, { name: '青石村委会', type: 'community' })).id,
  };
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

type Row = (string | number | Date | null)[];

/** A row's values in this order; 协办单位 last and optional. ledgerFile puts each under its header. */
const ROW_COLUMNS = [
  '受理时间',
  '来源',
  '标题',
  '留言内容',
  '承办单位',
  '抄告单号',
  '交办时间',
  '回复内容',
  '回复时间',
  '办结情况',
  '协办单位',
];

const GOOD: Row[] = [
  [
    '2025-03-08 09:30',
    '县长信箱',
    '幸福路路灯不亮',
    '幸福路路灯坏了半个月，晚上漆黑一片，老人孩子出行很不安全，请尽快维修路灯。',
    '城建办',
    '2025-0042',
    '2025-03-08 11:00',
    '经核实，幸福路路灯线路老化，已于3月10日更换完毕。',
    '2025-03-10 16:00',
    '已办结',
  ],
  [
    '2025-06-01 10:00',
    '网络问政',
    '青石村垃圾清运不及时',
    '青石村村口垃圾堆了一周没人清运，臭气熏天，希望村里尽快处理。',
    '青石村委会',
    '',
    '',
    '村委会已安排保洁员每日清运，并增设垃圾桶两个。',
    '2025-06-06 09:00',
    '已办结',
  ],
  [
    '2026-02-10 08:00',
    '县长信箱',
    '幸福路路灯又不亮了',
    '幸福路东段路灯又不亮了，请城建部门检修路灯线路。',
    '城建办',
    '2026-0007',
    '2026-02-10 09:00',
    '已安排检修，路灯于2月16日恢复。',
    // Past the 3-day handling due time of the slip: late.
    '2026-02-16 10:00',
    '已办结',
  ],
  [
    '2026-03-01 08:00',
    '来电',
    '咨询社保',
    '咨询社保缴费年限如何查询。',
    '',
    '',
    '',
    '',
    '',
    '不予办理',
  ],
];

async function template(): Promise<ExcelJS.Workbook> {
  const res = await office.request('GET', '/api/cases/import/template.xlsx');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** The template with the rows typed under its example row, as staff fill it in Excel. */
async function ledgerFile(rows: Row[]): Promise<Buffer> {
  const wb = await template();
  const sheet = wb.getWorksheet('历史台账');
  if (!sheet) throw new Error('template sheet missing');
  const header = (sheet.getRow(1).values as (string | undefined)[]).map((h) =>
    (h ?? '').replace(/（必填）$/, ''),
  );
  rows.forEach((values, i) => {
    const row = sheet.getRow(3 + i);
    values.forEach((value, j) => {
      const column = header.indexOf(ROW_COLUMNS[j] ?? '');
      if (column < 1) throw new Error(`template has no column ${ROW_COLUMNS[j]}`);
      row.getCell(column).value = value;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(
  file: Buffer,
  dryRun: boolean,
): Promise<{ status: number; report: LedgerImportReport }> {
  const { body, headers } = multipart('file', '2025年舆情台账.xlsx', file);
  const res = await built.app.inject({
    method: 'POST',
    url: `/api/cases/import?dryRun=${dryRun}`,
    headers: { cookie: office.cookie, 'x-csrf-token': office.csrfToken, ...headers },
    payload: body,
  });
  return { status: res.statusCode, report: res.json<LedgerImportReport>() };
}

const countCases = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('历史台账导入', () => {
  it('offers a template with the ledger columns and their Chinese headers', async () => {
    const wb = await template();
    const header = wb.getWorksheet('历史台账')?.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual([
      '受理时间（必填）',
      '来源（必填）',
      '标题',
      '留言内容（必填）',
      '承办单位',
      '协办单位',
      '抄告单号',
      '交办时间',
      '回复内容',
      '回复时间',
      '办结情况（必填）',
    ]);
    expect(wb.getWorksheet('说明')?.rowCount).toBeGreaterThan(5);
    const helpSheet = wb.getWorksheet('说明');
    const help = Array.from(
      { length: helpSheet?.rowCount ?? 0 },
      (_, i) => helpSheet?.getCell(i + 1, 1).text,
    ).join('\n');
    expect(help).toMatch(/协办单位.*、/);
    // A township ledger's own name for the column is recognised.
    expect(
      mapColumns(['受理时间', '来源', '留言内容', '牵头单位', '配合单位', '办结情况']),
    ).toEqual({
      ok: true,
      index: { receivedAt: 0, source: 1, body: 2, unit: 3, coUnits: 4, outcome: 5 },
    });
  });

  it('lists every bad row with its column and reason, and imports nothing', async () => {
    const before = await countCases();
    const { status, report } = await upload(
      await ledgerFile([
        GOOD[0]!,
        ['2025-13-40', '县长信箱', '', '内容', '城建办', '', '', '已处理', '2025-03-10', '已办结'],
        ['2025-04-01 09:00', '县长信箱', '', '内容二', '水务站', '', '', '', '', '已办结'],
        [
          '2025-04-02 09:00',
          '县长信箱',
          '',
          '内容三',
          '城建办',
          '2025-0042',
          '',
          '好',
          '2025-04-01',
          '在办',
        ],
        ['2025-04-03 09:00', '', '', '', '城建办', '42号', '', '好', '2025-04-04', '已办结'],
      ]),
      false,
    );
    expect(status).toBe(200);
    expect(report.ok).toBe(false);
    expect(report.created).toBe(0);
    const at = (row: number, column: string) =>
      report.errors.filter((e) => e.row === row && e.column === column).map((e) => e.message);
    expect(at(4, '受理时间')[0]).toContain('无法识别的时间');
    expect(at(5, '承办单位')[0]).toContain('系统中没有名为“水务站”的单位');
    expect(at(5, '回复内容')).toEqual(['必填']);
    expect(at(5, '回复时间')).toEqual(['必填']);
    expect(at(6, '抄告单号')[0]).toContain('与第 3 行的抄告单号 2025-0042 重复');
    expect(at(6, '办结情况')[0]).toContain('“在办”无效');
    expect(at(6, '回复时间')[0]).toContain('不能早于受理时间');
    expect(at(7, '来源')).toEqual(['必填']);
    expect(at(7, '留言内容')).toEqual(['必填']);
    expect(at(7, '抄告单号')[0]).toContain('格式不对');
    expect(report.errors.some((e) => e.row === 3)).toBe(false);
    expect(await countCases()).toBe(before);
  });

  it('checks, then imports archived cases with their own dates, unit and reply, once', async () => {
    const file = await ledgerFile(GOOD);
    const before = await countCases();
    const inboxBefore = await t.ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();

    const check = await upload(file, true);
    expect(check.report).toMatchObject({ ok: true, dryRun: true, rowCount: 4, created: 4 });
    expect(check.report.figures).toMatchObject({ replied: 3, closed: 1, judgedByUnit: 2 });
    expect(await countCases()).toBe(before);

    const done = await upload(file, false);
    expect(done.report).toMatchObject({ ok: true, dryRun: false, created: 4, skipped: [] });
    expect(done.report.importId).not.toBeNull();
    const cases = await t.ctx.db
      .selectFrom('cases as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select([
        'c.id',
        'c.state',
        'c.lead_unit_id',
        'c.slip_no',
        'c.registered_at',
        'c.assigned_at',
        'c.published_at',
        'c.reply_text',
        'c.closed_reason',
        'c.import_id',
        'c.import_row',
        'p.posted_at',
        'p.created_at',
        'p.source',
        'p.category_id',
      ])
      .where('c.import_id', '=', done.report.importId)
      .orderBy('c.import_row')
      .execute();
    expect(cases.map((c) => c.state)).toEqual(['archived', 'archived', 'archived', 'archived']);
    expect(cases.map((c) => c.import_row)).toEqual([3, 4, 5, 6]);
    const [lamp, rubbish, lampAgain, closed] = cases;
    expect(lamp).toMatchObject({
      lead_unit_id: units.roads,
      slip_no: '2025-0042',
      source: '县长信箱',
    });
    // 2025-03-08 09:30 in Asia/Shanghai.
    expect(lamp?.registered_at.toISOString()).toBe('2025-03-08T01:30:00.000Z');
    expect(lamp?.created_at.toISOString()).toBe('2025-03-08T01:30:00.000Z');
    expect(lamp?.published_at?.toISOString()).toBe('2025-03-10T08:00:00.000Z');
    expect(lamp?.reply_text).toContain('已于3月10日更换完毕');
    expect(lamp?.category_id).not.toBeNull();
    expect(rubbish).toMatchObject({ lead_unit_id: units.village, assigned_at: null });
    const signed = await t.ctx.db
      .selectFrom('case_units')
      .select(['case_id', 'signed_at'])
      .where('case_id', 'in', [lamp!.id, rubbish!.id])
      .orderBy('case_id')
      .execute();
    // Signed by the slip date, else (no slip date) by the reply at the latest: never 未签收.
    expect(signed.map((s) => s.signed_at?.toISOString())).toEqual([
      '2025-03-08T03:00:00.000Z',
      '2025-06-06T01:00:00.000Z',
    ]);
    expect(lampAgain?.slip_no).toBe('2026-0007');
    expect(closed).toMatchObject({ lead_unit_id: null, published_at: null });
    expect(closed?.closed_reason).toBeTruthy();

    // The case page says where it came from; the audit log records the file.
    const page = await office.request('GET', `/api/cases/${lamp?.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json<{ imported: unknown }>().imported).toEqual({
      importId: done.report.importId,
      fileName: '2025年舆情台账.xlsx',
      row: 3,
    });
    expect(JSON.stringify(page.json())).toContain('历史台账导入');
    // The 卷宗 says where its record came from, and a unit signed with no signer known is not 未签收.
    const caseFile = await office.request('GET', `/api/cases/${lamp?.id}/file.docx`);
    expect(caseFile.statusCode).toBe(200);
    const text = docxText(caseFile.rawPayload);
    expect(text).toContain('本卷宗据历史台账导入（2025年舆情台账.xlsx 第 3 行）');
    expect(text).not.toContain('未签收');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('action', '=', 'case.import-ledger')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toContain('2025年舆情台账.xlsx');
    // No notice, reminder or urge about closed history.
    const inboxAfter = await t.ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(inboxAfter.n)).toBe(Number(inboxBefore.n));
    // This year's next slip follows the ledger's numbers.
    const counter = await t.ctx.db
      .selectFrom('slip_counters')
      .select('last')
      .where('year', '=', 2026)
      .executeTakeFirst();
    expect(counter?.last).toBe(7);

    // The same file again: recognised row by row, nothing duplicated.
    const again = await upload(file, false);
    expect(again.report).toMatchObject({ ok: true, created: 0, importId: null });
    expect(again.report.skipped.map((s) => s.row)).toEqual([3, 4, 5, 6]);
    expect(await countCases()).toBe(before + 4);
  });

  it('refuses a slip number a case in the system already has', async () => {
    const { report } = await upload(
      await ledgerFile([
        [
          '2025-05-05 09:00',
          '县长信箱',
          '',
          '另一件事',
          '城建办',
          '2025-0042',
          '',
          '已处理',
          '2025-05-06',
          '已办结',
        ],
      ]),
      true,
    );
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatchObject({ row: 3, column: '抄告单号' });
    expect(report.errors[0]?.message).toContain('已是系统中办件');
  });

  it('teaches the routing suggestion from the imported history', async () => {
    const post = await buildPost(t.ctx, {
      title: '幸福路路灯坏了',
      body: '幸福路路灯不亮，请修理路灯。',
    });
    const suggestions = await suggestUnits(t.ctx, {
      id: post.id,
      title: post.title,
      body: '幸福路路灯不亮，请修理路灯。',
      categoryId: null,
      categoryName: null,
      words: ['幸福路', '路灯', '不亮', '修理'],
    });
    expect(suggestions[0]?.unitId).toBe(units.roads);
    expect(suggestions[0]?.reasons.join()).toContain('2 件相似办件由该单位牵头');
  });

  it('counts imported cases in the reports of their dates, and judges units only with a slip date', async () => {
    const year2025 = periodOf(
      { from: '2025-01-01', to: '2025-12-31' },
      t.clock.now(),
      'Asia/Shanghai',
    );
    expect(await caseCounts(t.ctx.db, year2025)).toEqual({
      registered: 2,
      published: 2,
      publishedOnTime: 1,
    });
    const { stats } = await unitLedger(t.ctx.db, year2025, t.clock.now());
    const roads = stats.units.find((u) => u.unitId === units.roads);
    const village = stats.units.find((u) => u.unitId === units.village);
    // 城建办 had a slip date: on time (replied 2 days after). 青石村委会 had none: not judged.
    expect(roads).toMatchObject({ received: 1, onTime: 1, late: 0, pending: 0 });
    expect(village).toMatchObject({ received: 0, onTime: 0, late: 0 });

    const spring2026 = periodOf(
      { from: '2026-01-01', to: '2026-06-30' },
      t.clock.now(),
      'Asia/Shanghai',
    );
    const later = await unitLedger(t.ctx.db, spring2026, t.clock.now());
    expect(later.stats.units.find((u) => u.unitId === units.roads)).toMatchObject({
      received: 1,
      onTime: 0,
      late: 1,
      overdueNow: 0,
    });
  });

  it('raises no alert about this morning’s rows: they are handled history, not what is said now', async () => {
    const monitor = await buildUser(t.ctx, { roles: ['monitor'] });
    const rule = await createAlertRule({
      ctx: t.ctx,
      actor: actorFor(monitor),
      input: { name: '井盖', expression: '井盖', level: 'yellow', windowMinutes: 120, minCount: 1 },
    });
    // The test clock stands at 2026-11-26 10:00 in Asia/Shanghai.
    const { report } = await upload(
      await ledgerFile([
        [
          '2026-11-26 09:30',
          '来电',
          '井盖缺失',
          '新街井盖缺失，很危险。',
          '城建办',
          '',
          '',
          '已补装井盖。',
          '2026-11-26 09:50',
          '已办结',
        ],
      ]),
      false,
    );
    expect(report.created).toBe(1);
    expect((await evaluateAlertRules(t.ctx)).raised).toEqual([]);
    expect(
      await t.ctx.db.selectFrom('alerts').select('id').where('rule_id', '=', rule.id).execute(),
    ).toEqual([]);
  });

  describe('协办单位', () => {
    let co: { peace: number; law: number };
    beforeAll(async () => {
      co = {
        peace: (await buildUnit(t.ctx, { name: '综治办' })).id,
        law: (await buildUnit(t.ctx, { name: '司法所' })).id,
      };
    });

    /** A 2024 row (no other test's period) with its lead unit and co-units. */
    const row = (day: string, lead: string, coUnits: string, outcome = '已办结'): Row => [
      `2024-05-${day} 09:00`,
      '县长信箱',
      `协办测试${day}`,
      `协办测试第${day}日的留言：小区门口占道经营，晚上噪音扰民。`,
      lead,
      '',
      '',
      outcome === '已办结' ? '已联合整治。' : '',
      outcome === '已办结' ? `2024-05-${day} 17:00` : '',
      outcome,
      coUnits,
    ];

    it('checks each co-unit: known, not the lead unit, and only beside a lead unit', async () => {
      const before = await countCases();
      const { report } = await upload(
        await ledgerFile([
          row('01', '城建办', '综治办、水务站'),
          row('02', '城建办', '司法所 城建办'),
          row('03', '', '综治办', '不予办理'),
          row('04', '城建办', '综治办，司法所'),
        ]),
        true,
      );
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          row: 3,
          column: '协办单位',
          message: '系统中没有名为“水务站”的单位，请先在单位管理中添加，或改为系统中的单位名称',
        },
        {
          row: 4,
          column: '协办单位',
          message: '“城建办”已是承办单位（牵头单位），不能同时列为协办单位',
        },
        { row: 5, column: '协办单位', message: '填写了协办单位，须同时填写承办单位（牵头单位）' },
      ]);
      expect(await countCases()).toBe(before);
    });

    it('writes the co-units, signed like the lead unit, split at 、，,;/ and spaces, once each', async () => {
      const signedRow = row('06', '城建办', '综治办、司法所，综治办');
      signedRow[5] = '2024-0011';
      signedRow[6] = '2024-05-06 10:00';
      const { report } = await upload(
        await ledgerFile([
          signedRow,
          row('07', '青石村委会', ' 司法所; 综治办 / 司法所,综治办　司法所；综治办/司法所'),
        ]),
        false,
      );
      expect(report).toMatchObject({ ok: true, created: 2, errors: [] });
      // The summary under the upload counts the co-units apart from the lead units.
      expect(report.figures.units).toEqual([
        { unitName: '城建办', count: 1 },
        { unitName: '青石村委会', count: 1 },
      ]);
      expect(report.figures.coUnits).toEqual([
        { unitName: '司法所', count: 2 },
        { unitName: '综治办', count: 2 },
      ]);
      const cases = await t.ctx.db
        .selectFrom('cases')
        .select('id')
        .where('import_id', '=', report.importId)
        .orderBy('import_row')
        .execute();
      const ids = cases.map((c) => c.id);
      const rows = await t.ctx.db
        .selectFrom('case_units')
        .select([
          'case_id',
          'unit_id',
          'role',
          'signed_at',
          'signed_by',
          'contribution',
          'contributed_at',
          'contributed_by',
        ])
        .where('case_id', 'in', ids)
        .orderBy('case_id')
        .orderBy('role', 'desc')
        .orderBy('unit_id')
        .execute();
      const unsigned = {
        signed_by: null,
        contribution: null,
        contributed_at: null,
        contributed_by: null,
      };
      const slipDate = new Date('2024-05-06T02:00:00.000Z');
      const replied = new Date('2024-05-07T09:00:00.000Z');
      expect(rows).toEqual([
        { case_id: ids[0], unit_id: units.roads, role: 'lead', signed_at: slipDate, ...unsigned },
        { case_id: ids[0], unit_id: co.peace, role: 'co', signed_at: slipDate, ...unsigned },
        { case_id: ids[0], unit_id: co.law, role: 'co', signed_at: slipDate, ...unsigned },
        { case_id: ids[1], unit_id: units.village, role: 'lead', signed_at: replied, ...unsigned },
        { case_id: ids[1], unit_id: co.peace, role: 'co', signed_at: replied, ...unsigned },
        { case_id: ids[1], unit_id: co.law, role: 'co', signed_at: replied, ...unsigned },
      ]);

      // The case page and the 卷宗 name them as co-units.
      const page = await office.request('GET', `/api/cases/${ids[0]}`);
      const detailUnits = page.json<{ units: { name: string; role: string }[] }>().units;
      expect(
        detailUnits
          .filter((u) => u.role === 'co')
          .map((u) => u.name)
          .sort(),
      ).toEqual(['司法所', '综治办'].sort());
      const caseFile = await office.request('GET', `/api/cases/${ids[0]}/file.docx`);
      const text = docxText(caseFile.rawPayload);
      expect(text).toMatch(/协办单位\s*(综治办、司法所|司法所、综治办)/);
      expect(text).not.toContain('未签收');

      // The ledger records no co-unit's own part: not judged (neither on time nor late), as a
      // lead unit without 交办时间 is not; the lead unit with a slip date is.
      const year2024 = periodOf(
        { from: '2024-01-01', to: '2024-12-31' },
        t.clock.now(),
        'Asia/Shanghai',
      );
      const { stats } = await unitLedger(t.ctx.db, year2024, t.clock.now());
      const of = (id: number) => stats.units.find((u) => u.unitId === id);
      expect(of(units.roads)).toMatchObject({ received: 1, onTime: 1, late: 0 });
      expect(of(co.peace)).toMatchObject({ received: 0, onTime: 0, late: 0, pending: 0 });
      expect(of(co.law)).toMatchObject({ received: 0, onTime: 0, late: 0, pending: 0 });
      expect(stats.totals).toMatchObject({ received: 1, onTime: 1, late: 0 });
    });
  });

  it('is for the office and admins only', async () => {
    const monitor = await buildUser(t.ctx, { roles: ['monitor'] });
    const api = await loginAs(built, monitor.username, monitor.password);
    const res = await api.request('GET', '/api/cases/import/template.xlsx');
    expect(res.statusCode).toBe(403);
    expect(actorFor(monitor).roles).toEqual(['monitor']);
  });
});
