import { AlignmentType, BorderStyle, Paragraph, Tab, TabStopType, TextRun, type Table } from 'docx';
import {
  cell,
  chineseDate,
  columns,
  dateTime,
  FONT,
  heading,
  packDocument,
  para,
  row,
  run,
  section,
  SIZE,
  table,
  TEXT_WIDTH,
} from '../../cases/documents/docx-kit.js';
import { formatDateTime } from '../../../lib/format.js';
import { chineseDay, mastheadName, periodName, reportTitle } from '../report-period.js';
import type { NotablePost, ReportFigures, ReviewFigures } from '../report.schemas.js';
import type { ChartSpec } from './chart-xml.js';
import { chartPlaceholder, embedCharts } from './embed-charts.js';
import {
  categoryChart,
  sentimentChart,
  sourceChart,
  unitChart,
  volumeChart,
} from './report-charts.js';
import {
  comparedText,
  hoursText,
  minutesText,
  namedSubjects,
  partNumber,
  percent,
  previousName,
  publicOnTime,
  rateText,
  sectionNumber,
} from './report-text.js';

const RED = 'C00000';

/** A clause after a comma, or nothing. */
const prefixed = (clause: string) => (clause ? `，${clause}` : '');
const BODY = { indent: true, line: 520 } as const;
const SMALL = { size: SIZE.wu } as const;

type Block = Paragraph | Table;

/** 红头: the report's name in red, 第N期, then issuer and date over a red rule. */
function masthead(f: ReportFigures, seq: number): Paragraph[] {
  const style = { font: FONT.body, size: SIZE.san } as const;
  return [
    para(`${f.orgName ?? ''}${mastheadName(f.kind)}`, {
      font: FONT.title,
      size: 60,
      color: RED,
      align: AlignmentType.CENTER,
      before: 360,
      after: 240,
      line: 360,
    }),
    para(`第${seq}期`, { ...style, align: AlignmentType.CENTER, after: 240 }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      spacing: { after: 360 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
      children: [
        run(`${f.orgName ?? ''}网络舆情工作小组`, style),
        new TextRun({ children: [new Tab()] }),
        run(chineseDate(f.generatedAt), style),
      ],
    }),
  ];
}

/** A count, a rate or a dash: centred in its column, as in the office's own tables. */
const NUMBER = /^(?:[\d.,]+(?:%|起)?|—)$/;

/** A table with a shaded header row; the first column (序号) and the figures centred. */
function grid(weights: number[], header: string[], rows: string[][]): Table {
  return table(columns(...weights), [
    row(
      header.map((h) => cell(h, { label: true, ...SMALL })),
      { header: true },
    ),
    ...rows.map((r) =>
      row(
        r.map((v, i) =>
          cell(v, {
            ...SMALL,
            align: i === 0 || NUMBER.test(v) ? AlignmentType.CENTER : AlignmentType.LEFT,
          }),
        ),
        { cantSplit: true },
      ),
    ),
  ]);
}

class Builder {
  readonly charts: ChartSpec[] = [];
  chart(spec: ChartSpec | null): Paragraph[] {
    if (!spec) return [];
    this.charts.push(spec);
    return [chartPlaceholder(this.charts.length)];
  }
}

function overview(f: ReportFigures, b: Builder): Block[] {
  const p = f.posts;
  // A period not over when the report was made says so: 截至 the day it was made.
  const made = formatDateTime(new Date(f.generatedAt));
  const madeOn = made.slice(0, 10);
  // A daily report made before its span ends (the office asked early) says the time.
  const early = f.span && f.generatedAt < f.span.end;
  // The period ends at midnight after its last day: made on that day, it is not over yet either.
  const when = early
    ? `${periodName(f.kind, f)}（截至${made.slice(11, 16)}）`
    : madeOn <= f.to && f.kind !== 'daily'
      ? `${periodName(f.kind, f)}（截至${chineseDay(madeOn)}${madeOn === f.to ? made.slice(11, 16) : ''}）`
      : periodName(f.kind, f);
  if (p.total === 0) {
    const before = f.previous?.posts ? `（${previousName(f)}${f.previous.posts}条）` : '';
    return [para(`${when}，未监测到本辖区相关网络信息${before}。`, BODY)];
  }
  const top = p.bySource
    .slice(0, 3)
    .map((s) => `${s.name}${s.count}条`)
    .join('、');
  const topCategory = namedSubjects(p.byCategory)
    .slice(0, 3)
    .map((c) => `${c.name}${c.count}条`)
    .join('、');
  return [
    para(
      `${when}，共监测到本辖区相关网络信息${p.total}条，` +
        (f.previous ? `${comparedText(f, p.total, f.previous.posts, '条')}，` : '') +
        `其中负面信息${p.negative}条（占${percent(p.negative, p.total)}），` +
        `含紧急信号的${p.urgent}条。主要来源为${top}` +
        (topCategory ? `；涉及较多的类别为${topCategory}。` : '。'),
      BODY,
    ),
    ...b.chart(volumeChart(f)),
    grid(
      [8, 40, 20, 20],
      ['序号', '信息来源', '信息条数', '占比'],
      p.bySource.map((s, i) => [String(i + 1), s.name, String(s.count), percent(s.count, p.total)]),
    ),
    ...b.chart(sourceChart(f)),
    ...b.chart(sentimentChart(f)),
    ...b.chart(categoryChart(f)),
  ];
}

