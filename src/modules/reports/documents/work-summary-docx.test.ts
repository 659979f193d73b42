import { describe, expect, it } from 'vitest';
import { docxText } from '../../../../tests/helpers/docx.js';
import type { ReportFigures, UnitRank } from '../report.schemas.js';
import { buildWorkSummaryDocx, praisedUnits } from './work-summary-docx.js';

function unit(rank: number, unitName: string, onTime: number, late: number): UnitRank {
  const judged = onTime + late;
  return {
    rank,
    unitId: rank,
    unitName,
    received: judged,
    onTime,
    late,
    pending: 0,
    extended: 0,
    overdueNow: 0,
    averageHours: 10,
    onTimeRate: judged ? Math.round((onTime / judged) * 1000) / 10 : null,
  };
}

function figures(over: Partial<ReportFigures> = {}): ReportFigures {
  const zero = { count: 0, medianMinutes: null, averageMinutes: null };
  return {
    kind: 'annual',
    from: '2026-01-01',
    to: '2026-12-31',
    generatedAt: '2026-12-31T02:00:00.000Z',
    orgName: '云溪镇',
    posts: {
      total: 10,
      negative: 2,
      urgent: 1,
      bySource: [],
      byCategory: [],
      bySentiment: [],
      byDay: [],
    },
    cases: {
      registered: 4,
      published: 2,
      firstResponse: zero,
      slips: {
        received: 12,
        onTime: 7,
        late: 5,
        pending: 0,
        extended: 0,
        overdueNow: 0,
        averageHours: 10,
        onTimeRate: 58.3,
      },
    },
    units: [],
    incidents: null,
    briefs: { submitted: 14, adopted: 5, instructions: 2 },
    topics: [],
    notable: { mostLiked: [], urgent: [], negative: [] },
    duty: null,
    ...over,
  };
}

const text = async (f: ReportFigures) => docxText(await buildWorkSummaryDocx(f));

describe('年度工作总结草稿', () => {
  it('names the subjects most written about, not 其他 or 未分类', async () => {
    const f = figures();
    const byCategory = ['城乡建设', '其他', '未分类', '交通运输', '环境保护'].map((name, i) => ({
      key: String(i),
      name,
      count: 10 - i,
    }));
    expect(await text({ ...f, posts: { ...f.posts, byCategory } })).toContain(
      '反映较多的是城乡建设、交通运输、环境保护方面的问题',
    );
  });

  it('fills in the year’s 信息报送 figures', async () => {
    expect(await text(figures())).toContain('报送舆情信息14篇，其中被采用5篇、获领导批示2篇。');
  });

  it('says how many public replies met their deadline, where the report counted it', async () => {
    const f = figures();
    expect(await text({ ...f, cases: { ...f.cases, publishedOnTime: 1 } })).toContain(
      '公开答复2件（其中按期答复1件，按期率50.0%）',
    );
    expect(await text(f)).toContain('公开答复2件，首次响应');
  });

  it('leaves the 信息报送 figures blank for a report generated before they were counted', async () => {
    const { briefs: _omitted, ...old } = figures();
    expect(await text(old)).toContain('报送舆情信息〔　　〕篇');
  });

  it('praises only units on time at 90 % or more of at least three slips', async () => {
    const f = figures({
      units: [
        unit(1, '派出所', 1, 0), // 100 % of one slip: too few to praise
        unit(2, '综治中心', 10, 0),
        unit(3, '农业服务中心', 9, 1),
        unit(4, '城建办', 5, 1), // 83.3 %
        unit(5, '自然资源所', 0, 3),
      ],
    });
    expect(praisedUnits(f).map((u) => u.unitName)).toEqual(['综治中心', '农业服务中心']);
    // The praise is in 一、; the late units are named under 三、存在的问题.
    const full = await text(f);
    const body = full.slice(0, full.indexOf('二、主要做法和成效'));
    expect(body).toContain(
      '各单位中，综治中心（按期率100.0%）、农业服务中心（按期率90.0%）等单位办理及时、答复规范',
    );
    expect(body).not.toContain('城建办');
    expect(body).not.toContain('自然资源所');
  });

  it('praises nobody when no unit deserves it', async () => {
    const full = await text(
      figures({ units: [unit(1, '城建办', 5, 1), unit(2, '自然资源所', 0, 3)] }),
    );
    const body = full.slice(0, full.indexOf('二、主要做法和成效'));
    expect(body).not.toContain('位居前列');
    expect(body).not.toContain('自然资源所');
    expect(body).not.toContain('暂无已到期');
  });

  it('says so when no slip has come due', async () => {
    const body = await text(figures({ units: [{ ...unit(1, '城建办', 0, 0), pending: 2 }] }));
    expect(body).toContain('全年各单位暂无已到期的抄告单办理记录。');
  });

  it('explains the 按期率 by the slips come due, and says what is still within time or overdue', async () => {
    // 12 issued, 7 on time of 7 + 2 come due: 77.8 %, not 7 of 12.
    const f = figures();
    const slips = {
      ...f.cases.slips,
      received: 12,
      onTime: 7,
      late: 2,
      pending: 3,
      overdueNow: 1,
      onTimeRate: 77.8,
    };
    expect(await text({ ...f, cases: { ...f.cases, slips } })).toContain(
      '向各单位签发抄告单12件次，已到办理期限的9件次中按期办理7件次、超期2件次，按期率77.8%，' +
        '另有3件次尚在办理期限内，目前仍有1件次超期未办结；',
    );
    const none = { ...slips, onTime: 0, late: 0, pending: 12, overdueNow: 0, onTimeRate: null };
    const body = await text({ ...f, cases: { ...f.cases, slips: none } });
    expect(body).toContain('向各单位签发抄告单12件次，均尚在办理期限内；');
    expect(body).not.toContain('按期率—');
  });

  it('drafted before the year is over, counts 截至 the day, not 全年', async () => {
    // 28 November, 09:30 in Beijing.
    const body = await text(figures({ generatedAt: '2026-11-28T01:30:00.000Z' }));
    expect(body).toContain('原则，截至11月28日共监测本辖区相关网络信息10条');
    expect(body).toContain('今年以来未形成信息量较大的热点话题。');
    expect(body).toContain('根据截至11月28日的记录填写');
    expect(body).not.toContain('全年');
    const after = await text(figures());
    expect(after).toContain('原则，全年共监测本辖区相关网络信息10条');
  });

  it('praises one unit without 等单位, as if others were left out', async () => {
    const body = await text(figures({ units: [unit(1, '城建办', 4, 0)] }));
    expect(body).toContain('各单位中，城建办（按期率100.0%）办理及时、答复规范');
    expect(body).not.toContain('等单位');
  });

  it('names the units late under 三、存在的问题, worst first, and where the ranking is', async () => {
    const f = figures({
      units: [
        unit(1, '城建办', 4, 0),
        unit(2, '综治办', 1, 1),
        { ...unit(3, '中心学校', 0, 2), overdueNow: 1 },
      ],
    });
    const body = await text(f);
    const problems = body.slice(body.indexOf('三、存在的问题'));
    expect(problems).toContain(
      '全年共有2个单位超期办理3件次（中心学校2件次、综治办1件次），其中中心学校1件次目前仍超期未办结。',
    );
    expect(problems).toContain('按期率＝按期办理件次÷（按期＋超期件次）');
    expect(problems).toContain('【请补充：其他方面的问题，如答复质量不高');
    expect(await text(figures({ units: [unit(1, '城建办', 4, 0)] }))).not.toContain('超期现象');
  });
});
