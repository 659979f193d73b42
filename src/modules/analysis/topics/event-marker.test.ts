import { describe, expect, it } from 'vitest';
import { segmenter } from '../../../ingest/segment.js';
import { TopicClusterer } from '../../../nlp/topics/clusterer.js';
import { DEFAULT_VECTOR, topicDoc } from '../../../nlp/topics/documents.js';
import { withLocalPlaces, topicIdf } from '../../../nlp/topics/vectors.js';
import { eventMarker } from './event-marker.js';

const PLACES = ['云溪镇', '云溪', '青石村', '柳塘村', '柳溪村'];
const marker = eventMarker(PLACES, '云溪镇');
const seg = segmenter(PLACES);
const idf = withLocalPlaces(topicIdf(), PLACES);
const T0 = Date.parse('2026-11-27T23:30:00+08:00');
let nextId = 1;
const doc = (minute: number, body: string) =>
  topicDoc(
    { postId: nextId++, title: null, body, postedAt: T0 + minute * 60_000, likes: null },
    seg,
    idf,
    DEFAULT_VECTOR,
    marker,
  );

describe('eventMarker', () => {
  it('reads the kinds, follow-ups and places of a short post, without its links', () => {
    expect(marker('青石村菜市场起火，二楼还有人被困 http://img.example.cn/p/2.jpg')).toMatchObject({
      kinds: ['fire', 'casualty'],
      follows: [],
      places: ['青石村'],
      short: true,
    });
    const grams = marker('青石村菜市场着火了')?.grams ?? [];
    expect(grams).toEqual(expect.arrayContaining(['菜市', '市场']));
    // Neither the place nor the words that gave the kind are its characters.
    expect(grams.some((g) => /青|石村|着火/.test(g))).toBe(false);
    expect(marker('消防车来了三辆')).toMatchObject({ kinds: [], follows: ['fire'] });
    // The township's own name is no place apart from its villages.
    expect(marker('云溪镇青石村那边着火了')?.places).toEqual(['青石村']);
  });

  it('reads the sites a post names apart from its village, and no site in a road or a scene', () => {
    expect(marker('柳溪村砖厂的工棚着火了，火光冲天')?.sites).toEqual(['砖厂']);
    expect(marker('柳溪村农贸市场东区着火了，浓烟滚滚')?.sites).toEqual(['农贸市场']);
    // A plain 小区 or 仓库 takes the name before it; a direction or a count is no name.
    expect(marker('柳溪村幸福小区三栋燃气泄漏')?.sites).toEqual(['幸福小区']);
    expect(marker('柳溪村东头一处废品仓库起火了')?.sites).toEqual(['废品仓库']);
    expect(marker('柳溪村西边化工厂刚才爆炸了')?.sites).toEqual(['化工厂']);
    // Where the smoke or the hurt went is no site of the event.
    expect(marker('菜市场的火好大，浓烟飘到学校那边了')?.sites).toEqual(['菜市场']);
    expect(marker('砖厂着火，受伤的工人送到医院了')?.sites).toEqual(['砖厂']);
    expect(marker('解放路口一家饭店着火了')?.sites).toEqual(['解放路', '饭店']);
    // 路上, 堵路 and 现场 name no site.
    expect(marker('柳溪村后山突发山洪，河水暴涨冲到路上')?.sites).toEqual([]);
    expect(marker('现场视频 菜市场大火')?.sites).toEqual(['菜市场']);
    expect(marker('柳溪村着火了，火很大')?.sites).toEqual([]);
  });

  it('leaves out complaints with no urgent signal, and a fire lane with a fire engine in it', () => {
    expect(marker('青石村菜市场旁边的小区停水了')).toBeNull();
    expect(marker('小区消防车通道被私家车占了')).toBeNull();
    expect(marker('一大段'.repeat(30) + '着火了')?.short).toBe(false);
  });
});

