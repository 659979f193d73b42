/**
 * npm run train:reply-check: the reply-quality check of issue 5. Reads
 * ../shared/data/tipdm2020c-replies, reports 5-fold cross-validated ROC AUC of telling a message's
 * own reply from replies written for other messages (score, relevance, and a plain TF-IDF cosine
 * baseline), fits on all of it, writes models/reply-check.json (n-gram statistics and weights,
 * never the texts) and measures throughput.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../src/lib/paths.js';
import { rng, shuffle } from '../src/nlp/category/model.js';
import { checkReply } from '../src/nlp/reply-check/check-reply.js';
import { pairFeatures, type TextGrams } from '../src/nlp/reply-check/features.js';
import { rocAuc } from '../src/nlp/reply-check/logistic.js';
import { MODEL_FILE, parseModel, serializeModel } from '../src/nlp/reply-check/model.js';
import {
  defaultTrainOptions,
  prepare,
  samplePairs,
  trainReplyCheck,
  type RepliedMessage,
} from '../src/nlp/reply-check/train.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

const DATA = join(packageRoot, '..', 'shared', 'data', 'tipdm2020c-replies', 'train.jsonl');
const FOLDS = 5;
const SEED = 20200;
/** Replies of other messages per message in evaluation (the training draws its own). */
const NEGATIVES = 5;

const rows: RepliedMessage[] = readFileSync(DATA, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const v = JSON.parse(l) as { title: string | null; body: string; reply: string };
    return { title: v.title, body: v.body, reply: v.reply };
  });
