import ExcelJS from 'exceljs';
import { ROLE_LABELS, ROLES } from '../access/roles.js';
import { UNIT_TYPE_LABELS } from './org.schemas.js';

export const UNIT_SHEET = '单位';
export const USER_SHEET = '用户';
export const UNIT_COLUMNS = ['名称', '类型', '上级单位', '电话', '排序'] as const;
export const USER_COLUMNS = ['登录名', '姓名', '所属单位', '角色', '电话'] as const;

/** The import template: two sheets with headers, drop-downs and one example row each. */
export async function buildOrgTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yuqing';
  const units = wb.addWorksheet(UNIT_SHEET);
  units.columns = [
    { header: '名称（必填）', width: 24 },
    { header: '类型（必填）', width: 16 },
    { header: '上级单位', width: 20 },
    { header: '电话', width: 16 },
    { header: '排序', width: 8 },
  ];
  units.addRow(['示例：文化站', UNIT_TYPE_LABELS.department, '', '0000-1234567', 10]);
  const typeList = `"${Object.values(UNIT_TYPE_LABELS).join(',')}"`;
  for (let r = 2; r <= 500; r++) {
    units.getCell(r, 2).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [typeList],
      showErrorMessage: true,
      errorTitle: '类型',
      error: '请从下拉列表中选择单位类型',
    };
  }

  const users = wb.addWorksheet(USER_SHEET);
  users.columns = [
    { header: '登录名（必填）', width: 16 },
    { header: '姓名（必填）', width: 12 },
    { header: '所属单位', width: 20 },
    { header: '角色（必填，多个用、分隔）', width: 28 },
    { header: '电话', width: 16 },
  ];
  users.addRow(['示例：zhangsan', '张三', '示例：文化站', ROLE_LABELS.liaison, '13800000000']);
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 90 }];
  [
    '1. 在“单位”和“用户”两张表中按列填写，第一行为表头，请勿修改；示例行请删除或改写。',
    `2. 单位类型：${Object.values(UNIT_TYPE_LABELS).join('、')}。上级单位填写已有或本表中的单位名称。`,
    `3. 角色：${ROLES.map((r) => ROLE_LABELS[r]).join('、')}；多个角色用顿号或逗号分隔。`,
    '4. 登录名为 2-32 位字母、数字、下划线、点或短横线，不能与已有用户重复。',
    '5. 先“预检”查看逐行结果，无错误后再“确认导入”；导入的用户使用系统生成的初始密码，首次登录须修改。',
  ].forEach((line) => help.addRow([line]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
