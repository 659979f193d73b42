import { describe, expect, it } from 'vitest';
import { segmenter } from '../../ingest/segment.js';
import { TopicClusterer } from './clusterer.js';
import { DEFAULT_CLUSTER, newTopic, topicKeywords, type TopicDoc } from './topic.js';
import { topicDoc } from './documents.js';
import { idfFromFile, IDF_FORMAT, topTerms } from './vectors.js';

const seg = segmenter();
const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T09:00:00+08:00');

let nextId = 1;
const post = (title: string, body: string, day = 0, likes = 0): TopicDoc =>
  topicDoc({ postId: nextId++, title, body, postedAt: T0 + day * DAY, likes }, seg);

describe('TopicClusterer on hand-written posts', () => {
  it('groups complaints about one matter and keeps unrelated ones apart', () => {
    const c = new TopicClusterer();
    const parking = [
      post(
        '翠湖花园开发商捆绑销售车位',
        '翠湖花园买房必须同时购买车位，捆绑销售，业主不同意就不给签合同。',
      ),
      post(
        '投诉翠湖花园强制捆绑车位',
        '翠湖花园开发商强制业主买房时捆绑购买车位，请住建部门查处。',
        1,
      ),
      post(
        '翠湖花园捆绑销售车位合法吗',
        '翠湖花园要求购房者捆绑购买车位，否则不卖房，这合法吗？',
        2,
      ),
    ];
    const noise = [
      post(
        '建设路夜间施工噪音扰民',
        '建设路工地每天夜里施工到凌晨两点，噪音很大，居民无法休息。',
        1,
      ),
      post('建设路工地夜间施工噪音太大', '建设路工地晚上一直施工，噪音扰民，孩子没法睡觉。', 2),
    ];
    const school = post('咨询小学一年级招生划片', '今年小学一年级招生的学区划片什么时候公布？', 2);
    const topicsOf = (docs: TopicDoc[]) => docs.map((d) => c.assign(d).topic);
    const p = topicsOf(parking);
    const n = topicsOf(noise);
    const s = c.assign(school).topic;
    expect(new Set(p).size).toBe(1);
    expect(new Set(n).size).toBe(1);
    expect(p[0]).not.toBe(n[0]);
    expect(s).not.toBe(p[0]);
    expect(s).not.toBe(n[0]);
    expect(c.topics).toHaveLength(3);
    expect(p[0]?.size).toBe(3);
  });

  it('labels a topic with its key words and the post nearest its centre', () => {
    const c = new TopicClusterer();
    const docs = [
      post('翠湖花园捆绑销售车位', '翠湖花园开发商捆绑销售车位，业主不买车位就不能买房。'),
      post('翠湖花园捆绑车位', '翠湖花园捆绑车位销售，强买强卖。', 1),
      post('投诉翠湖花园开发商', '翠湖花园开发商捆绑销售车位，还涨价。', 1),
    ];
    const topic = docs.map((d) => c.assign(d).topic)[0];
    if (!topic) throw new Error('no topic');
    const keywords = topicKeywords(topic, 5);
    expect(keywords).toEqual(expect.arrayContaining(['捆绑', '车位']));
    expect(keywords.some((w) => w.includes('翠湖'))).toBe(true);
    // Stopwords weigh nothing, so they are never key words.
    expect(keywords).not.toContain('的');
    expect(docs.map((d) => d.text)).toContain(topic.representative?.text);
    expect(topic.likes).toBe(0);
  });

  it('leaves single characters out of the key words, not out of the topic', () => {
    const c = new TopicClusterer();
    const docs = [
      post('楼下烧烤店太吵', '楼下烧烤店太吵，吵到半夜，吵得孩子睡不着。'),
      post('烧烤店半夜很吵', '烧烤店每天半夜都吵，吵死了。', 1),
    ];
    const topic = docs.map((d) => c.assign(d).topic)[0];
    if (!topic) throw new Error('no topic');
    // 吵 weighs second in the centroid, but a single character says too little to be shown; nor
    // does a time word (半夜), which weighs next.
    expect(topTerms(topic.centroid, 3).map(([w]) => w)).toContain('吵');
    const keywords = topicKeywords(topic, 3);
    expect(keywords).toEqual(['烧烤店', '太吵', '楼下']);
  });

  it('takes posts only within the window of post time, in either direction', () => {
    const c = new TopicClusterer({ windowMs: 7 * DAY });
    const first = c.assign(
      post('滨江路路灯不亮', '滨江路一段路灯晚上全部不亮，行人很危险。', 0),
    ).topic;
    const sameWeek = c.assign(
      post('滨江路路灯坏了', '滨江路路灯不亮已经一周，晚上很危险。', 6),
    ).topic;
    expect(sameWeek).toBe(first);
    // 8 days after the last post: the topic is closed, a new one starts.
    const later = c.assign(post('滨江路路灯又不亮了', '滨江路路灯晚上不亮，很危险。', 14)).topic;
    expect(later).not.toBe(first);
    // An imported post from before the first one, within the window, still joins.
    const earlier = c.assign(post('滨江路路灯不亮', '滨江路路灯不亮，晚上很危险。', -3)).topic;
    expect(earlier).toBe(first);
    expect(first.firstAt).toBe(T0 - 3 * DAY);
  });

  it('puts a near-duplicate into its original topic whatever it says', () => {
    const c = new TopicClusterer();
    const topic = c.assign(post('滨江路路灯不亮', '滨江路路灯晚上全部不亮。')).topic;
    const other = post('咨询小学招生', '小学一年级招生什么时候开始？', 30);
    expect(c.best(other)).toBeNull();
    expect(c.assign(other, topic).topic).toBe(topic);
    expect(topic.size).toBe(2);
    expect(topic.lastAt).toBe(T0 + 30 * DAY);
  });

  it('forgets expired topics, until a near-duplicate revives one', () => {
    const c = new TopicClusterer({ windowMs: 7 * DAY });
    const lamp = () => post('滨江路路灯不亮', '滨江路路灯晚上全部不亮，行人很危险。', 20);
    const topic = c.assign(post('滨江路路灯不亮', '滨江路路灯晚上全部不亮。', 0)).topic;
    c.expireBefore(T0 + 20 * DAY);
    expect(c.best(lamp())).toBeNull();
    c.assign(post('其他', '无关的内容', 20), topic);
    expect(c.best(lamp())?.topic).toBe(topic);
  });
});

