import ExcelJS from 'exceljs';
import { SCORE, type Ranking, type RankingRow } from './info-ranking.js';

export const RANKING_SHEETS = { units: '单位排名', people: '个人排名' } as const;

const HEADER = ['名次', '名称', '所在单位', '报送', '采用', '领导批示', '任务数', '完成率', '得分'];

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, rows: RankingRow[]): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [8, 24, 20, 8, 8, 10, 8, 10, 8].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, HEADER.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '黑体', size: 14, bold: true };
  t.alignment = { horizontal: 'center' };
  const head = ws.addRow(HEADER);
  head.font = { name: '宋体', bold: true };
  for (const r of rows) {
    const line = ws.addRow([
      r.rank,
      r.name,
      r.unitName ?? '',
      r.submitted,
      r.adopted,
      r.instructions,
      r.quota ?? '',
      r.completion ?? '',
      r.score,
    ]);
    line.getCell(8).numFmt = '0.0%';
  }
  ws.addRow([]);
  ws.addRow([
    `得分 = 报送×${SCORE.submitted} + 采用×${SCORE.adopted} + 领导批示×${SCORE.instruction}；完成率 = 报送 ÷ 任务数`,
  ]);
}

/** 目标考核 ledger: the unit and the person ranking of a month or a year. */
export async function buildRankingXlsx(ranking: Ranking): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yuqing 舆情';
  const label =
    ranking.period.length === 4 ? `${ranking.period}年` : ranking.period.replace('-', '年') + '月';
  addSheet(wb, RANKING_SHEETS.units, `${label}信息报送单位排名`, ranking.units);
  addSheet(wb, RANKING_SHEETS.people, `${label}信息报送个人排名`, ranking.people);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
