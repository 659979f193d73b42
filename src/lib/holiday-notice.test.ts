import { describe, expect, it } from 'vitest';
import { BUILTIN_HOLIDAYS, HolidayCalendar } from './calendar.js';
import { parseHolidayNotice } from './holiday-notice.js';

// The notices as published on gov.cn (public documents of the State Council's General Office).
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。`;

const NOTICE_2025 = `国务院办公厅关于2025年部分节假日安排的通知
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

// 2024 words it differently: no weekdays, 与周末连休, and an aside date (除夕) that is no workday.
const NOTICE_2024 = `国务院办公厅关于2024年部分节假日安排的通知
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。`;

function everyDay(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

describe('parseHolidayNotice', () => {
  it('reads the 2026 notice into its seven festivals', () => {
    const parsed = parseHolidayNotice(NOTICE_2026, 2000);
    expect(parsed.year).toBe(2026);
    expect(parsed.problems).toEqual([]);
    expect(parsed.festivals).toEqual([
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
      {
        name: '春节',
        from: '2026-02-15',
        to: '2026-02-23',
        workdays: ['2026-02-14', '2026-02-28'],
      },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
      {
        name: '国庆节',
        from: '2026-10-01',
        to: '2026-10-07',
        workdays: ['2026-09-20', '2026-10-10'],
      },
    ]);
  });

  it.each([
    [2024, NOTICE_2024],
    [2025, NOTICE_2025],
    [2026, NOTICE_2026],
  ])('gives every day of %i the same working or not as the built-in data', (year, text) => {
    const parsed = parseHolidayNotice(text, year);
    const entered = new HolidayCalendar();
    entered.setArrangements([{ year, festivals: parsed.festivals }]);
    const differing = everyDay(year).filter(
      (d) => entered.isWorkingDay(d) !== BUILTIN_HOLIDAYS.isWorkingDay(d),
    );
    expect(differing).toEqual([]);
  });

  it('reads a range across months and a combined festival name', () => {
    const { festivals } = parseHolidayNotice(NOTICE_2025, 2025);
    expect(festivals.find((f) => f.name === '端午节')).toMatchObject({
      from: '2025-05-31',
      to: '2025-06-02',
    });
    expect(festivals.at(-1)).toMatchObject({ name: '国庆节、中秋节', to: '2025-10-08' });
  });

  it('does not take a date in brackets for a workday', () => {
    const spring = parseHolidayNotice(NOTICE_2024, 2024).festivals[1];
    expect(spring?.workdays).toEqual(['2024-02-04', '2024-02-18']);
  });

  it('puts 元旦 days in December into the year before, and reads full-width digits', () => {
    const parsed = parseHolidayNotice(
      '一、元旦：１２月３０日至１月１日放假调休，共3天。12月29日（周日）上班。',
      2030,
    );
    expect(parsed.year).toBeNull();
    expect(parsed.festivals).toEqual([
      { name: '元旦', from: '2029-12-30', to: '2030-01-01', workdays: ['2029-12-29'] },
    ]);
  });

  it('says what it could not read', () => {
    expect(parseHolidayNotice('春节放假七天', 2027).problems).toEqual([{ item: null }]);
    expect(parseHolidayNotice('一、春节：另行通知。', 2027)).toEqual({
      year: null,
      festivals: [],
      problems: [{ item: '一、春节' }],
    });
  });
});