describe('short posts on sudden events in the clusterer', () => {
  it('joins a placeless post to the one fire burning, not to either of two', () => {
    const c = new TopicClusterer();
    const market = c.assign(doc(0, '青石村菜市场着火了，浓烟很大')).topic;
    expect(c.assign(doc(2, '集市那边起火了有人被困吗')).topic).toBe(market);
    expect(c.assign(doc(3, '消防车来了三辆')).topic).toBe(market);
    const farm = c.assign(doc(60, '柳塘村养殖场着火了，浓烟很大')).topic;
    expect(farm).not.toBe(market);
    // Two fires burning: a post naming neither could be about either.
    const which = c.assign(doc(62, '又起火了？')).topic;
    expect([market, farm]).not.toContain(which);
    // Its characters tell: 养殖场 is the farm's.
    expect(c.assign(doc(63, '养殖场里还有人被困')).topic).toBe(farm);
  });

  it('keeps apart two fires of one village at two sites, and joins the posts of each', () => {
    const c = new TopicClusterer();
    const bricks = c.assign(doc(0, '柳溪村砖厂的工棚着火了，火光冲天，工人宿舍就在旁边。')).topic;
    const market = c.assign(doc(10, '柳溪村农贸市场东区着火了，浓烟滚滚，消防车刚到。')).topic;
    expect(market).not.toBe(bricks);
    // The same site worded a little differently: 市场 is the 农贸市场, 红星砖厂 the 砖厂.
    expect(c.assign(doc(12, '市场那边全是烟，二楼还有人被困')).topic).toBe(market);
    expect(c.assign(doc(13, '红星砖厂那边还在着火')).topic).toBe(bricks);
    expect(c.assign(doc(14, '柳溪村农贸市场起火了，好多人在围观')).topic).toBe(market);
    // Another named school is another site, and another fire.
    const school = c.assign(doc(15, '柳溪村中心小学着火了')).topic;
    expect([bricks, market]).not.toContain(school);
  });

  it('joins a post that names no site to the fire of its village, and a site to a fire that named none', () => {
    const c = new TopicClusterer();
    const fire = c.assign(doc(0, '柳溪村着火了，火很大')).topic;
    // The first reports are vague: the brick works named later is that fire.
    expect(c.assign(doc(3, '柳溪村砖厂着火了，火光冲天')).topic).toBe(fire);
    expect(c.assign(doc(5, '柳溪村那边火光冲天，消防车来了')).topic).toBe(fire);
    // A second site of that village is a second fire, and the posts on it follow it.
    const market = c.assign(doc(20, '柳溪村农贸市场着火了，浓烟滚滚')).topic;
    expect(market).not.toBe(fire);
    expect(c.assign(doc(22, '农贸市场二楼有人被困')).topic).toBe(market);
    expect(c.assign(doc(23, '砖厂那边还有人被困吗')).topic).toBe(fire);
  });

  it('keeps apart two kinds of accident in one village the same hour', () => {
    const c = new TopicClusterer();
    const blast = c.assign(doc(0, '柳塘村化工厂爆炸了，窗户都震碎了')).topic;
    const gas = c.assign(doc(5, '柳塘村幸福小区燃气泄漏，整栋楼都是味道')).topic;
    expect(gas).not.toBe(blast);
    expect(c.assign(doc(9, '柳塘村化工厂又爆炸了一次')).topic).toBe(blast);
  });

  it('does not start an event with a follow-up, nor join one hours later', () => {
    const c = new TopicClusterer();
    const drill = c.assign(doc(0, '消防员今天来学校讲课')).topic;
    expect(drill.event).toBeNull();
    const fire = c.assign(doc(30, '菜市场着火了')).topic;
    expect(fire).not.toBe(drill);
    expect(c.assign(doc(40, '消防车来了三辆')).topic).toBe(fire);
    // Three hours after the last post on it, the fire is no longer what the firemen are about.
    expect(c.assign(doc(40 + 180, '消防队的人还在楼下')).topic).not.toBe(fire);
  });
});
