import ExcelJS from 'exceljs';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { UnitType } from '../../db/schema.js';
import { assertCan, type Actor } from '../access/actor.js';
import { ROLE_LABELS, ROLES, type Role } from '../access/roles.js';
import { recordAudit } from '../audit/record-audit.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { UNIT_TYPE_LABELS } from './org.schemas.js';
import { UNIT_SHEET, USER_SHEET } from './org-template.js';
import { insertUser, type NewUserFields } from './save-user.js';
import { assertXlsxUnpacks } from '../../lib/zip-size.js';

export interface ImportRowReport {
  sheet: string;
  row: number;
  ok: boolean;
  message: string;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  created: { units: number; users: number };
  rows: ImportRowReport[];
  /** The new users' initial passwords, shown once, with what the 账号开通单 prints beside them. */
  passwords: {
    username: string;
    password: string;
    name: string;
    unit: string | null;
    roles: Role[];
  }[];
}

interface UnitRow {
  row: number;
  name: string;
  type: UnitType;
  parent: string | null;
  phone: string | null;
  sortOrder: number;
}

const TYPE_BY_LABEL = new Map<string, UnitType>(
  (Object.entries(UNIT_TYPE_LABELS) as [UnitType, string][]).flatMap(([k, v]) => [
    [v, k],
    [v.replace(/[（）()]/g, ''), k],
    [k, k],
  ]),
);
const ROLE_BY_LABEL = new Map<string, Role>([
  ...ROLES.flatMap((r): [string, Role][] => [
    [ROLE_LABELS[r], r],
    [ROLE_LABELS[r].replace(/\(.*\)/, ''), r],
    [r, r],
  ]),
  // The monitors' other name (舆情管理员 / 网评员).
  ['网评员', 'monitor'],
]);

/** A role as written: 办公室（督办） typed with a Chinese input method is 办公室(督办). */
const roleOf = (label: string): Role | undefined =>
  ROLE_BY_LABEL.get(label.replace(/（/g, '(').replace(/）/g, ')'));

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/;
const PHONE = /^[0-9+\-() ]{0,30}$/;

function text(cell: ExcelJS.Cell): string {
  return plain(cell.value).trim();
}

function plain(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== 'object') return String(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return typeof v.text === 'string' ? v.text : plain(v.text);
  if ('result' in v) return plain(v.result);
  return '';
}

function dataRows(sheet: ExcelJS.Worksheet | undefined): { row: number; cells: string[] }[] {
  if (!sheet) return [];
  const out: { row: number; cells: string[] }[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells = [1, 2, 3, 4, 5].map((c) => text(row.getCell(c)));
    if (cells.every((c) => c === '')) return;
    if (cells[0]?.startsWith('示例')) return;
    out.push({ row: n, cells });
  });
  return out;
}

/**
 * Reads the template's two sheets, checks every row, and imports only if every row is right:
 * a half-imported organisation is worse than none. `dryRun` checks without writing.
 */
