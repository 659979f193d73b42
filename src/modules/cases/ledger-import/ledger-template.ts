import ExcelJS from 'exceljs';

/**
 * The ledger's columns, in the template's order. A header is recognised by its name (the words
 * in brackets, such as （必填）, ignored) or by one of the names township ledgers commonly use,
 * so a ledger kept in another column order imports as it is.
 */
export const LEDGER_COLUMNS = [
  { key: 'receivedAt', header: '受理时间', aliases: ['登记时间', '留言时间'], required: true },
  { key: 'source', header: '来源', aliases: ['留言来源', '渠道'], required: true },
  { key: 'title', header: '标题', aliases: ['留言标题'], required: false },
  { key: 'body', header: '留言内容', aliases: ['内容', '诉求内容'], required: true },
  {
    key: 'unit',
    header: '承办单位',
    aliases: ['牵头单位', '责任单位', '办理单位'],
    required: false,
  },
  {
    key: 'coUnits',
    header: '协办单位',
    aliases: ['配合单位', '协办部门', '配合部门'],
    required: false,
  },
  { key: 'slipNo', header: '抄告单号', aliases: ['抄告单编号'], required: false },
  { key: 'assignedAt', header: '交办时间', aliases: ['签发时间'], required: false },
  { key: 'replyText', header: '回复内容', aliases: ['答复内容'], required: false },
  { key: 'repliedAt', header: '回复时间', aliases: ['答复时间'], required: false },
  { key: 'outcome', header: '办结情况', aliases: ['办理情况', '办理结果'], required: true },
] as const;

export type LedgerKey = (typeof LEDGER_COLUMNS)[number]['key'];

/** 已办结: answered (reply and its time required); 不予办理: closed without a public reply. */
export const OUTCOMES = {
  replied: ['已办结', '已回复', '已答复', '办结'],
  closed: ['不予办理', '不予受理', '无需答复'],
} as const;

export const LEDGER_SHEET = '历史台账';

const HELP = [
  '1. 在“历史台账”表中每行填写一件已办结的办件，第一行为表头，请勿修改；示例行请删除或改写（以“示例”开头的行不导入）。',
  '2. 必填：受理时间、来源、留言内容、办结情况；办结情况为“已办结”时，承办单位、回复内容、回复时间也必填。',
  `3. 办结情况：${OUTCOMES.replied.join('、')}（已答复群众）或 ${OUTCOMES.closed.join('、')}（未公开答复，回复内容可填不予办理的理由）。未办结的留言请在系统中受理办理，不要导入。`,
  '4. 承办单位填写系统“单位管理”中的单位名称（牵头单位，一个）；不在系统中的单位请先添加。协办单位可不填，可填多个，用“、”“，”“；”“/”或空格隔开，同样须为系统中的单位名称，不能与承办单位相同；填了协办单位的行须同时填写承办单位。',
  '5. 时间写作 2025-03-08 14:30 或 2025/3/8（按本系统所在时区），也可以是 Excel 的日期格式。',
  '6. 抄告单号写作 2025-0042（年份-序号），可不填；导入后本年的新抄告单从已导入的最大序号之后编号。',
  '7. 交办时间（抄告单签发时间）可不填：填了的办件按“办理期限 = 交办时间 + 办理天数”计入承办单位的单位办理统计并判定按期/超期；未填的不计入单位办理统计（无从判定）。台账没有协办单位提交协办意见的时间，协办单位在办件和卷宗中列出，但不计入单位办理统计（无从判定）。',
  '8. 公开答复按期与否按“受理时间 + 答复天数”判定（台账中没有网民发帖时间，以受理时间代替）。',
  '9. 先“预检”查看逐行结果，全部无误后再“确认导入”；有任何一行错误时不导入任何一行。同一文件再次导入时，已导入过的行（受理时间、标题、留言内容相同）跳过，不会重复。',
  '10. 导入的办件直接归档、只读，标记为“历史导入”，不发送任何通知、不产生期限提醒。',
];

/** The template: the ledger sheet with its headers and one example row, and a sheet of help. */
export async function buildLedgerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yuqing';
  const ws = wb.addWorksheet(LEDGER_SHEET);
  const widths: Record<LedgerKey, number> = {
    receivedAt: 18,
    source: 14,
    title: 24,
    body: 40,
    unit: 16,
    coUnits: 18,
    slipNo: 12,
    assignedAt: 18,
    replyText: 40,
    repliedAt: 18,
    outcome: 10,
  };
  ws.columns = LEDGER_COLUMNS.map((c) => ({
    header: c.required ? `${c.header}（必填）` : c.header,
    width: widths[c.key],
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow([
    '示例：2025-03-08 09:30',
    '县长信箱',
    '某路段路灯不亮',
    '某路段路灯已坏多日，夜间出行不便，请尽快维修。',
    '城建办',
    '综治办、青石村委会',
    '2025-0042',
    '2025-03-08 11:00',
    '经核实，已于3月10日完成维修。',
    '2025-03-10 16:00',
    OUTCOMES.replied[0],
  ]);
  const outcomeList = `"${[...OUTCOMES.replied.slice(0, 1), ...OUTCOMES.closed.slice(0, 1)].join(',')}"`;
  const outcomeColumn = LEDGER_COLUMNS.findIndex((c) => c.key === 'outcome') + 1;
  for (let r = 2; r <= 2000; r++) {
    ws.getCell(r, outcomeColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [outcomeList],
      showErrorMessage: false,
    };
  }
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 110 }];
  HELP.forEach((line) => help.addRow([line]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
