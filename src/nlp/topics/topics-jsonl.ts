import type { Segmenter } from '../../ingest/segment.js';
import { burstAt, DEFAULT_BURST } from './burst.js';
import { TopicClusterer } from './clusterer.js';
import { topicKeywords, type ClusterOptions, type Topic } from './topic.js';
import { DEFAULT_VECTOR, topicDoc } from './documents.js';
import type { EventMarker } from './events.js';
import { heatAt } from './heat.js';
import { topicIdf, withLocalPlaces, type TopicIdf } from './vectors.js';

/** One line of `yuqing topics` read: a post, or why the line is not one. */
type ParsedLine =
  | {
      ok: true;
      id: string | number;
      title: string | null;
      body: string;
      time: number | null;
      likes: number | null;
    }
  | { ok: false; id: string | number | null; error: string };

export function parseTopicLine(raw: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, id: null, error: raw.trim() ? '不是有效的 JSON' : '空行' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, id: null, error: '应为 JSON 对象 { id, title?, body, time?, likes? }' };
  const v = value as Record<string, unknown>;
  const id = typeof v.id === 'string' || typeof v.id === 'number' ? v.id : null;
  if (id === null) return { ok: false, id: null, error: '缺少 id（字符串或数字）' };
  if (typeof v.body !== 'string') return { ok: false, id, error: '缺少 body（正文）' };
  if (v.title !== undefined && v.title !== null && typeof v.title !== 'string')
    return { ok: false, id, error: 'title（标题）应为字符串' };
  let time: number | null = null;
  if (v.time !== undefined && v.time !== null) {
    time = typeof v.time === 'string' ? Date.parse(v.time) : NaN;
    if (Number.isNaN(time))
      return {
        ok: false,
        id,
        error: 'time（发布时间）应为 ISO 8601 时间，如 2019-08-01T10:00:00+08:00',
      };
  }
  let likes: number | null = null;
  if (v.likes !== undefined && v.likes !== null) {
    if (typeof v.likes !== 'number' || !Number.isInteger(v.likes) || v.likes < 0)
      return { ok: false, id, error: 'likes（点赞数）应为非负整数' };
    likes = v.likes;
  }
  return { ok: true, id, title: v.title ?? null, body: v.body, time, likes };
}

export interface TopicsRunOptions {
  seg: Segmenter;
  /** For posts without a time, and the heat reference when no post has one. */
  now: number;
  /** The heat reference time; the latest post time by default. */
  at?: number;
  idf?: TopicIdf;
  /**
   * The jurisdiction's place names (`--places`), weighed as common words (withLocalPlaces); the
   * segmenter should know them as words too.
   */
  places?: readonly string[];
  cluster?: Partial<ClusterOptions>;
  /** Reads posts as parts of sudden events (events.ts); without it, the cosine alone decides. */
  marker?: EventMarker;
}

export interface TopicSummary {
  topic: number;
  label: string;
  keywords: string[];
  size: number;
  likes: number;
  heat: number;
  first: string;
  last: string;
  /** The last time the topic was bursting, and its ratio then (burst.ts). */
  burstAt: string | null;
  burstRatio: number | null;
}

export interface TopicsRun {
  /** One line per input line, in the same order: `{ id, topic }` or `{ id, error }`. */
  lines: string[];
  /** Hottest first. */
  summary: TopicSummary[];
}

/**
 * `yuqing topics`: clusters the posts of JSON lines in order of post time (as they would have
 * arrived), numbering topics 1, 2, … in the order they appear.
 */
export function runTopics(raw: readonly string[], options: TopicsRunOptions): TopicsRun {
  const parsed = raw.map(parseTopicLine);
  const idf = withLocalPlaces(options.idf ?? topicIdf(), options.places ?? []);
  const order = parsed
    .flatMap((p, i) => (p.ok ? [{ p, i, at: p.time ?? options.now }] : []))
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const clusterer = new TopicClusterer(options.cluster);
  const topicOf = new Map<number, Topic>();
  const numbers = new Map<Topic, number>();
  const times = new Map<Topic, number[]>();
  const bursts = new Map<Topic, { at: number; ratio: number }>();
  let last = -Infinity;
  order.forEach(({ p, i, at }, n) => {
    // Topics past the window take no more posts of a time-ordered stream: out of the index.
    if (n % 256 === 0) clusterer.expireBefore(at);
    const doc = topicDoc(
      { postId: i, title: p.title, body: p.body, postedAt: at, likes: p.likes },
      options.seg,
      idf,
      DEFAULT_VECTOR,
      options.marker,
    );
    const { topic, created } = clusterer.assign(doc);
    if (created) numbers.set(topic, numbers.size + 1);
    topicOf.set(i, topic);
    // A merge hands the absorbed topic's post times and burst to the survivor.
    for (const [absorbed, into] of clusterer.absorbed) {
      if (!numbers.has(absorbed)) continue;
      numbers.delete(absorbed);
      const survivor = clusterer.resolve(into);
      times.set(survivor, [...(times.get(survivor) ?? []), ...(times.get(absorbed) ?? [])]);
      times.delete(absorbed);
      const a = bursts.get(absorbed);
      const s = bursts.get(survivor);
      if (a && (!s || s.at < a.at)) bursts.set(survivor, a);
      bursts.delete(absorbed);
    }
    const ts = times.get(topic) ?? [];
    ts.push(at);
    times.set(topic, ts);
    const b = burstAt(ts, at, DEFAULT_BURST);
    if (b.burst) bursts.set(topic, { at, ratio: b.ratio });
    last = Math.max(last, at);
  });
  const ref = options.at ?? (Number.isFinite(last) ? last : options.now);
  const lines = parsed.map((p, i) => {
    if (!p.ok) return JSON.stringify({ id: p.id, error: p.error });
    return JSON.stringify({
      id: p.id,
      topic: numbers.get(clusterer.resolve(topicOf.get(i) as Topic)),
    });
  });
  // By rank: the order of heat at any reference time, exact where rounded heats tie.
  const summary = [...numbers]
    .sort(([a, x], [b, y]) => b.heatRank - a.heatRank || b.size - a.size || x - y)
    .map(([t, number]): TopicSummary => {
      const burst = bursts.get(t);
      return {
        topic: number,
        label: t.representative?.text ?? '',
        keywords: topicKeywords(t),
        size: t.size,
        likes: t.likes,
        heat: heatAt(t.heatRank, ref, clusterer.options.halfLifeMs),
        first: new Date(t.firstAt).toISOString(),
        last: new Date(t.lastAt).toISOString(),
        burstAt: burst ? new Date(burst.at).toISOString() : null,
        burstRatio: burst?.ratio ?? null,
      };
    });
  return { lines, summary };
}
