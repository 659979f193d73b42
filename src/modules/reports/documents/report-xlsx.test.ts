import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { weeklyFigures as figures } from '../../../../tests/helpers/report-figures.js';
import type { ReportFigures } from '../report.schemas.js';
import { buildReportXlsx, SHEETS } from './report-xlsx.js';

async function sheet(f: ReportFigures, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildReportXlsx(f, 1)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const cellText = (ws: ExcelJS.Worksheet, row: number, col = 1) => ws.getRow(row).getCell(col).text;

describe('周报 / 月报 ledger (.xlsx)', () => {
  it('says the period was not over when it was made, as the Word file does', async () => {
    const early = await sheet(
      figures({ generatedAt: '2026-11-28T05:28:00.000Z' }),
      SHEETS.overview,
    );
    expect(cellText(early, 2)).toContain(
      '统计期间：2026年11月23日至11月29日（2026-11-23 至 2026-11-29，截至2026-11-28 13:28）',
    );
    const done = await sheet(figures(), SHEETS.overview);
    expect(cellText(done, 2)).not.toContain('截至');
  });

  it('gives the period before beside this one (环比)', async () => {
    const previous = {
      from: '2026-11-16',
      to: '2026-11-18',
      partial: true,
      posts: 30,
      negative: 12,
      registered: 3,
    };
    const ws = await sheet(figures({ previous }), SHEETS.overview);
    const rows = new Map<string, [number, string]>();
    ws.eachRow((r) => rows.set(r.getCell(1).text, [Number(r.getCell(2).value), r.getCell(3).text]));
    expect(rows.get('相关信息（条）')?.[0]).toBe(28);
    expect(rows.get('上周同期相关信息（条）')).toEqual([
      30,
      '2026-11-16 至 2026-11-18，与本期已过的时间同样长',
    ]);
    expect(rows.get('上周同期受理办件（件）')?.[0]).toBe(3);
  });

  it('writes rates and shares with one decimal, as the Word file does', async () => {
    const f = figures();
    const unit = {
      rank: 1,
      unitId: 1,
      unitName: '城建办',
      received: 4,
      onTime: 4,
      late: 0,
      pending: 0,
      extended: 0,
      overdueNow: 0,
      averageHours: 3,
      onTimeRate: 100,
    };
    const units = await sheet({ ...f, units: [unit] }, SHEETS.units);
    const header = units.getRow(3);
    const rateCol = [...Array(header.cellCount).keys()].find(
      (i) => header.getCell(i + 1).text === '按期率（%）',
    );
    const rate = units.getRow(4).getCell((rateCol ?? 0) + 1);
    expect(rate.value).toBe(100);
    expect(rate.numFmt).toBe('0.0');
    // The overview's rows of rates too.
    const overview = await sheet(f, SHEETS.overview);
    let overviewRate: ExcelJS.Cell | null = null;
    overview.eachRow((r) => {
      if (r.getCell(1).text === '按期率（%）') overviewRate = r.getCell(2);
    });
    expect((overviewRate as ExcelJS.Cell | null)?.numFmt).toBe('0.0');
    const posts = await sheet(f, SHEETS.posts);
    // 按来源: 28 of 28 is 100.0%.
    expect(posts.getRow(4).getCell(4).value).toBe(100);
    expect(posts.getRow(4).getCell(4).numFmt).toBe('0.0');
  });

  it('lists the incidents of the period under their levels', async () => {
    const f = figures();
    const incidents = f.incidents && {
      ...f.incidents,
      list: [
        {
          id: 7,
          title: '工地欠薪事件',
          level: 'general',
          openedAt: '2026-11-24T00:00:00.000Z',
          closedAt: null,
        },
      ],
    };
    const ws = await sheet({ ...f, incidents }, SHEETS.overview);
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push([1, 2, 3].map((c) => r.getCell(c).text)));
    expect(rows).toContainEqual(['工地欠薪事件', '一般', '2026-11-24 08:00 启动，处置中']);
  });
});
