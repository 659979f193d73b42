/**
 * Hot topics (issue 5): derives models/topic-idf.json from ../shared/data (document frequencies of
 * jieba words over the TipDM hot messages and classified messages; words in the corpus that the
 * stopword list names get idf 0) and prints how the clustering threshold was tuned: each setting
 * clusters the 4,326 hot messages in time order, and for groups of messages known to be about one
 * matter (found at run time by the words below, in the title) shows how much of the group lands
 * in one topic (recall) and how much of that topic is about the matter (purity).
 *
 *   node --import tsx scripts/train-topics.ts            # write the idf file, sweep
 *   node --import tsx scripts/train-topics.ts --no-write # sweep with the committed idf file
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { segmenter } from '../src/ingest/segment.js';
import { normalise } from '../src/ingest/normalise.js';
import { packageRoot } from '../src/lib/paths.js';
import { TopicClusterer } from '../src/nlp/topics/clusterer.js';
import { DEFAULT_CLUSTER, topicKeywords, type Topic } from '../src/nlp/topics/topic.js';
import { DEFAULT_VECTOR, representativeText } from '../src/nlp/topics/documents.js';
import {
  IDF_FILE,
  IDF_FORMAT,
  idfFromFile,
  type IdfFile,
  type TopicIdf,
  vectorize,
} from '../src/nlp/topics/vectors.js';

const print = (line: string) => process.stdout.write(`${line}\n`);
const DATA = join(packageRoot, '..', 'shared', 'data');
const MIN_DF = 2;

interface Message {
  id: number;
  title: string | null;
  body: string;
  time: string | null;
  likes: number | null;
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(join(DATA, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const hot = readJsonl<Message>('tipdm2020c-hot-messages/data.jsonl');
const classified = readJsonl<{ title: string | null; body: string; label: string }>(
  'tipdm2020c-classify/train.jsonl',
);
const seg = segmenter();
const wordsOf = (m: { title: string | null; body: string }) => {
  const title = normalise(m.title ?? '');
  const body = normalise(m.body);
  return seg.words(title ? `${title}\n${body}` : body);
};

function deriveIdf(): IdfFile {
  const t0 = performance.now();
  const df = new Map<string, number>();
  const docs = [...hot, ...classified];
  for (const m of docs) for (const w of new Set(wordsOf(m))) df.set(w, (df.get(w) ?? 0) + 1);
  const stop = new Set(
    readJsonl<{ word: string }>('stopwords-zh/data.jsonl').map((s) => s.word.toLowerCase()),
  );
  const byDf: Record<string, string[]> = {};
  const zero: string[] = [];
  for (const [w, n] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Only words the corpus has: the stopword list itself stays out of the repository.
    if (stop.has(w)) zero.push(w);
    else if (n >= MIN_DF) (byDf[String(n)] ??= []).push(w);
  }
  const kept = Object.values(byDf).reduce((s, ws) => s + ws.length, 0);
  const generic = genericWords(stop);
  print(
    `idf: ${docs.length} documents, ${df.size} distinct words, ${kept} with df >= ${MIN_DF}, ` +
      `${zero.length} stopwords at idf 0, ${generic.length} generic words ` +
      `(${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return {
    format: IDF_FORMAT,
    docs: docs.length,
    minDf: MIN_DF,
    byDf: Object.fromEntries(Object.entries(byDf).map(([k, ws]) => [k, ws.join(' ')])),
    zero: zero.join(' '),
    generic: generic.join(' '),
  };
}

/** A word is generic when it is in this many labelled messages or more … */
const GENERIC_MIN_DF = 15;
/** … and spread this evenly over the categories (normalised entropy of its per-category rates). */
const GENERIC_ENTROPY = 0.9;

/**
 * Words frequent in the labelled messages and spread evenly over all seven categories (作为, 导致,
 * 很大, 国家, 电话): they say nothing of what a period's posts are about, so key words leave them
 * out (keywords.ts). Each category's share of messages with the word is compared, not the raw
 * counts, so a large category does not make its words look concentrated.
 */
