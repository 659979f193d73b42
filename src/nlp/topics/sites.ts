/**
 * Sites of a sudden event: the brick works (砖厂), the farmers' market (农贸市场), 幸福小区, the
 * school. One village may burn at two sites in one night, and the village's name alone cannot
 * tell the two fires apart; the site can. A site is read from jieba's words, not from a pattern
 * over characters: jieba already knows 农贸市场, 化工厂, 养猪场, 卫生院 as words, where a pattern
 * cannot tell where 集体堵路 or 一处废品仓库 begins. A word is a site when it ends in one of the
 * kinds of site below; a bare kind (小区, 仓库, 医院) takes the name word before it (幸福 小区 →
 * 幸福小区), since 幸福小区 and 阳光小区 are two sites and 小区 alone says which neither is.
 */

/** Kinds of site, the longest first where one ends another (市场 before 场). */
const KINDS = [
  '卫生院',
  '幼儿园',
  '养老院',
  '敬老院',
  '加油站',
  '村委会',
  '居委会',
  '市场',
  '商场',
  '广场',
  '学校',
  '小学',
  '中学',
  '大学',
  '医院',
  '诊所',
  '小区',
  '仓库',
  '工地',
  '公司',
  '超市',
  '饭店',
  '酒店',
  '宾馆',
  '餐馆',
  '网吧',
  '书店',
  '商店',
  '水库',
  '公园',
  '码头',
  '隧道',
  '大厦',
  '大桥',
  '国道',
  '省道',
  '煤矿',
  '厂',
  '场',
  '站',
  '桥',
  '路',
  '街',
  '寺',
  '庙',
  '矿',
] as const;

/** Words that end like a site and name none: where, not which (现场, 路上 end otherwise). */
const NOT_SITES: ReadonlySet<string> = new Set([
  '现场',
  '当场',
  '在场',
  '到场',
  '全场',
  '立场',
  '下场',
  '上场',
  '出场',
  '市场价',
  '网站',
  '车站',
  '消防站',
  '马路',
  '道路',
  '公路',
  '大路',
  '小路',
  '一路',
  '出路',
  '堵路',
  '修路',
  '走路',
  '过桥',
  '上街',
  '逛街',
]);

/** A road or a street named by one character (大街, 堵路) is none: 解放路, 新华街 are. */
const NAMED_LONGER: ReadonlySet<string> = new Set(['路', '街']);

/** jieba's classes of a word that can name a site (幸福, 人民, 废品, 东方): nouns, adjectives. */
const NAME_CLASS = /^(n|nz|nr|nt|j|a|s|l)$/;
/** Words of those classes that are no name: directions and where-words (西边, 门口, 附近). */
const NOT_NAMES = /(边|面|头|口|里|外|旁|近|内|上|下|前|后|处|方向)$/;

/**
 * Where someone or something went (送到医院, 浓烟飘到学校那边): a destination of the event, not
 * its site; the hurt taken to 医院 are of the fire at the 砖厂.
 */
const TOWARDS = /^(送|去|往|进|回|向)$|(到|往|去|向)$/;

const kindOf = (word: string) => KINDS.find((k) => word.endsWith(k));

/**
 * The sites named in a text's words, in order, without repeats. `wordClass` is jieba's class of a
 * word (Segmenter.wordClass); `skip` says which words are no name of a site (the places: 柳溪村
 * 砖厂 is the 砖厂 of 柳溪村, and the village is the event's place, not its site).
 */
export function sitesIn(
  words: readonly string[],
  wordClass: (word: string) => string,
  skip: (word: string) => boolean = () => false,
): string[] {
  const sites: string[] = [];
  words.forEach((word, i) => {
    const kind = kindOf(word);
    if (!kind || NOT_SITES.has(word) || skip(word)) return;
    if (TOWARDS.test(words[i - 1] ?? '')) return;
    let site = word;
    if (word === kind) {
      const before = words[i - 1];
      if (
        before &&
        before.length >= 2 &&
        /^[\u4e00-\u9fff]+$/.test(before) &&
        !skip(before) &&
        !kindOf(before) &&
        !NOT_NAMES.test(before) &&
        NAME_CLASS.test(wordClass(before))
      )
        site = before + word;
      else if (kind.length === 1) return;
    }
    if (NAMED_LONGER.has(kind) && site.length < 3) return;
    if (!sites.includes(site)) sites.push(site);
  });
  return sites;
}

/** Characters of a site's name that say nothing of which it is (第一小学, 东城小学 and 东方小学). */
const COMMON = /[第一二三四五六七八九十东西南北中上下前后新老大小镇村县市区]/g;

/**
 * Whether two sites are one: one name inside the other (市场 is the 农贸市场, 红星砖厂 the 砖厂), or
 * of one kind with a telling character in common (养殖场 and 养猪场: the 养 of the pig farm). Two
 * names of one kind and nothing else alike (幸福小区, 阳光小区; 菜市场, 农贸市场) are two sites:
 * telling of a fire twice costs less than not telling of the second.
 */
export function sameSite(a: string, b: string): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  const kind = kindOf(a);
  if (!kind || kind !== kindOf(b)) return false;
  const name = (s: string) => new Set(s.slice(0, -kind.length).replace(COMMON, ''));
  const other = name(b);
  return [...name(a)].some((c) => other.has(c));
}
