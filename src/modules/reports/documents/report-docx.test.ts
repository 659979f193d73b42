import { describe, expect, it } from 'vitest';
import { docxText } from '../../../../tests/helpers/docx.js';
import { weeklyFigures as figures } from '../../../../tests/helpers/report-figures.js';
import type { ReportFigures } from '../report.schemas.js';
import { buildReportDocx } from './report-docx.js';

const text = async (f: ReportFigures) => docxText(await buildReportDocx(f, 1));

describe('周报 / 月报 in Word', () => {
  it('names the subjects most written about, not 其他 or 未分类', async () => {
    const f = figures();
    const byCategory = ['其他', '城乡建设', '未分类', '交通运输', '环境保护'].map((name, i) => ({
      key: String(i),
      name,
      count: 10 - i,
    }));
    const t = await text({ ...f, posts: { ...f.posts, byCategory } });
    expect(t).toContain('涉及较多的类别为城乡建设9条、交通运输7条、环境保护6条。');
    // With nothing but 其他 and 未分类 there is no subject to name.
    const none = byCategory.filter((c) => c.name === '其他' || c.name === '未分类');
    const only = await text({ ...f, posts: { ...f.posts, byCategory: none } });
    expect(only).not.toContain('涉及较多的类别');
    expect(only).not.toContain('其他10条');
  });

  it('says which levels of incident were opened, not a row of bare zeros', async () => {
    const t = await text(figures());
    expect(t).toContain('本期启动舆情事件1起（一般1起）。');
    expect(t).not.toMatch(/[^\d]0起/);
    const none = await text(
      figures({
        incidents: { opened: 0, closed: 0, byLevel: figures().incidents?.byLevel ?? [] },
      }),
    );
    expect(none).toContain('本期未启动舆情事件。');
    expect(none).not.toMatch(/[^\d]0起/);
  });

  it('leaves out the slip figures that are nought, beyond 超期', async () => {
    const t = await text(figures());
    expect(t).toContain(
      '签发抄告单收件5件次，按期办理3件次，超期1件次，在办未到期1件次，按期率75.0%。',
    );
    expect(t).not.toContain('获批延期0件次');
    expect(t).not.toContain('当前超期未办0件次');
  });

  it('says 截至 with the time for a report made on the last day of its period', async () => {
    // Sunday 2026-11-29 18:00 in Shanghai: the week is not over.
    const t = await text(figures({ generatedAt: '2026-11-29T10:00:00.000Z' }));
    expect(t).toContain('2026年11月23日至11月29日（截至2026年11月29日18:00）');
    // The day before: the day is enough, as before.
    const before = await text(figures({ generatedAt: '2026-11-28T10:00:00.000Z' }));
    expect(before).toContain('2026年11月23日至11月29日（截至2026年11月28日）');
    // After the week, nothing of the kind.
    expect(await text(figures())).not.toContain('截至');
  });

  it('compares the posts and the cases with the period before (环比)', async () => {
    const previous = {
      from: '2026-11-16',
      to: '2026-11-22',
      partial: false,
      posts: 30,
      negative: 12,
      registered: 4,
    };
    const t = await text(figures({ previous }));
    expect(t).toContain(
      '共监测到本辖区相关网络信息28条，较上周减少2条（下降6.7%），其中负面信息10条',
    );
    expect(t).toContain('本期受理网民留言办件4件，与上周持平，公开答复2件');
    const month = await text(
      figures({
        kind: 'monthly',
        from: '2026-11-01',
        to: '2026-11-30',
        previous: { ...previous, partial: true, registered: 0 },
      }),
    );
    expect(month).toContain('较上月同期减少2条');
    // None the month before: no base to compare with (on a new installation, no monitoring yet).
    expect(month).toContain('本期受理网民留言办件4件，公开答复');
    // A report stored before 环比 was counted says nothing of it.
    expect(await text(figures())).not.toMatch(/较上|持平/);
  });
});