function genericWords(stop: ReadonlySet<string>): string[] {
  const labels = [...new Set(classified.map((m) => m.label))];
  const sizes = labels.map((l) => classified.filter((m) => m.label === l).length);
  const counts = new Map<string, number[]>();
  for (const m of classified) {
    const y = labels.indexOf(m.label);
    for (const w of new Set(wordsOf(m))) {
      const c = counts.get(w) ?? labels.map(() => 0);
      c[y] = (c[y] as number) + 1;
      counts.set(w, c);
    }
  }
  const entropy = (c: number[]) => {
    const rates = c.map((n, y) => n / (sizes[y] as number));
    const total = rates.reduce((a, b) => a + b, 0);
    const h = rates.reduce((a, r) => (r > 0 ? a - (r / total) * Math.log(r / total) : a), 0);
    return h / Math.log(labels.length);
  };
  return [...counts]
    .filter(
      ([w, c]) =>
        !stop.has(w) &&
        c.reduce((a, b) => a + b, 0) >= GENERIC_MIN_DF &&
        entropy(c) >= GENERIC_ENTROPY,
    )
    .map(([w]) => w)
    .sort();
}

/** Groups of messages about one matter: every word of `all` in the title; `anchor` for purity. */
const GROUPS: { name: string; all: RegExp[]; anchor: RegExp }[] = [
  { name: '伊景园车位', all: [/伊景园|滨河苑/, /车位/], anchor: /伊景园|滨河苑/ },
  { name: '丽发新城搅拌站', all: [/丽发/, /搅拌/], anchor: /搅拌/ },
  { name: '58车贷', all: [/58车贷/], anchor: /58车贷/ },
  { name: '魅力之城开裂', all: [/魅力之城/, /开裂|裂/], anchor: /魅力之城/ },
  { name: '绿地海外滩高铁', all: [/海外滩/, /高铁/], anchor: /海外滩|高铁/ },
  { name: '月亮岛路高压线', all: [/月亮岛/, /高压/], anchor: /高压/ },
];

// Segmented once; each setting only re-weighs the words.
const ordered = [...hot].sort((a, b) => Date.parse(a.time ?? '') - Date.parse(b.time ?? ''));
const segmented = ordered.map((m) => ({
  m,
  words: wordsOf(m),
  titleWords: seg.words(normalise(m.title ?? '')),
}));

interface Setting {
  threshold: number;
  mergeThreshold: number;
  titleBoost: number;
  windowDays: number;
  /** As an import meets them: file order in batches of 100, each batch in time order. */
  shuffled?: boolean;
}

function cluster(idf: TopicIdf, s: Setting) {
  const docs = segmented.map(({ m, words, titleWords }) => ({
    postId: m.id,
    vector: vectorize(words, titleWords, idf, { titleBoost: s.titleBoost }),
    text: representativeText(m.title, m.body),
    postedAt: Date.parse(m.time ?? ''),
    likes: m.likes,
    replies: null,
  }));
  if (s.shuffled) {
    const position = new Map(hot.map((m, i) => [m.id, i]));
    docs.sort((a, b) => (position.get(a.postId) ?? 0) - (position.get(b.postId) ?? 0));
    for (let i = 0; i < docs.length; i += 100) {
      const batch = docs.slice(i, i + 100).sort((a, b) => a.postedAt - b.postedAt);
      docs.splice(i, batch.length, ...batch);
    }
  }
  const t0 = performance.now();
  const c = new TopicClusterer({
    threshold: s.threshold,
    mergeThreshold: s.mergeThreshold,
    windowMs: s.windowDays * 86_400_000,
  });
  const topicOf = new Map<number, Topic>();
  docs.forEach((d, i) => {
    if (i % 200 === 0 && !s.shuffled) c.expireBefore(d.postedAt);
    topicOf.set(d.postId, c.assign(d).topic);
  });
  for (const [id, t] of topicOf) topicOf.set(id, c.resolve(t));
  return { topicOf, topics: c.topics, ms: performance.now() - t0 };
}