let t0 = performance.now();
const data = prepare(rows);
print(
  `${rows.length} messages with replies; n-grams in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const order = shuffle(
  rows.map((_, i) => i),
  rng(SEED),
);
const fold = new Array<number>(rows.length).fill(0);
order.forEach((i, n) => (fold[i] = n % FOLDS));

interface Scored {
  label: number;
  score: number;
  relevance: number;
  completeness: number;
  explanation: number;
  tone: number;
  baseline: number;
  untitledRelevance: number;
  pointsAnswered: number;
  points: number;
}
const scored: Scored[] = [];

print(
  `\n${FOLDS}-fold cross-validation (seed ${SEED}): each test message with its own reply and ${NEGATIVES} ` +
    `replies of other test messages; idf and weights fitted on the other folds only`,
);
t0 = performance.now();
for (let f = 0; f < FOLDS; f++) {
  const train = rows.flatMap((_, i) => (fold[i] !== f ? [i] : []));
  const test = rows.flatMap((_, i) => (fold[i] === f ? [i] : []));
  const { model } = trainReplyCheck(rows, data, train);
  const foldScored: Scored[] = [];
  for (const p of samplePairs(test, NEGATIVES, SEED + f)) {
    const m = rows[p.message] as RepliedMessage;
    const reply = (rows[p.reply] as RepliedMessage).reply;
    const r = checkReply({ title: m.title, body: m.body, reply }, model);
    const untitled = checkReply({ title: null, body: `${m.title ?? ''}${m.body}`, reply }, model);
    const g = data.messages[p.message] as (typeof data.messages)[number];
    const baseline = pairFeatures(
      g.message,
      g.title,
      data.replies[p.reply] as TextGrams,
      model.idf,
    )[0] as number;
    foldScored.push({
      label: p.label,
      score: r.score,
      relevance: r.relevance,
      completeness: r.completeness,
      explanation: r.explanation,
      tone: r.tone,
      baseline,
      untitledRelevance: untitled.relevance,
      pointsAnswered: r.points.filter((x) => x.answered).length,
      points: r.points.length,
    });
  }
  const auc = (k: keyof Scored) =>
    rocAuc(
      foldScored.map((s) => s[k]),
      foldScored.map((s) => s.label),
    ).toFixed(4);
  print(
    `  fold ${f + 1}: AUC score ${auc('score')}, relevance ${auc('relevance')}, baseline ${auc('baseline')} ` +
      `(${test.length} messages, ${foldScored.length} pairs)`,
  );
  scored.push(...foldScored);
}
const labels = scored.map((s) => s.label);
const auc = (k: keyof Scored) =>
  rocAuc(
    scored.map((s) => s[k]),
    labels,
  );
const evaluation = {
  folds: FOLDS,
  negativesPerMessage: NEGATIVES,
  aucScore: Number(auc('score').toFixed(4)),
  aucRelevance: Number(auc('relevance').toFixed(4)),
  aucRelevanceUntitled: Number(auc('untitledRelevance').toFixed(4)),
  aucTfidfCosine: Number(auc('baseline').toFixed(4)),
  aucCompleteness: Number(auc('completeness').toFixed(4)),
};
print(`pooled over the folds (${((performance.now() - t0) / 1000).toFixed(1)} s):`);
print(`  ROC AUC score        ${evaluation.aucScore}`);
print(`  ROC AUC relevance    ${evaluation.aucRelevance}`);
print(`  ROC AUC relevance, title run into the body  ${evaluation.aucRelevanceUntitled}`);
print(`  ROC AUC completeness ${evaluation.aucCompleteness}`);
print(`  ROC AUC baseline (char-bigram TF-IDF cosine) ${evaluation.aucTfidfCosine}`);
print(
  `  (explanation ${auc('explanation').toFixed(4)} and tone ${auc('tone').toFixed(4)} look at the reply alone: ~0.5 expected)`,
);

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);
for (const label of [1, 0]) {
  const group = scored.filter((s) => s.label === label);
  const answered = group.reduce((s, x) => s + x.pointsAnswered, 0);
  const points = group.reduce((s, x) => s + x.points, 0);
  print(
    `  ${label ? 'own replies   ' : 'other replies '}: mean score ${mean(group.map((s) => s.score)).toFixed(3)}, ` +
      `relevance ${mean(group.map((s) => s.relevance)).toFixed(3)}, points answered ${(answered / points).toFixed(3)} ` +
      `(${(points / group.length).toFixed(2)} points per message), explanation ${mean(group.map((s) => s.explanation)).toFixed(3)}, ` +
      `tone ${mean(group.map((s) => s.tone)).toFixed(3)}`,
  );
}

// The committed model, on all the data.
t0 = performance.now();
const all = rows.map((_, i) => i);
const { model, documents } = trainReplyCheck(rows, data, all);
mkdirSync(join(packageRoot, 'models'), { recursive: true });
writeFileSync(MODEL_FILE, serializeModel(model, documents, defaultTrainOptions.minDf, evaluation));
print(
  `\nfinal model: ${model.idf.idf.size} n-grams, trained in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
    `wrote models/reply-check.json (${(statSync(MODEL_FILE).size / 1024 / 1024).toFixed(2)} MB)`,
);

// Throughput: the committed file, loaded as `yuqing reply-check` loads it.
t0 = performance.now();
const committed = parseModel(readFileSync(MODEL_FILE, 'utf8'));
print(`model load ${((performance.now() - t0) / 1000).toFixed(2)} s`);
const bench = samplePairs(all, 1, SEED);
t0 = performance.now();
const cpu = process.cpuUsage();
for (const p of bench) {
  const m = rows[p.message] as RepliedMessage;
  checkReply(
    { title: m.title, body: m.body, reply: (rows[p.reply] as RepliedMessage).reply },
    committed,
  );
}
const seconds = (performance.now() - t0) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
// CPU time as well as wall time: on a shared machine the wall clock also counts the others' work.
print(
  `throughput (one core, in-process): ${Math.round(bench.length / seconds)} pairs/s wall, ` +
    `${Math.round(bench.length / cpuSeconds)} pairs/s of CPU time ` +
    `(${bench.length} checks in ${seconds.toFixed(2)} s, ${((cpuSeconds / bench.length) * 1000).toFixed(2)} ms CPU each)`,
);
