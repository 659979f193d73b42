import { AlignmentType } from 'docx';
import {
  chineseDate,
  dateTime,
  FONT,
  heading,
  packDocument,
  para,
  section,
  SIZE,
} from '../../cases/documents/docx-kit.js';
import type { ReportFigures } from '../report.schemas.js';
import { minutesText, namedSubjects, percent, publicOnTime, rateText } from './report-text.js';

const BODY = { indent: true, line: 560 } as const;
/** Where the office writes: a blank the draft cannot fill from the records. */
const BLANK = '〔　　〕';
const TODO = { ...BODY, color: '7F7F7F' } as const;

/** 一般1起、较大0起 … of the incidents opened in the year; a blank where the module is absent. */
function incidentSentence(f: ReportFigures): string {
  const i = f.incidents;
  if (!i) return `处置舆情事件${BLANK}起`;
  const serious = i.byLevel.filter((l) => l.key !== 'general').reduce((n, l) => n + l.count, 0);
  return `处置舆情事件${i.opened}起（其中较大及以上${serious}起），处置完毕${i.closed}起`;
}

/** 报送舆情信息N篇 … from the year's briefs; blanks for a report generated before they were counted. */
function briefSentence(f: ReportFigures): string {
  const b = f.briefs;
  if (!b) return `报送舆情信息${BLANK}篇，其中被采用${BLANK}篇、获领导批示${BLANK}篇`;
  return `报送舆情信息${b.submitted}篇，其中被采用${b.adopted}篇、获领导批示${b.instructions}篇`;
}

/**
 * Units a summary may praise: on time at least 90 % of at least 3 slips judged (on time or late),
 * the best first as ranked. A unit with one slip, or with a poor rate, is no example to hold up.
 */
export const PRAISE = { minRate: 90, minJudged: 3, max: 3 } as const;

export function praisedUnits(f: ReportFigures): ReportFigures['units'] {
  return f.units
    .filter(
      (u) =>
        u.onTimeRate !== null &&
        u.onTimeRate >= PRAISE.minRate &&
        u.onTime + u.late >= PRAISE.minJudged,
    )
    .slice(0, PRAISE.max);
}

/**
 * The units' paragraph: those that earned praise; with slips judged but none deserving it, no
 * paragraph (the year's on-time rate is already in the facts).
 */
function unitSentence(f: ReportFigures): string | null {
  const praised = praisedUnits(f);
  const best = praised.map((u) => `${u.unitName}（按期率${rateText(u.onTimeRate)}）`).join('、');
  // 等单位 only of several: of one unit it reads as if others were left out.
  if (best) {
    return `各单位中，${best}${praised.length > 1 ? '等单位' : ''}办理及时、答复规范，按期率位居前列。`;
  }
  if (f.units.every((u) => u.onTimeRate === null)) {
    return `${soFar(f)}各单位暂无已到期的抄告单办理记录。`;
  }
  return null;
}

/**
 * 截至11月28日 for a summary drafted before the year is over (as offices do, in late November),
 * so no figure so far is called the whole year's; null once the year has ended.
 */
function madeBeforeYearEnd(f: ReportFigures): string | null {
  const madeOn = dateTime(f.generatedAt).slice(0, 10);
  return madeOn < f.to
    ? `截至${Number(madeOn.slice(5, 7))}月${Number(madeOn.slice(8, 10))}日`
    : null;
}

/** 全年, or 今年以来 while the year is not over. */
const soFar = (f: ReportFigures) => (madeBeforeYearEnd(f) ? '今年以来' : '全年');

/**
 * The slips and their 按期率, explained: the rate is over the slips come due (按期 ÷ (按期 + 超期)),
 * so the sentence names those, not only all slips issued, and a reader can work it out; the slips
 * still within their time and those overdue now follow.
 */
export function slipSentence(s: ReportFigures['cases']['slips']): string {
  if (s.received === 0) return '未向各单位签发抄告单';
  const judged = s.onTime + s.late;
  const issued = `向各单位签发抄告单${s.received}件次`;
  if (judged === 0) return `${issued}，均尚在办理期限内`;
  return (
    `${issued}，已到办理期限的${judged}件次中按期办理${s.onTime}件次、超期${s.late}件次，` +
    `按期率${rateText(s.onTimeRate)}` +
    (s.pending > 0 ? `，另有${s.pending}件次尚在办理期限内` : '') +
    (s.overdueNow > 0 ? `，目前仍有${s.overdueNow}件次超期未办结` : '')
  );
}

/**
 * 三、存在的问题 from the records: the units whose slips went past their time, with how many
 * (the ranking's 超期, worst first) and those overdue now; null when no unit was late.
 */
