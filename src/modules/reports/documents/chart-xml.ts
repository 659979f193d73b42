/**
 * Charts as Word draws them (DrawingML, ECMA-376 part 1 §21.2): the chart part's XML with the
 * data cached in it, so Word, WPS and LibreOffice draw the chart themselves, in the document's
 * Chinese fonts, at any zoom, and the office can restyle it. (An image would need a raster
 * fallback for every SVG, and LibreOffice shows only that fallback; rasterising Chinese text needs
 * a native package this project does not have.)
 */

export interface ChartSeries {
  name: string;
  values: number[];
  /** RRGGBB */
  color?: string;
}

export interface ChartSpec {
  /** bar: horizontal bars, categories top to bottom; column: vertical; pie; line. */
  type: 'bar' | 'column' | 'pie' | 'line';
  title: string;
  categories: string[];
  series: ChartSeries[];
  /** A pie's slice colours (RRGGBB), one per category; the palette's otherwise. */
  colors?: string[];
  /** Several series drawn one on another (bar and column only). */
  stacked?: boolean;
  /** In centimetres; the width defaults to the text block's. */
  width?: number;
  height?: number;
}

export const PALETTE = ['2F6FB0', 'C0504D', '9BBB59', 'F79646', '8064A2', '4BACC6', '7F7F7F'];
/** Sentiment colours, as the web app shows them: negative red, neutral grey, positive green. */
export const SENTIMENT_COLORS: Record<string, string> = {
  negative: 'D9534F',
  neutral: 'A6A6A6',
  positive: '5CB85C',
  unknown: 'D9D9D9',
};

const FONT = '宋体';
const NS =
  'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 forbids (control codes) cannot appear even escaped.
      .replace(FORBIDDEN, '')
  );
}

/** Run properties in the Chinese font: ea for CJK, latin for digits. Size in hundredths of a point. */
const runFont = (size: number, bold = false) =>
  `<a:defRPr sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="${FONT}"/><a:ea typeface="${FONT}"/></a:defRPr>`;

const textProps = (size: number) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${runFont(size)}</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;

const solid = (color: string) =>
  `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;

/** Spreadsheet column letters of the embedded data: A holds the categories, B… the series. */
export const column = (index: number) => String.fromCharCode(66 + index);

function title(text: string): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${runFont(1200, true)}</a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="1200" b="1"><a:latin typeface="${FONT}"/><a:ea typeface="${FONT}"/></a:rPr>` +
    `<a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

function categoriesRef(spec: ChartSpec): string {
  const n = spec.categories.length;
  const pts = spec.categories
    .map((c, i) => `<c:pt idx="${i}"><c:v>${escapeXml(c)}</c:v></c:pt>`)
    .join('');
  return `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$${n + 1}</c:f><c:strCache><c:ptCount val="${n}"/>${pts}</c:strCache></c:strRef></c:cat>`;
}

function valuesRef(values: number[], index: number): string {
  const n = values.length;
  const col = column(index);
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('');
  return `<c:val><c:numRef><c:f>Sheet1!$${col}$2:$${col}$${n + 1}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${pts}</c:numCache></c:numRef></c:val>`;
}

function seriesName(name: string, index: number): string {
  const col = column(index);
  return `<c:tx><c:strRef><c:f>Sheet1!$${col}$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`;
}

function labels(opts: {
  value: boolean;
  percent?: boolean;
  category?: boolean;
  position?: string;
}) {
  return (
    `<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProps(900)}` +
    (opts.position ? `<c:dLblPos val="${opts.position}"/>` : '') +
    `<c:showLegendKey val="0"/><c:showVal val="${opts.value ? 1 : 0}"/>` +
    `<c:showCatName val="${opts.category ? 1 : 0}"/><c:showSerName val="0"/>` +
    `<c:showPercent val="${opts.percent ? 1 : 0}"/><c:showBubbleSize val="0"/>` +
    // Without it LibreOffice joined the parts with its locale's mix of 「；」 and 「; 」.
    `<c:separator>，</c:separator></c:dLbls>`
  );
}

const CAT_AX = 500001;
const VAL_AX = 500002;

function axes(spec: ChartSpec): string {
  const horizontal = spec.type === 'bar';
  // Single bars carry their values as labels, so their value axis is left out.
  const labelled = horizontal && !spec.stacked;
  const lines =
    '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>';
  return (
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${lines}${textProps(900)}` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>` +
    `<c:delete val="${labelled ? 1 : 0}"/><c:axPos val="${horizontal ? 'b' : 'l'}"/>` +
    (labelled ? '' : `<c:majorGridlines>${lines}</c:majorGridlines>`) +
    `<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/>${textProps(900)}<c:crossAx val="${CAT_AX}"/>` +
    `<c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`
  );
}

function barChart(spec: ChartSpec): string {
  const series = spec.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s.name, i)}` +
        solid(s.color ?? PALETTE[i % PALETTE.length] ?? '2F6FB0') +
        `<c:invertIfNegative val="0"/>` +
        (spec.stacked ? '' : labels({ value: true, position: 'outEnd' })) +
        `${categoriesRef(spec)}${valuesRef(s.values, i)}</c:ser>`,
    )
    .join('');
  return (
    `<c:barChart><c:barDir val="${spec.type === 'bar' ? 'bar' : 'col'}"/>` +
    `<c:grouping val="${spec.stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series}` +
    `<c:gapWidth val="60"/>${spec.stacked ? '<c:overlap val="100"/>' : ''}` +
    `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>${axes(spec)}`
  );
}

function lineChart(spec: ChartSpec): string {
  const series = spec.series
    .map((s, i) => {
      const color = s.color ?? PALETTE[i % PALETTE.length] ?? '2F6FB0';
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s.name, i)}` +
        `<c:spPr><a:ln w="22225"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="4"/>${solid(color)}</c:marker>` +
        `${categoriesRef(spec)}${valuesRef(s.values, i)}<c:smooth val="0"/></c:ser>`
      );
    })
    .join('');
  return (
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}` +
    `<c:marker val="1"/><c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:lineChart>${axes(spec)}`
  );
}

function pieChart(spec: ChartSpec): string {
  const s = spec.series[0] ?? { name: '', values: [] };
  const points = spec.categories
    .map(
      (_, i) =>
        `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/>${solid(
          spec.colors?.[i] ?? PALETTE[i % PALETTE.length] ?? '2F6FB0',
        )}</c:dPt>`,
    )
    .join('');
  return (
    `<c:pieChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/>${seriesName(s.name, 0)}` +
    `${points}${labels({ value: true, percent: true, category: true, position: 'bestFit' })}` +
    `${categoriesRef(spec)}${valuesRef(s.values, 0)}</c:ser><c:firstSliceAng val="0"/></c:pieChart>`
  );
}

/** The chart part (word/charts/chartN.xml); its data sits in the embedded workbook too (r:id rId1). */
export function chartXml(spec: ChartSpec): string {
  const plot =
    spec.type === 'pie' ? pieChart(spec) : spec.type === 'line' ? lineChart(spec) : barChart(spec);
  const legend =
    spec.type === 'pie' || spec.series.length > 1
      ? `<c:legend><c:legendPos val="${spec.type === 'pie' ? 'r' : 'b'}"/><c:overlay val="0"/>${textProps(900)}</c:legend>`
      : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace ${NS}><c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title(spec.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProps(1000)}` +
    `<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`
  );
}