describe('merging topics', () => {
  const parking = (day: number, n: number) =>
    post(
      `翠湖花园捆绑销售车位${n}`,
      `翠湖花园开发商要求买房必须捆绑购买车位，不买车位不卖房，业主很无奈。`,
      day,
    );

  it('merges two topics of one matter once a post bridges their time spans', () => {
    const c = new TopicClusterer({ windowMs: 7 * DAY });
    const early = c.assign(parking(0, 1)).topic;
    // Twelve days later: past the early topic's window, so a second topic starts.
    const late = c.assign(parking(12, 2)).topic;
    expect(late).not.toBe(early);
    const bridge = c.assign(parking(6, 3)).topic;
    expect(c.topics).toHaveLength(1);
    expect(c.resolve(early)).toBe(bridge);
    expect(c.resolve(late)).toBe(bridge);
    expect(bridge).toMatchObject({ size: 3, firstAt: T0, lastAt: T0 + 12 * DAY });
    expect([...c.absorbed.keys()]).toHaveLength(1);
  });

  it('keeps the stored topic when a new one merges with it', () => {
    const stored = newTopic(parking(12, 1), DEFAULT_CLUSTER, 7);
    const c = new TopicClusterer({ windowMs: 7 * DAY }, [stored]);
    const fresh = c.assign(parking(0, 2)).topic;
    c.assign(parking(1, 3));
    expect(fresh.id).toBeNull();
    c.assign(parking(6, 4));
    expect(c.resolve(fresh)).toBe(stored);
    expect(stored).toMatchObject({ id: 7, size: 4 });
  });

  it('does not merge topics on different matters', () => {
    const c = new TopicClusterer();
    c.assign(parking(0, 1));
    c.assign(post('建设路夜间施工噪音扰民', '建设路工地每天夜里施工，噪音很大，居民无法休息。', 1));
    c.assign(parking(1, 2));
    expect(c.topics).toHaveLength(2);
    expect(c.absorbed.size).toBe(0);
  });
});

describe('the inverted index', () => {
  it('finds the same topic and cosine as comparing with every topic', () => {
    // A made-up vocabulary with skewed frequencies, so topics share common terms.
    const words = Array.from({ length: 300 }, (_, i) => `词${i}`);
    const idf = idfFromFile({
      format: IDF_FORMAT,
      docs: 1000,
      minDf: 2,
      byDf: Object.fromEntries(words.map((w, i) => [String(2 + i * 3), w])),
      zero: '',
    });
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const c = new TopicClusterer({ threshold: 0.25 });
    let compared = 0;
    for (let i = 0; i < 600; i++) {
      const theme = Math.floor(random() * 40);
      const doc = Array.from({ length: 12 }, () => {
        const r = random();
        // Half the words from the post's theme, the rest from anywhere (mostly common ones).
        return r < 0.5
          ? (words[theme * 5 + Math.floor(random() * 5)] as string)
          : (words[Math.floor(random() ** 2 * words.length)] as string);
      });
      const d = topicDoc(
        { postId: i, title: null, body: '', words: doc, postedAt: T0 + i * 3600_000, likes: 0 },
        seg,
        idf,
      );
      const fast = c.best(d);
      const slow = c.bestBruteForce(d);
      expect(fast?.topic).toBe(slow?.topic);
      if (fast && slow) {
        expect(fast.score).toBeCloseTo(slow.score, 12);
        compared++;
      }
      c.assign(d);
      if (i % 50 === 0) c.expireBefore(d.postedAt);
    }
    expect(compared).toBeGreaterThan(500);
    expect(c.topics.length).toBeGreaterThan(20);
    expect(c.topics.length).toBeLessThan(500);
  });
});