export function lateUnitsSentence(f: ReportFigures): string | null {
  const late = f.units.filter((u) => u.late > 0).sort((a, b) => b.late - a.late || a.rank - b.rank);
  if (late.length === 0) return null;
  const total = late.reduce((n, u) => n + u.late, 0);
  const names = late.map((u) => `${u.unitName}${u.late}件次`).join('、');
  const overdue = f.units.filter((u) => u.overdueNow > 0);
  const now =
    overdue.length > 0
      ? `，其中${overdue.map((u) => `${u.unitName}${u.overdueNow}件次`).join('、')}目前仍超期未办结`
      : '';
  return (
    `抄告单办理仍有超期现象。${soFar(f)}共有${late.length}个单位超期办理${total}件次（${names}）${now}。` +
    '各单位按期率排名见同期年报“办件办理情况”，按期率＝按期办理件次÷（按期＋超期件次）。'
  );
}

/** The year's facts in one paragraph, every number from the annual figures. */
export function summaryFacts(f: ReportFigures): string {
  const year = f.from.slice(0, 4);
  const p = f.posts;
  const c = f.cases;
  const top = namedSubjects(p.byCategory)
    .slice(0, 3)
    .map((x) => x.name)
    .join('、');
  const until = madeBeforeYearEnd(f);
  return (
    `${year}年，在党委、政府的坚强领导下，${f.orgName ?? '我镇'}网络舆情工作小组坚持“属地管理、分级负责，谁主管、谁负责”的原则，` +
    `${until ?? '全年'}共监测本辖区相关网络信息${p.total}条，其中负面信息${p.negative}条（占${percent(p.negative, p.total)}），` +
    `含紧急信号的${p.urgent}条，反映较多的是${top || '各类民生'}方面的问题；` +
    `受理网民留言办件${c.registered}件，公开答复${c.published}件${publicOnTime(c)}，首次响应用时中位数${minutesText(c.firstResponse.medianMinutes)}；` +
    `${slipSentence(c.slips)}；` +
    `${incidentSentence(f)}；${briefSentence(f)}。`
  );
}

/**
 * 年度网络舆情工作总结 as a draft the office edits: the year's figures filled into the prose,
 * the parts only people can write left as marked prompts.
 */
export async function buildWorkSummaryDocx(f: ReportFigures): Promise<Buffer> {
  const year = f.from.slice(0, 4);
  const org = f.orgName ?? '';
  const topics = f.topics.map((t) => `“${t.label}”`).join('、');
  const title = `${org}${year}年网络舆情工作总结`;
  const until = madeBeforeYearEnd(f);
  const late = lateUnitsSentence(f);
  return packDocument({
    title: `${title}（草稿）`,
    sections: [
      section([
        para(title, {
          font: FONT.title,
          size: SIZE.er,
          align: AlignmentType.CENTER,
          before: 240,
          after: 120,
          line: 480,
        }),
        para(
          `（草稿：数字由系统根据${until ? `${until}的` : '全年'}记录填写，灰色文字处请办公室补充修改）`,
          {
            font: FONT.body,
            size: SIZE.wu,
            align: AlignmentType.CENTER,
            color: '7F7F7F',
            after: 360,
          },
        ),
        heading('一、工作开展情况', { indent: true }),
        para(summaryFacts(f), BODY),
        para(
          topics
            ? `${soFar(f)}信息量较大的热点话题有${topics}等，均已及时研判、跟踪处置。`
            : `${soFar(f)}未形成信息量较大的热点话题。`,
          BODY,
        ),
        ...[unitSentence(f)].filter((s) => s !== null).map((s) => para(s, BODY)),
        heading('二、主要做法和成效', { indent: true }),
        para('（一）健全工作机制。【请补充：工作小组调整、制度建设、值班值守等情况】', TODO),
        para('（二）强化监测研判。【请补充：重点时段监测、热点研判、第一时间报告等情况】', TODO),
        para('（三）规范办理答复。【请补充：抄告单办理、督办通报、答复质量等情况】', TODO),
        heading('三、存在的问题', { indent: true }),
        ...(late
          ? [
              para(late, BODY),
              para('【请补充：其他方面的问题，如答复质量不高、信息报送数量不足等】', TODO),
            ]
          : [para('【请补充：如个别单位办理超期、答复质量不高、信息报送数量不足等】', TODO)]),
        heading('四、下一步工作打算', { indent: true }),
        para('【请补充：下一年度的工作重点和措施】', TODO),
        para(`${org}网络舆情工作小组`, { align: AlignmentType.RIGHT, before: 720, line: 560 }),
        para(chineseDate(f.generatedAt), { align: AlignmentType.RIGHT, line: 560 }),
      ]),
    ],
  });
}
