/**
 * Analysis throughput (issue 5), one figure per line; never fails on time. Data is read at run
 * time from ../shared/data and never copied into the repository.
 *  - category classification (classifyCategories) over the 2,781 classified messages, posts/s;
 *  - hot topics, the pure algorithm over the 4,326 hot messages in time order: segmentation,
 *    TF-IDF and the event marks (as `yuqing topics` reads posts), then clustering alone, posts/s;
 *  - the topics analyser on PGlite: the same messages stored by the ingest pipeline (not timed),
 *    then assignTopics on the stored batches, as an import meets them (file order, batches of
 *    1,000) and as a live source does (time order, batches of 100), posts/s;
 *  - alert rules judged on arrival (alertAnalyser's evaluateAlertRules) on 3,000 hot messages
 *    re-dated over the last three days and stored first (so every rule's window is full), in
 *    batches of 100, ms per batch: with the demo township's rules (once a rule's alert is open,
 *    new posts leave it to the scheduled job), and with the same expressions never reaching their
 *    threshold (every batch measures every rule it matches: the most it costs).
 *
 *   node --import tsx bench/analysis.ts
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Database } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import type { StoredPost } from '../src/ingest/analysis-hook.js';
import { ingestPosts, type IncomingPost } from '../src/ingest/ingest-posts.js';
import { readPostsJsonl } from '../src/ingest/read-jsonl.js';
import { segmenter } from '../src/ingest/segment.js';
import { systemClock } from '../src/lib/clock.js';
import { packageRoot } from '../src/lib/paths.js';
import { evaluateAlertRules } from '../src/modules/analysis/alerts/evaluate-alert-rules.js';
import { DEMO_ALERT_RULES } from '../src/modules/analysis/alerts/seed-demo-alerts.js';
import { createAlertRule } from '../src/modules/analysis/alerts/save-alert-rule.js';
import { systemActor } from '../src/modules/access/actor.js';
import { assignTopics } from '../src/modules/analysis/topics/assign-topics.js';
import { classifyCategories } from '../src/nlp/category/classify.js';
import { TopicClusterer } from '../src/nlp/topics/clusterer.js';
import { DEFAULT_VECTOR, topicDoc } from '../src/nlp/topics/documents.js';
import { eventMarker } from '../src/modules/analysis/topics/event-marker.js';
import { topicIdf } from '../src/nlp/topics/vectors.js';
import type { AppContext } from '../src/server/context.js';
import { benchContext } from './context.js';

const DATA = join(packageRoot, '..', 'shared', 'data');
const print = (line: string) => process.stdout.write(line + '\n');
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000)} posts/s`;

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

function benchClassify(): void {
  const rows = readJsonl<{ title: string | null; body: string }>('tipdm2020c-classify/train.jsonl');
  classifyCategories(rows.slice(0, 50)); // loads the model
  const t0 = performance.now();
  classifyCategories(rows);
  const ms = performance.now() - t0;
  print(`classify: ${rows.length} messages in ${Math.round(ms)} ms, ${rate(rows.length, ms)}`);
}

function benchPureTopics(): void {
  const hot = readJsonl<Message>('tipdm2020c-hot-messages/data.jsonl').sort(
    (a, b) => Date.parse(a.time ?? '') - Date.parse(b.time ?? ''),
  );
  const seg = segmenter();
  const idf = topicIdf();
  const marker = eventMarker([], null);
  seg.words('预热'); // loads jieba's dictionary
  let t0 = performance.now();
  const docs = hot.map((m) =>
    topicDoc(
      {
        postId: m.id,
        title: m.title,
        body: m.body,
        postedAt: Date.parse(m.time ?? ''),
        likes: m.likes,
      },
      seg,
      idf,
      DEFAULT_VECTOR,
      marker,
    ),
  );
  let ms = performance.now() - t0;
  print(
    `topics, segment + TF-IDF: ${hot.length} messages in ${Math.round(ms)} ms, ${rate(hot.length, ms)}`,
  );
  t0 = performance.now();
  const c = new TopicClusterer();
  docs.forEach((d, i) => {
    if (i % 256 === 0) c.expireBefore(d.postedAt);
    c.assign(d);
  });
  ms = performance.now() - t0;
  print(
    `topics, clustering (time order): ${hot.length} messages in ${Math.round(ms)} ms, ` +
      `${rate(hot.length, ms)}, ${c.topics.length} topics`,
  );
}

/** Stores the messages through the pipeline and hands back the batches as analysers see them. */
async function storedBatches(ctx: AppContext, messages: IncomingPost[]): Promise<StoredPost[][]> {
  const batches: StoredPost[][] = [];
  await ingestPosts(ctx, messages, {
    sourceKey: 'bench:tipdm',
    batchSize: 1000,
    analysers: [
      {
        id: 'bench.capture',
        analyse: (_ctx, posts) => {
          batches.push([...posts]);
          return Promise.resolve();
        },
      },
    ],
  });
  return batches;
}