/**
 * 信息研判: what became of the posts the report counts, by the time it was made. Reports stored
 * before it was counted have no such section.
 */
function review(r: ReviewFigures): Block[] {
  const earlier = r.pendingEarlier > 0 ? `另有此前采集、尚未研判的信息${r.pendingEarlier}条。` : '';
  if (r.collected === 0) {
    return [para(`本时段未采集到本辖区相关信息。${earlier}`, BODY)];
  }
  const urgent = r.urgentPending > 0 ? `（其中含紧急信号的${r.urgentPending}条，请优先研判）` : '';
  return [
    para(
      `本时段采集本辖区相关信息${r.collected}条，截至报告生成时已研判${r.read + r.dismissed + r.registered}条：` +
        `已阅${r.read}条，不予处理${r.dismissed}条，登记为办件${r.registered}条；` +
        `待研判${r.pending}条${urgent}。${earlier}`,
      BODY,
    ),
    grid(
      [16, 14, 14, 14, 14, 14, 14],
      ['采集', '已阅', '不予处理', '登记办件', '待研判', '其中紧急', '此前待研判'],
      [
        [
          r.collected,
          r.read,
          r.dismissed,
          r.registered,
          r.pending,
          r.urgentPending,
          r.pendingEarlier,
        ].map(String),
      ],
    ),
  ];
}

function topics(f: ReportFigures): Block[] {
  if (f.topics.length === 0) return [para('本期未形成热点话题。', BODY)];
  return [
    para(`本期信息量较大的热点话题${f.topics.length}个：`, BODY),
    grid(
      [8, 46, 34, 12],
      ['序号', '话题', '关键词', '条数'],
      f.topics.map((t, i) => [String(i + 1), t.label, t.keywords.join('、'), String(t.posts)]),
    ),
  ];
}

function postRows(posts: NotablePost[]): string[][] {
  return posts.map((p, i) => [
    String(i + 1),
    p.title,
    p.source,
    dateTime(p.postedAt).slice(5),
    p.likes === null ? '—' : String(p.likes),
  ]);
}

function notable(f: ReportFigures): Block[] {
  const parts: [string, NotablePost[], string][] = [
    ['点赞较多的信息', f.notable.mostLiked, '本期无点赞数据。'],
    ['含紧急信号的信息', f.notable.urgent, '本期无含紧急信号的信息。'],
    ['负面信息', f.notable.negative, '本期无负面信息。'],
  ];
  return parts.flatMap(([name, posts, none], i) => [
    para(`${partNumber(i)}${name}`, { ...BODY, font: FONT.body, bold: true, keepNext: true }),
    ...(posts.length === 0
      ? [para(none, BODY)]
      : [grid([8, 46, 18, 18, 10], ['序号', '标题', '来源', '发布时间', '点赞'], postRows(posts))]),
  ]);
}

