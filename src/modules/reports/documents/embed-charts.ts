import ExcelJS from 'exceljs';
import { AlignmentType, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { TEXT_WIDTH } from '../../cases/documents/docx-kit.js';
import { chartXml, column, type ChartSpec } from './chart-xml.js';

/**
 * The `docx` package has no charts, so a document is built with a placeholder paragraph per
 * chart and the packed file is then given the chart parts: the drawing in place of the
 * placeholder's run, the chart XML, its data as an embedded workbook (Word's 编辑数据 opens it),
 * the relationships and the content types.
 */

const TOKEN = (index: number) => `〔yuqing-chart:${index}〕`;
const EMU_PER_CM = 360_000;
const EMU_PER_TWIP = 635;

/** A centred paragraph that becomes chart number `index` (1-based) when the file is finished. */
export function chartPlaceholder(index: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    keepLines: true,
    children: [new TextRun(TOKEN(index))],
  });
}

function drawing(index: number, spec: ChartSpec): string {
  const cx = spec.width ? Math.round(spec.width * EMU_PER_CM) : TEXT_WIDTH * EMU_PER_TWIP;
  const cy = Math.round((spec.height ?? 7.5) * EMU_PER_CM);
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${9000 + index}" name="图表 ${index}"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdYqChart${index}"/>` +
    `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}

/** The chart's data as Word keeps it: categories in column A, one column per series. */
async function chartWorkbook(spec: ChartSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.getCell('A1').value = '';
  spec.series.forEach((s, i) => (ws.getCell(`${column(i)}1`).value = s.name));
  spec.categories.forEach((c, row) => {
    ws.getCell(`A${row + 2}`).value = c;
    spec.series.forEach(
      (s, i) => (ws.getCell(`${column(i)}${row + 2}`).value = s.values[row] ?? 0),
    );
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const REL_PACKAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/package';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function text(files: Record<string, Uint8Array>, path: string): string {
  const data = files[path];
  if (!data) throw new Error(`docx without ${path}`);
  return strFromU8(data);
}

/** Puts the charts in place of their placeholders; a placeholder without a chart is an error. */
export async function embedCharts(docx: Buffer, charts: readonly ChartSpec[]): Promise<Buffer> {
  if (charts.length === 0) return docx;
  const files: Record<string, Uint8Array> = unzipSync(new Uint8Array(docx));
  let document = text(files, 'word/document.xml');
  let rels = text(files, 'word/_rels/document.xml.rels');
  let types = text(files, '[Content_Types].xml');
  const out: Zippable = {};

  for (const [i, spec] of charts.entries()) {
    const index = i + 1;
    // The placeholder's whole run: <w:r> … <w:t …>TOKEN</w:t></w:r>.
    const run = new RegExp(`<w:r>(?:(?!</w:r>).)*?${TOKEN(index)}</w:t></w:r>`, 's');
    if (!run.test(document)) throw new Error(`chart placeholder ${index} not found`);
    document = document.replace(run, drawing(index, spec));
    rels = rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdYqChart${index}" Type="${REL_CHART}" Target="charts/chart${index}.xml"/></Relationships>`,
    );
    types = types.replace(
      '</Types>',
      `<Override PartName="/word/charts/chart${index}.xml" ContentType="${CT_CHART}"/></Types>`,
    );
    out[`word/charts/chart${index}.xml`] = strToU8(chartXml(spec));
    out[`word/charts/_rels/chart${index}.xml.rels`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_PACKAGE}" Target="../embeddings/chart-data-${index}.xlsx"/>` +
        `</Relationships>`,
    );
    out[`word/embeddings/chart-data-${index}.xlsx`] = [await chartWorkbook(spec), { level: 0 }];
  }
  if (!types.includes('Extension="xlsx"')) {
    types = types.replace(
      '</Types>',
      `<Default Extension="xlsx" ContentType="${CT_XLSX}"/></Types>`,
    );
  }
  // The content types first, as Word writes them; folder entries are not needed.
  const zip: Zippable = { '[Content_Types].xml': strToU8(types) };
  for (const [path, data] of Object.entries(files)) {
    if (!path.endsWith('/') && !(path in zip)) zip[path] = data;
  }
  zip['word/document.xml'] = strToU8(document);
  zip['word/_rels/document.xml.rels'] = strToU8(rels);
  return Buffer.from(zipSync({ ...zip, ...out }, { level: 6 }));
}