/** A migrated in-memory PGlite and a context on it, as the analysers run in. */
async function memoryContext(): Promise<{ database: Database; ctx: AppContext }> {
  const database = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await migrate(database.db);
  const ctx = benchContext(database);
  return { database, ctx };
}

async function hotMessages(): Promise<IncomingPost[]> {
  const messages: IncomingPost[] = [];
  for await (const chunk of readPostsJsonl(join(DATA, 'tipdm2020c-hot-messages', 'data.jsonl')))
    messages.push(...chunk);
  return messages;
}

async function benchTopicAnalyser(order: 'file' | 'time', batchSize: number): Promise<void> {
  const { database, ctx } = await memoryContext();
  try {
    const messages = await hotMessages();
    const stored = (await storedBatches(ctx, messages)).flat();
    if (order === 'time') stored.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
    const t0 = performance.now();
    for (let i = 0; i < stored.length; i += batchSize)
      await assignTopics(ctx, stored.slice(i, i + batchSize));
    const ms = performance.now() - t0;
    const topics = await database.db
      .selectFrom('topics')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    print(
      `topics analyser, PGlite, ${order} order, batches of ${batchSize}: ${stored.length} posts in ` +
        `${Math.round(ms)} ms, ${rate(stored.length, ms)}, ${Number(topics.n)} topics`,
    );
  } finally {
    await database.close();
  }
}

async function benchAlertsOnArrival(rules: 'demo' | 'unmet'): Promise<void> {
  const { database, ctx } = await memoryContext();
  try {
    for (const input of DEMO_ALERT_RULES)
      await createAlertRule({
        ctx,
        actor: systemActor('基准'),
        input: rules === 'demo' ? input : { ...input, minCount: 100_000 },
      });
    const messages = await hotMessages();
    const count = 3000;
    const now = systemClock.now().getTime();
    const recent = messages
      .slice(0, count)
      .map((m, i) => ({ ...m, url: null, postedAt: new Date(now - (count - i) * 80_000) }));
    const stored = (await storedBatches(ctx, recent)).flat();
    const batch = 100;
    let evaluated = 0;
    const t0 = performance.now();
    for (let i = 0; i < stored.length; i += batch)
      evaluated += (await evaluateAlertRules(ctx, { newPosts: stored.slice(i, i + batch) }))
        .evaluated;
    const ms = performance.now() - t0;
    const batches = Math.ceil(stored.length / batch);
    print(
      `alert rules on arrival, PGlite, the ${DEMO_ALERT_RULES.length} demo rules` +
        `${rules === 'demo' ? '' : ' never reaching their threshold'}, ${stored.length} posts of the ` +
        `last 3 days in batches of ${batch}: ${(ms / batches).toFixed(1)} ms per batch ` +
        `(${evaluated} rule evaluations in ${Math.round(ms)} ms)`,
    );
  } finally {
    await database.close();
  }
}

export async function benchAnalysis(): Promise<void> {
  benchClassify();
  benchPureTopics();
  await benchTopicAnalyser('file', 1000);
  await benchTopicAnalyser('time', 100);
  await benchAlertsOnArrival('demo');
  await benchAlertsOnArrival('unmet');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await benchAnalysis();
}