function cases(f: ReportFigures, b: Builder): Block[] {
  const c = f.cases;
  const s = c.slips;
  const response =
    c.firstResponse.count > 0
      ? `首次响应${c.firstResponse.count}件，自网民发帖至首次响应用时中位数${minutesText(c.firstResponse.medianMinutes)}、平均${minutesText(c.firstResponse.averageMinutes)}。`
      : '期间受理的办件尚无首次响应记录。';
  const blocks: Block[] = [
    para(
      `本期受理网民留言办件${c.registered}件` +
        (f.previous ? prefixed(comparedText(f, c.registered, f.previous.registered, '件')) : '') +
        `，公开答复${c.published}件${publicOnTime(c)}；${response}`,
      BODY,
    ),
    para(
      `签发抄告单收件${s.received}件次，按期办理${s.onTime}件次，超期${s.late}件次，在办未到期${s.pending}件次，` +
        // Nought extensions and nothing overdue now go without saying.
        (s.extended > 0 ? `获批延期${s.extended}件次，` : '') +
        (s.overdueNow > 0 ? `当前超期未办${s.overdueNow}件次，` : '') +
        (s.onTimeRate === null ? '尚无到期的抄告单。' : `按期率${rateText(s.onTimeRate)}。`),
      BODY,
    ),
  ];
  if (f.units.length === 0) return blocks;
  return [
    ...blocks,
    para('各单位办理情况排名如下（按期率高者在前）：', BODY),
    grid(
      [8, 24, 9, 9, 9, 9, 9, 12, 11],
      ['名次', '单位', '收件', '按期', '超期', '在办', '延期', '平均时长(小时)', '按期率'],
      f.units.map((u) => [
        String(u.rank),
        u.unitName,
        String(u.received),
        String(u.onTime),
        String(u.late),
        String(u.pending),
        String(u.extended),
        hoursText(u.averageHours),
        rateText(u.onTimeRate),
      ]),
    ),
    ...b.chart(unitChart(f)),
  ];
}

function incidents(f: ReportFigures): Block[] {
  const i = f.incidents;
  if (!i) return [para('舆情事件处置模块尚未启用，本项暂无数据（—）。', BODY)];
  // Only the levels that occurred are named, and a period with none says so in words.
  const levels = i.byLevel
    .filter((l) => l.count > 0)
    .map((l) => `${l.name}${l.count}起`)
    .join('、');
  const opened = i.opened > 0 ? `本期启动舆情事件${i.opened}起（${levels}）` : '本期未启动舆情事件';
  const closed = i.closed > 0 ? `，处置完毕${i.closed}起。` : '。';
  const list = i.list ?? [];
  if (list.length === 0) return [para(opened + closed, BODY)];
  // The level's name as the report stored it beside its count.
  const level = (key: string) => i.byLevel.find((l) => l.key === key)?.name ?? key;
  return [
    para(opened + closed, BODY),
    grid(
      [8, 36, 10, 18, 28],
      ['序号', '事件', '级别', '启动时间', '处置情况'],
      list.map((x, n) => [
        String(n + 1),
        x.title,
        level(x.level),
        dateTime(x.openedAt).slice(5),
        x.closedAt ? `${dateTime(x.closedAt).slice(5)}处置完毕` : '处置中',
      ]),
    ),
  ];
}

function duty(f: ReportFigures): Block[] {
  const shifts = f.duty?.shifts ?? [];
  if (shifts.length === 0) return [para('今日无值班安排。', BODY)];
  return [
    grid(
      [8, 34, 18, 22, 18],
      ['序号', '值班时段', '值班人员', '重点时段', '备注'],
      shifts.map((s, i) => [
        String(i + 1),
        `${dateTime(s.startsAt)} 至 ${dateTime(s.endsAt).slice(11)}`,
        s.userName,
        s.periodName,
        s.note ?? '',
      ]),
    ),
  ];
}

/** The sections in order, each with its number: 一、舆情概况 … */
function body(f: ReportFigures, b: Builder): Block[] {
  const sections: [string, Block[]][] = [
    ['舆情概况', overview(f, b)],
    ...(f.review ? ([['信息研判情况', review(f.review)]] as [string, Block[]][]) : []),
    ['热点话题', topics(f)],
    ['重点信息', notable(f)],
    ['办件办理情况', cases(f, b)],
    ['舆情事件处置情况', incidents(f)],
    ...(f.kind === 'daily' ? ([['值班情况', duty(f)]] as [string, Block[]][]) : []),
  ];
  return sections.flatMap(([title, blocks], i) => [
    heading(`${sectionNumber(i)}${title}`, { indent: true }),
    ...blocks,
  ]);
}

/** The report as a Word document: masthead, numbered sections with tables and charts. */
export async function buildReportDocx(f: ReportFigures, seq: number): Promise<Buffer> {
  const b = new Builder();
  const children = [
    ...masthead(f, seq),
    ...body(f, b),
    para(`（本报告由系统于${dateTime(f.generatedAt)}根据当时的记录生成。）`, {
      ...SMALL,
      font: FONT.body,
      align: AlignmentType.RIGHT,
      before: 480,
    }),
  ];
  const file = await packDocument({
    title: reportTitle({ ...f, seq }),
    sections: [section(children)],
  });
  return embedCharts(file, b.charts);
}
