import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, multipart, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { ImportReport } from './import-org.js';

let t: TestContext;
let built: BuiltApp;
let api: ApiClient;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const admin = await buildUser(t.ctx, { roles: ['admin'] });
  api = await loginAs(built, admin.username, admin.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

async function template(): Promise<ExcelJS.Workbook> {
  const res = await api.request('GET', '/api/org/import/template.xlsx');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** Types rows under the example row, as someone filling the template in Excel would. */
function fill(sheet: ExcelJS.Worksheet, rows: (string | number)[][]): void {
  rows.forEach((values, i) => {
    sheet.getRow(3 + i).values = values;
  });
}

async function upload(
  wb: ExcelJS.Workbook,
  dryRun: boolean,
): Promise<{ status: number; report: ImportReport }> {
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const { body, headers } = multipart('file', '组织.xlsx', file);
  const res = await built.app.inject({
    method: 'POST',
    url: `/api/org/import?dryRun=${dryRun}`,
    headers: { cookie: api.cookie, 'x-csrf-token': api.csrfToken, ...headers },
    payload: body,
  });
  return { status: res.statusCode, report: res.json<ImportReport>() };
}

describe('organisation import', () => {
  it('offers a template with the unit and user sheets and their headers', async () => {
    const wb = await template();
    expect(wb.getWorksheet('单位')?.getRow(1).getCell(1).value).toBe('名称（必填）');
    expect(wb.getWorksheet('用户')?.getRow(1).getCell(4).value).toContain('角色');
  });

  it('checks first, then imports units (parents before children) and users with initial passwords', async () => {
    const existing = await buildUnit(t.ctx, { name: '已有单位' });
    const wb = await template();
    const units = wb.getWorksheet('单位');
    const users = wb.getWorksheet('用户');
    if (!units || !users) throw new Error('template sheets missing');
    fill(units, [
      ['导入分所', '镇直单位', '导入总所', '', 2],
      ['导入总所', '上级部门', '', '0000-1', 1],
      ['导入村', '村（居）委会', '已有单位', '', ''],
    ]);
    fill(users, [
      ['imp.one', '导入甲', '导入分所', '联络员', '13900000000'],
      ['imp.two', '导入乙', '已有单位', '舆情管理员、领导', ''],
    ]);

    const dry = await upload(wb, true);
    expect(dry.status).toBe(200);
    expect(dry.report).toMatchObject({
      ok: true,
      dryRun: true,
      created: { units: 3, users: 2 },
      passwords: [],
    });
    expect(dry.report.rows.filter((r) => r.ok)).toHaveLength(5);
    expect(
      await t.ctx.db.selectFrom('units').select('id').where('name', '=', '导入总所').execute(),
    ).toHaveLength(0);

    const real = await upload(wb, false);
    expect(real.report).toMatchObject({ ok: true, dryRun: false, created: { units: 3, users: 2 } });
    // What the 账号开通单 prints beside each initial password.
    expect(real.report.passwords.map(({ password: _p, ...slip }) => slip)).toEqual([
      { username: 'imp.one', name: '导入甲', unit: '导入分所', roles: ['liaison'] },
      { username: 'imp.two', name: '导入乙', unit: '已有单位', roles: ['monitor', 'leader'] },
    ]);
    const rows = await t.ctx.db
      .selectFrom('units as u')
      .leftJoin('units as p', 'p.id', 'u.parent_id')
      .select(['u.name', 'p.name as parent'])
      .where('u.name', 'like', '导入%')
      .orderBy('u.name')
      .execute();
    expect(rows).toEqual([
      { name: '导入分所', parent: '导入总所' },
      { name: '导入总所', parent: null },
      { name: '导入村', parent: existing.name },
    ]);
    const two = await t.ctx.db
      .selectFrom('users')
      .select(['roles', 'unit_id'])
      .where('username', '=', 'imp.two')
      .executeTakeFirstOrThrow();
    expect(two).toEqual({ roles: ['monitor', 'leader'], unit_id: existing.id });
    // The liaison imported for a unit without one is its 联络员; a unit with one keeps it.
    const liaisons = await t.ctx.db
      .selectFrom('units as u')
      .leftJoin('users as l', 'l.id', 'u.liaison_user_id')
      .select(['u.name', 'l.username'])
      .where('u.name', 'in', ['导入分所', '导入总所', existing.name])
      .orderBy('u.name')
      .execute();
    expect(liaisons).toEqual([
      { name: '导入分所', username: 'imp.one' },
      { name: '导入总所', username: null },
      { name: existing.name, username: null },
    ]);
    const password = real.report.passwords.find((p) => p.username === 'imp.one')?.password ?? '';
    expect((await loginAs(built, 'imp.one', password)).csrfToken).toBeTruthy();
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'org.import')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('reports every bad row and imports nothing when any row is wrong', async () => {
    await buildUser(t.ctx, { username: 'occupied' });
    const wb = await template();
    const units = wb.getWorksheet('单位');
    const users = wb.getWorksheet('用户');
    if (!units || !users) throw new Error('template sheets missing');
    fill(units, [
      ['好单位', '镇直单位'],
      ['坏单位', '居委'],
      ['', '镇直单位'],
      ['孤儿单位', '镇直单位', '不存在的上级'],
    ]);
    fill(users, [
      ['ok.user', '好人', '好单位', '查看'],
      ['occupied', '重名', '', '查看'],
      ['x', '', '无此单位', '皇帝'],
    ]);

    const { status, report } = await upload(wb, false);
    expect(status).toBe(200);
    expect(report.ok).toBe(false);
    const bad = report.rows.filter((r) => !r.ok).map((r) => `${r.sheet}${r.row}:${r.message}`);
    expect(bad).toHaveLength(5);
    expect(bad.join('\n')).toMatch(/单位4:类型“居委”无效/);
    expect(bad.join('\n')).toMatch(/单位5:名称必填/);
    expect(bad.join('\n')).toMatch(/单位6:上级单位“不存在的上级”不存在/);
    expect(bad.join('\n')).toMatch(/用户4:登录名“occupied”已被使用/);
    expect(bad.join('\n')).toMatch(/用户5:.*姓名必填.*所属单位“无此单位”不存在.*未知角色：皇帝/);
    expect(
      await t.ctx.db.selectFrom('units').select('id').where('name', '=', '好单位').execute(),
    ).toHaveLength(0);
    expect(
      await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'ok.user').execute(),
    ).toHaveLength(0);
  });

  it('imports the same file again with more people: what exists is kept, only the new is created', async () => {
    // Adding a few people later from the same sheet refused every unit already there
    // (系统中已有同名单位), so the office had to empty the unit sheet first.
    const importWith = async (extra: string[][]) => {
      const wb = await template();
      const units = wb.getWorksheet('单位');
      const users = wb.getWorksheet('用户');
      if (!units || !users) throw new Error('template sheets missing');
      fill(units, [['再导单位', '镇直单位']]);
      fill(users, [['again.one', '再导甲', '再导单位', '联络员'], ...extra]);
      return upload(wb, false);
    };
    const first = await importWith([]);
    expect(first.report.created).toEqual({ units: 1, users: 1 });

    const second = await importWith([['again.two', '再导乙', '再导单位', '查看']]);
    expect(second.report.ok).toBe(true);
    expect(second.report.created).toEqual({ units: 0, users: 1 });
    expect(second.report.rows.map((r) => r.message)).toEqual([
      '已有单位「再导单位」，保持不变',
      '已有用户「再导甲」（again.one），保持不变',
      '新增用户「再导乙」（again.two）',
    ]);
    expect(second.report.passwords.map((p) => p.username)).toEqual(['again.two']);
    const stored = await t.ctx.db
      .selectFrom('users')
      .select('username')
      .where('username', 'like', 'again.%')
      .orderBy('username')
      .execute();
    expect(stored.map((u) => u.username)).toEqual(['again.one', 'again.two']);
  });

  it('refuses a liaison without a unit, as the user form does', async () => {
    // A liaison signs for a unit's slips: without a unit the account could do nothing, and
    // 用户管理 refuses it (联络员必须选择所属单位); the import let it through.
    const wb = await template();
    const users = wb.getWorksheet('用户');
    if (!users) throw new Error('template sheets missing');
    fill(users, [['no.unit', '无单位', '', '联络员']]);

    const { report } = await upload(wb, true);
    expect(report.ok).toBe(false);
    expect(report.rows).toEqual([
      { sheet: '用户', row: 3, ok: false, message: '联络员必须填写所属单位' },
    ]);
  });

  it('reads 办公室（督办） typed with Chinese brackets, and 网评员, as the roles they name', async () => {
    // The 说明 sheet writes 办公室(督办); typed again with a Chinese input method its brackets are
    // （）, and the preview called it an unknown role. 网评员 is the monitors' other name.
    const wb = await template();
    const users = wb.getWorksheet('用户');
    if (!users) throw new Error('template sheets missing');
    fill(users, [
      ['role.office', '督办员', '', '办公室（督办）'],
      ['role.monitor', '网评员甲', '', '网评员'],
    ]);

    const { report } = await upload(wb, false);
    expect(report.rows.filter((r) => !r.ok)).toEqual([]);
    const stored = await t.ctx.db
      .selectFrom('users')
      .select(['username', 'roles'])
      .where('username', 'in', ['role.office', 'role.monitor'])
      .orderBy('username')
      .execute();
    expect(stored).toEqual([
      { username: 'role.monitor', roles: ['monitor'] },
      { username: 'role.office', roles: ['office'] },
    ]);
  });

  it('refuses a file that is not a spreadsheet with a clear 400', async () => {
    const { body, headers } = multipart('file', 'x.xlsx', Buffer.from('not a workbook'));
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/org/import?dryRun=true',
      headers: { cookie: api.cookie, 'x-csrf-token': api.csrfToken, ...headers },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('.xlsx');
  });
});