export async function importOrg({
  ctx,
  actor,
  file,
  dryRun,
}: {
  ctx: AppContext;
  actor: Actor;
  file: Buffer;
  dryRun: boolean;
}): Promise<ImportReport> {
  assertCan(actor, 'org.manage');
  assertCan(actor, 'users.manage');
  assertXlsxUnpacks(file, '无法读取文件，请上传由模板填写的 .xlsx 文件');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_INVALID', '无法读取文件，请上传由模板填写的 .xlsx 文件');
  }
  const unitSheet = wb.getWorksheet(UNIT_SHEET);
  const userSheet = wb.getWorksheet(USER_SHEET);
  if (!unitSheet && !userSheet) {
    throw new AppError(
      'IMPORT_INVALID',
      `文件中没有“${UNIT_SHEET}”或“${USER_SHEET}”工作表，请使用导入模板`,
    );
  }

  const existingUnits = await ctx.db.selectFrom('units').select(['id', 'name']).execute();
  const unitIdByName = new Map(existingUnits.map((u) => [u.name, u.id]));
  const existingUsers = await ctx.db.selectFrom('users').select(['username', 'name']).execute();
  const nameByUsername = new Map(existingUsers.map((u) => [u.username.toLowerCase(), u.name]));

  const rows: ImportRowReport[] = [];
  const units: UnitRow[] = [];
  const fileUnitNames = new Set<string>();
  for (const { row, cells } of dataRows(unitSheet)) {
    const [name = '', typeLabel = '', parent = '', phone = '', sort = ''] = cells;
    const problems: string[] = [];
    const type = TYPE_BY_LABEL.get(typeLabel);
    if (!name) problems.push('名称必填');
    else if (name.length > 50) problems.push('名称不能超过 50 个字');
    if (!type)
      problems.push(
        `类型“${typeLabel}”无效，应为${Object.values(UNIT_TYPE_LABELS).join('、')}之一`,
      );
    if (!PHONE.test(phone)) problems.push('电话格式不正确');
    if (sort && !/^\d{1,6}$/.test(sort)) problems.push('排序应为非负整数');
    if (name && fileUnitNames.has(name)) problems.push('与本表中前面的单位重名');
    const exists = name !== '' && unitIdByName.has(name);
    if (name) fileUnitNames.add(name);
    if (problems.length > 0 || !type) {
      rows.push({ sheet: UNIT_SHEET, row, ok: false, message: problems.join('；') });
      continue;
    }
    // The same sheet imported again with more people: a unit already there is kept as it is.
    if (exists) {
      rows.push({ sheet: UNIT_SHEET, row, ok: true, message: `已有单位「${name}」，保持不变` });
      continue;
    }
    units.push({
      row,
      name,
      type,
      parent: parent || null,
      phone: phone || null,
      sortOrder: Number(sort || 0),
    });
    rows.push({ sheet: UNIT_SHEET, row, ok: true, message: `新增单位「${name}」` });
  }
  for (const u of units) {
    if (u.parent && !unitIdByName.has(u.parent) && !fileUnitNames.has(u.parent)) {
      const report = rows.find((r) => r.sheet === UNIT_SHEET && r.row === u.row);
      if (report) Object.assign(report, { ok: false, message: `上级单位“${u.parent}”不存在` });
    }
    if (u.parent === u.name) {
      const report = rows.find((r) => r.sheet === UNIT_SHEET && r.row === u.row);
      if (report) Object.assign(report, { ok: false, message: '上级单位不能是自己' });
    }
  }

  const users: (NewUserFields & { row: number; unitName: string | null })[] = [];
  const fileUsernames = new Set<string>();
  for (const { row, cells } of dataRows(userSheet)) {
    const [username = '', name = '', unitName = '', roleText = '', phone = ''] = cells;
    const problems: string[] = [];
    const holder = nameByUsername.get(username.toLowerCase());
    // The same person again (login name and name): kept as they are, not created twice.
    if (holder !== undefined && holder === name && !fileUsernames.has(username.toLowerCase())) {
      fileUsernames.add(username.toLowerCase());
      rows.push({
        sheet: USER_SHEET,
        row,
        ok: true,
        message: `已有用户「${name}」（${username}），保持不变`,
      });
      continue;
    }
    if (!USERNAME.test(username)) problems.push('登录名应为 2-32 位字母、数字、_ . -');
    else if (holder !== undefined) problems.push(`登录名“${username}”已被使用`);
    else if (fileUsernames.has(username.toLowerCase())) problems.push('与本表中前面的登录名重复');
    if (!name) problems.push('姓名必填');
    else if (name.length > 30) problems.push('姓名不能超过 30 个字');
    if (unitName && !unitIdByName.has(unitName) && !fileUnitNames.has(unitName)) {
      problems.push(`所属单位“${unitName}”不存在`);
    }
    const labels = roleText.split(/[、,，;；\s]+/).filter(Boolean);
    const roles = labels.map(roleOf);
    if (labels.length === 0) problems.push('角色必填');
    const unknown = labels.filter((_, i) => !roles[i]);
    if (unknown.length > 0) problems.push(`未知角色：${unknown.join('、')}`);
    if (!unitName && roles.includes('liaison')) problems.push('联络员必须填写所属单位');
    if (!PHONE.test(phone)) problems.push('电话格式不正确');
    fileUsernames.add(username.toLowerCase());
    if (problems.length > 0) {
      rows.push({ sheet: USER_SHEET, row, ok: false, message: problems.join('；') });
      continue;
    }
    users.push({
      row,
      username,
      name,
      unitName: unitName || null,
      unitId: null,
      roles: [...new Set(roles.filter((r): r is Role => r !== undefined))],
      phone: phone || null,
    });
    rows.push({ sheet: USER_SHEET, row, ok: true, message: `新增用户「${name}」（${username}）` });
  }

  const ok = rows.length > 0 && rows.every((r) => r.ok);
  // A check reports what an import would create; a failed check, nothing.
  const counts = { units: units.length, users: users.length };
  const report: ImportReport = {
    ok,
    dryRun,
    created: ok && dryRun ? counts : { units: 0, users: 0 },
    rows,
    passwords: [],
  };
  if (rows.length === 0) {
    rows.push({ sheet: UNIT_SHEET, row: 0, ok: false, message: '文件中没有可导入的数据行' });
    report.ok = false;
  }
  if (!report.ok || dryRun) return report;

  const passwords = users.map(() => generatePassword());
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // Parents first: a unit is inserted once its parent (if any) has an id.
    let pending = [...units];
    while (pending.length > 0) {
      const ready = pending.filter((u) => !u.parent || unitIdByName.has(u.parent));
      if (ready.length === 0) throw new AppError('IMPORT_INVALID', '单位的上级关系中存在循环');
      for (const u of ready) {
        const inserted = await trx
          .insertInto('units')
          .values({
            name: u.name,
            type: u.type,
            parent_id: u.parent ? (unitIdByName.get(u.parent) ?? null) : null,
            liaison_user_id: null,
            phone: u.phone,
            sort_order: u.sortOrder,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        unitIdByName.set(u.name, inserted.id);
        await recordAudit(trx, ctx.clock, actor, {
          action: 'unit.create',
          entityType: 'unit',
          entityId: inserted.id,
          summary: `导入单位「${u.name}」（${UNIT_TYPE_LABELS[u.type]}）`,
          after: { name: u.name, type: u.type, parent: u.parent, phone: u.phone },
        });
      }
      pending = pending.filter((u) => !ready.includes(u));
    }
    // The first liaison imported for a unit without a designated one becomes it (单位管理's 联络员).
    const firstLiaison = new Map<number, { id: number; name: string }>();
    for (const [i, u] of users.entries()) {
      const { row: _row, unitName, ...fields } = u;
      const unitId = unitName ? (unitIdByName.get(unitName) ?? null) : null;
      const id = await insertUser(trx, ctx, actor, { ...fields, unitId }, hashes[i] ?? '');
      if (unitId !== null && u.roles.includes('liaison') && !firstLiaison.has(unitId)) {
        firstLiaison.set(unitId, { id, name: u.name });
      }
    }
    for (const [unitId, liaison] of firstLiaison) {
      const unit = await trx
        .updateTable('units')
        .set({ liaison_user_id: liaison.id, updated_at: now })
        .where('id', '=', unitId)
        .where('liaison_user_id', 'is', null)
        .returning('name')
        .executeTakeFirst();
      if (!unit) continue;
      await recordAudit(trx, ctx.clock, actor, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: unitId,
        summary: `导入时指定「${unit.name}」的联络员：${liaison.name}`,
        before: { liaisonUserId: null },
        after: { liaisonUserId: liaison.id },
      });
    }
    await recordAudit(trx, ctx.clock, actor, {
      action: 'org.import',
      entityType: 'organisation',
      summary: `从 Excel 导入 ${units.length} 个单位、${users.length} 个用户`,
    });
  });
  report.created = counts;
  report.passwords = users.map((u, i) => ({
    username: u.username,
    password: passwords[i] ?? '',
    name: u.name,
    unit: u.unitName,
    roles: u.roles,
  }));
  return report;
}