function report(idf: TopicIdf, s: Setting): void {
  const { topicOf, topics, ms } = cluster(idf, s);
  const members = new Map<Topic, Message[]>();
  for (const m of hot) {
    const t = topicOf.get(m.id) as Topic;
    const list = members.get(t);
    if (list) list.push(m);
    else members.set(t, [m]);
  }
  const singletons = topics.filter((t) => t.size === 1).length;
  const parts: string[] = [];
  const grouped = new Set<Topic>();
  let score = 0;
  for (const g of GROUPS) {
    const group = hot.filter((m) => g.all.every((re) => re.test(m.title ?? '')));
    const counts = new Map<Topic, number>();
    for (const m of group) {
      const t = topicOf.get(m.id) as Topic;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const [mode, n] = [...counts].sort((a, b) => b[1] - a[1])[0] as [Topic, number];
    grouped.add(mode);
    const inMode = members.get(mode) ?? [];
    const pure = inMode.filter((m) => g.anchor.test(`${m.title ?? ''}${m.body}`)).length;
    const recall = n / group.length;
    const purity = pure / inMode.length;
    score += (2 * recall * purity) / (recall + purity);
    parts.push(`${g.name} ${n}/${group.length} in one, purity ${pure}/${inMode.length}`);
  }
  // The biggest topics no group explains: where unrelated posts start to merge (by key words).
  const others = topics
    .filter((t) => !grouped.has(t))
    .sort((a, b) => b.size - a.size)
    .slice(0, 3)
    .map((t) => `${t.size} [${topicKeywords(t, 4).join(' ')}]`);
  print(
    `threshold ${s.threshold.toFixed(2)} merge ${s.mergeThreshold.toFixed(2)} ` +
      `title x${s.titleBoost} window ${s.windowDays} d${s.shuffled ? ' shuffled' : ''}: ` +
      `${topics.length} topics, ${singletons} singletons, ` +
      `mean F1 ${(score / GROUPS.length).toFixed(3)}, ${((hot.length / ms) * 1000).toFixed(0)} posts/s`,
  );
  print(`  ${parts.join('; ')}`);
  print(`  next biggest: ${others.join('; ')}`);
}

const write = !process.argv.includes('--no-write');
let idf: TopicIdf;
if (write) {
  const file = deriveIdf();
  writeFileSync(IDF_FILE, JSON.stringify(file) + '\n');
  print(`wrote ${IDF_FILE}`);
  idf = idfFromFile(file);
} else {
  idf = idfFromFile(JSON.parse(readFileSync(IDF_FILE, 'utf8')) as IdfFile);
}
print(
  `clustering ${hot.length} hot messages in time order, ${DEFAULT_CLUSTER.centroidTerms} centroid terms`,
);
const shipped: Setting = {
  threshold: DEFAULT_CLUSTER.threshold,
  mergeThreshold: DEFAULT_CLUSTER.mergeThreshold,
  titleBoost: DEFAULT_VECTOR.titleBoost,
  windowDays: DEFAULT_CLUSTER.windowMs / 86_400_000,
};
for (const titleBoost of [1, 2, 3]) {
  for (const threshold of [0.2, 0.25, 0.3, 0.35, 0.4, 0.5])
    report(idf, { ...shipped, threshold, titleBoost });
}
for (const windowDays of [3, 14]) report(idf, { ...shipped, windowDays });
// Merging matters when posts arrive out of time order; 1 never merges.
for (const mergeThreshold of [1, 0.6, 0.5, 0.45, 0.4]) {
  report(idf, { ...shipped, mergeThreshold, shuffled: true });
  report(idf, { ...shipped, mergeThreshold });
}
print(
  `shipped: threshold ${DEFAULT_CLUSTER.threshold}, title x${DEFAULT_VECTOR.titleBoost}, ` +
    `merge ${DEFAULT_CLUSTER.mergeThreshold}, window ${DEFAULT_CLUSTER.windowMs / 86_400_000} d (src/nlp/topics)`,
);
