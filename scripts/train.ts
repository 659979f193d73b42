/**
 * npm run train: the category classifier of issue 5. Reads ../shared/data/tipdm2020c-classify,
 * reports stratified 5-fold cross-validation (accuracy, macro-F1, per-class P/R/F1), trains on all
 * of it, writes models/category.json (weights only, never the texts) and measures throughput.
 * The model: characters, bigrams, title bigrams and the opening's characters and bigrams
 * (categoryTokens), sublinear TF-IDF, scaled per label by NB log-count ratios fitted on the
 * training folds only, then multinomial logistic regression; the scaling is folded into the
 * weights, so the file is an ordinary linear model. That model is distilled (distil.ts): a first
 * one, blended with the votes of the most similar labelled messages, labels the unlabelled
 * messages of the hot-messages and replies data softly, and the model written is trained on the
 * labelled messages plus those. In cross-validation the teacher sees the training folds only.
 *
 *   npm run train                 # CV + final model
 *   npm run train -- --grid       # also compare a few settings by CV (slower)
 */
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  categoryTokens,
  fitVocabulary,
  vectorize,
  type CategoryInput,
  type SparseVector,
  type Vocabulary,
} from '../src/nlp/category/features.js';
import {
  defaultTrainOptions,
  logCountRatios,
  probabilities,
  rng,
  shuffle,
  trainSoftmax,
  type LinearModel,
  type TrainOptions,
} from '../src/nlp/category/model.js';
import {
  distilModel,
  neighbourIndex,
  neighbourVotes,
  type DistilOptions,
  type NeighbourIndex,
} from '../src/nlp/category/distil.js';
import {
  CATEGORY_LABELS,
  DEFAULT_MIN_DF,
  DEFAULT_THRESHOLD,
  classifierFromFile,
  serialize,
} from '../src/nlp/category/classify.js';
import { packageRoot } from '../src/lib/paths.js';

/** The training report is this script's output, one figure per line, as the benchmarks print. */
const print = (line: string) => process.stdout.write(`${line}\n`);

const SHARED = join(packageRoot, '..', 'shared', 'data');
const DATA = join(SHARED, 'tipdm2020c-classify', 'train.jsonl');
/** Unlabelled messages from the same message board, for distillation. */
const UNLABELLED = [
  join(SHARED, 'tipdm2020c-hot-messages', 'data.jsonl'),
  join(SHARED, 'tipdm2020c-replies', 'train.jsonl'),
];
const OUT = join(packageRoot, 'models', 'category.json');
const FOLDS = 5;
const SEED = 20200;
/**
 * Further fold assignments, so the CV figure comes with its spread over the split. The split alone
 * moves macro-F1 by about ±0.005 here (2,781 messages): seeds 3, 4 and 5 gave 0.908 to 0.919 where
 * 20200, 1 and 2 gave 0.918 to 0.919, so three seeds were too few to report one figure.
 */
const MORE_SEEDS = [1, 2, 3, 4, 5];
/** L2 strength with log-count-ratio scaling (chosen by CV: 1e-5 to 3e-5 are within noise). */
const LAMBDA = 1e-5;

interface Setting extends Partial<TrainOptions> {
  /** Scale features by NB log-count ratios (logCountRatios) before training. */
  nb: boolean;
  /**
   * Add beta × the similarity-weighted labels of the k most similar training messages (TF-IDF
   * cosine) to the model's probabilities. Compared in --grid only: it needs every training
   * message's vector at run time, which would put the texts (as bigram bags) in the model file.
   */
  neighbours?: { k: number; beta: number };
  /** Distil: a teacher (this model + neighbour votes) labels the unlabelled messages softly. */
  distil?: DistilOptions;
}

/** Vocabulary and model from the given messages: the same for each fold and the final model. */
function fit(
  train: readonly number[],
  setting: Setting,
  minDf: number,
): { vocab: Vocabulary; model: LinearModel; xs: SparseVector[]; y: number[] } {
  const vocab = fitVocabulary(
    train.map((i) => docs[i] as string[]),
    minDf,
  );
  const xs = train.map((i) => vectorize(docs[i] as string[], vocab));
  const y = train.map((i) => ys[i] as number);
  const dim = vocab.idf.length;
  const { nb, neighbours: _, distil, ...options } = setting;
  const scale = nb ? logCountRatios(xs, y, labels.length, dim) : undefined;
  const model = trainSoftmax(xs, y, labels, dim, { ...options, scale });
  if (!distil) return { vocab, model, xs, y };
  const unlabelled = unlabelledDocs.map((d) => vectorize(d, vocab));
  const student = distilModel(model, { xs, ys: y }, unlabelled, distil, { ...options, scale });
  return { vocab, model: student, xs, y };
}

/** The probabilities plus beta × the cosine-weighted votes of the k most similar training messages. */
function withNeighbours(
  p: Float64Array,
  x: SparseVector,
  index: NeighbourIndex,
  { k, beta }: { k: number; beta: number },
): Float64Array {
  const votes = neighbourVotes(index, x, k, p.length);
  return p.map((v, label) => v + beta * (votes[label] as number));
}

interface Row extends CategoryInput {
  label: string;
}

const rows: Row[] = readFileSync(DATA, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const v = JSON.parse(l) as { title: string | null; body: string; label: string };
    return { title: v.title, body: v.body, label: v.label };
  });
const labels: string[] = [...CATEGORY_LABELS];
const ys = rows.map((r) => {
  const y = labels.indexOf(r.label);
  if (y < 0) throw new Error(`unknown label ${r.label}`);
  return y;
});
let t0 = performance.now();
const docs = rows.map((r) => categoryTokens(r));
const unlabelledDocs = UNLABELLED.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const v = JSON.parse(l) as { title: string | null; body: string };
      return categoryTokens({ title: v.title, body: v.body });
    }),
);
print(
  `${rows.length} messages, ${labels.length} categories, ${unlabelledDocs.length} unlabelled; features in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

/** Stratified fold of each row: each label's rows shuffled with a fixed seed, dealt round-robin. */
function stratifiedFolds(k: number, seed: number): number[] {
  const fold = new Array<number>(rows.length).fill(0);
  const random = rng(seed);
  labels.forEach((_, y) => {
    const members = shuffle(
      ys.flatMap((v, i) => (v === y ? [i] : [])),
      random,
    );
    members.forEach((i, n) => (fold[i] = n % k));
  });
  return fold;
}

interface Scores {
  accuracy: number;
  macroF1: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
}

function score(truth: number[], pred: number[]): Scores {
  const perClass = labels.map((label, y) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (pred[i] === y && truth[i] === y) tp++;
      else if (pred[i] === y) fp++;
      else if (truth[i] === y) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: tp + fn };
  });
  const correct = truth.filter((t, i) => t === pred[i]).length;
  return {
    accuracy: correct / truth.length,
    macroF1: perClass.reduce((s, c) => s + c.f1, 0) / perClass.length,
    perClass,
  };
}

/** The top-class probability of each message in the last cross-validation, in result order. */
const confidences: number[] = [];
const cvPred: number[] = [];

function crossValidate(setting: Setting, minDf: number, verbose: boolean, seed = SEED): Scores {
  const fold = stratifiedFolds(FOLDS, seed);
  const truth: number[] = [];
  const pred: number[] = [];
  confidences.length = 0;
  cvPred.length = 0;
  for (let f = 0; f < FOLDS; f++) {
    const train = rows.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const test = rows.flatMap((_, i) => (fold[i] === f ? [i] : []));
    const { vocab, model, xs, y } = fit(train, setting, minDf);
    const index = setting.neighbours ? neighbourIndex(xs, y, vocab.idf.length) : undefined;
    const ft: number[] = [];
    const fp: number[] = [];
    for (const i of test) {
      const x = vectorize(docs[i] as string[], vocab);
      let p = probabilities(model, x);
      if (setting.neighbours && index) p = withNeighbours(p, x, index, setting.neighbours);
      let best = 0;
      for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k;
      ft.push(ys[i] as number);
      confidences.push(p[best] as number);
      fp.push(best);
    }
    truth.push(...ft);
    pred.push(...fp);
    if (verbose) {
      const s = score(ft, fp);
      print(
        `  fold ${f + 1}: accuracy ${s.accuracy.toFixed(4)}, macro-F1 ${s.macroF1.toFixed(4)} (${test.length} messages)`,
      );
    }
  }
  cvPred.push(...pred);
  return score(truth, pred);
}

const fmt = (v: number[]) => {
  const mean = v.reduce((x, y) => x + y, 0) / v.length;
  return `${mean.toFixed(4)} ± ${((Math.max(...v) - Math.min(...v)) / 2).toFixed(4)}`;
};

/** Mean ± half-range over the fold seeds: differences smaller than the spread are noise. */
function overSeeds(setting: Setting, minDf: number, first?: Scores): string {
  const all = [first ?? crossValidate(setting, minDf, false)];
  for (const seed of MORE_SEEDS) all.push(crossValidate(setting, minDf, false, seed));
  return `macro-F1 ${fmt(all.map((s) => s.macroF1))}, accuracy ${fmt(all.map((s) => s.accuracy))}`;
}

/** The linear model alone: the teacher's first part, and the model shipped before distillation. */
const linear: Setting = { ...defaultTrainOptions, lambda: LAMBDA, nb: true };
/**
 * Distillation, chosen by CV (mean over fold seeds 20200, 1 and 2): unlabelled weight 0.25 / 0.5 / 1 / 2
 * gave 0.916 / 0.918 / 0.917 / 0.916; 20 neighbours or beta 2 no better; a second round, trigram
 * features or a vocabulary fitted with the unlabelled messages worse.
 */
const DISTIL: DistilOptions = { k: 10, beta: 1, weight: 0.5 };
/*
 * Tried for macro-F1 and not used (5-fold CV; "linear" is the model before distillation, 0.9160 on
 * fold seeds 20200 and 1):
 * - pretrained word vectors (Chinese Wikipedia word2vec, 125,796 words × 100, in the npm package
 *   node-synonyms, GPL-3.0): their IDF-weighted mean beside these features, linear 0.9153; alone
 *   0.76;
 * - the level-2 and level-3 names of tipdm2020c-label-hierarchy as extra labelled messages,
 *   linear 0.9138;
 * - dropping training messages whose own label an inner CV gives p < 0.05 (label noise), linear
 *   0.9086 against 0.9159 on seed 20200;
 * - per-label offsets tuned for macro-F1 on half the out-of-fold predictions: 0.9178 on the other
 *   half against 0.9188 (distilled, seed 20200);
 * - 10 folds instead of 5 (more training messages per fold): 0.9171 and 0.9146 on seeds 20200 and 1.
 * Better teachers, scored as teachers (seeds 20200, 1, 2; the teacher used, linear + 10 neighbours,
 * 0.9197):
 * - a second view from jieba words (and word bigrams), its linear model and neighbours added: 0.915
 *   to 0.917; the word model alone 0.890;
 * - neighbours found after weighting each feature by how unevenly it spreads over the labels
 *   (1 − normalised entropy, powers 0.5 / 1 / 2): the neighbours alone rise from 0.881 to 0.890
 *   (power 0.5), but the blend with the linear model falls to 0.913 / 0.905 / 0.893, as they then
 *   agree with it more. The plain neighbours help because they judge differently.
 * - two random crops (40–70 % of the body, the title kept half the time) of each training message
 *   added to the unlabelled messages the teacher labels: the student falls from 0.9181 to 0.9145.
 * - co-training on the replies data: a second model reads the official reply (which names the
 *   answering department), trained on the teacher's soft labels of the other replies (5-fold
 *   cross-fitted), and its probabilities^0.5 multiply the teacher's for that message: seed 20200
 *   0.9192 against 0.9188, seed 1 0.9129 against 0.9179 (the reply mostly repeats what the
 *   teacher already read in the message).
 */
const setting: Setting = { ...linear, distil: DISTIL };

if (process.argv.includes('--grid')) {
  print(`settings compared by 5-fold CV over fold seeds ${[SEED, ...MORE_SEEDS].join(', ')}:`);
  const grid: [string, Setting][] = [
    ['plain TF-IDF, lambda 3e-5', { nb: false }],
    ['log-count ratios, lambda 3e-5', { nb: true }],
    ['log-count ratios, lambda 1e-5 (the linear model before distillation)', linear],
    ['log-count ratios, lambda 3e-6', { nb: true, lambda: 3e-6 }],
    ['log-count ratios, lambda 1e-5, unbalanced', { ...linear, balanced: false }],
    [
      'the teacher: + votes of the 10 most similar training messages (not shippable: needs the texts)',
      { ...linear, neighbours: { k: 10, beta: 1 } },
    ],
    [
      'self-training: distilled from the linear model alone (no neighbour votes)',
      { ...linear, distil: { ...DISTIL, beta: 0 } },
    ],
    ['distilled from the teacher (used)', setting],
  ];
  for (const [name, g] of grid) {
    t0 = performance.now();
    const line = overSeeds(g, DEFAULT_MIN_DF);
    print(`  ${name}: ${line} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

print(
  `\nstratified ${FOLDS}-fold cross-validation (seed ${SEED}), multinomial logistic regression over ` +
    `TF-IDF scaled by NB log-count ratios (epochs ${setting.epochs}, lambda ${setting.lambda}, ` +
    `eta0 ${setting.eta0}), minDf ${DEFAULT_MIN_DF}, distilled over ${unlabelledDocs.length} unlabelled ` +
    `messages from it + the votes of the ${DISTIL.k} most similar labelled ones (beta ${DISTIL.beta}, ` +
    `weight ${DISTIL.weight}), no 其他 threshold:`,
);
t0 = performance.now();
const cv = crossValidate(setting, DEFAULT_MIN_DF, true);
print(
  `overall: accuracy ${cv.accuracy.toFixed(4)}, macro-F1 ${cv.macroF1.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
print('  class            precision  recall  F1      support');
for (const c of cv.perClass)
  print(
    `  ${c.label.padEnd(10, '　')}  ${c.precision.toFixed(4)}     ${c.recall.toFixed(4)}  ${c.f1.toFixed(4)}  ${c.support}`,
  );

// What the 其他 threshold costs: the share of held-out messages it sets aside, accuracy on the rest.
{
  const fold = stratifiedFolds(FOLDS, SEED);
  const order = Array.from({ length: FOLDS }, (_, f) => f).flatMap((f) =>
    rows.flatMap((_, i) => (fold[i] === f ? [i] : [])),
  );
  const rightByPos = order.map((i, n) => cvPred[n] === ys[i]);
  for (const t of [0.25, 0.3, 0.35, 0.5]) {
    const kept = confidences.flatMap((c, n) => (c >= t ? [n] : []));
    const right = kept.filter((n) => rightByPos[n]).length;
    print(
      `  threshold ${t}${t === DEFAULT_THRESHOLD ? ' (used)' : ''}: ${((1 - kept.length / rows.length) * 100).toFixed(1)}% → 其他, ` +
        `accuracy on the rest ${(right / kept.length).toFixed(4)}`,
    );
  }
}

// The same CV with two more fold assignments (computed after the threshold table, which reads
// the predictions the first run left behind).
t0 = performance.now();
const spread = overSeeds(setting, DEFAULT_MIN_DF, cv);
print(
  `over fold seeds ${[SEED, ...MORE_SEEDS].join(', ')}: ${spread} (mean ± half-range, ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);

// The final model, on all the data.
t0 = performance.now();
const { vocab, model } = fit(
  rows.map((_, i) => i),
  setting,
  DEFAULT_MIN_DF,
);
mkdirSync(join(packageRoot, 'models'), { recursive: true });
writeFileSync(OUT, serialize(vocab, model, DEFAULT_THRESHOLD));
print(
  `\nfinal model: ${vocab.idf.length} features, trained in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
    `wrote models/category.json (${(statSync(OUT).size / 1024 / 1024).toFixed(2)} MB)`,
);

// Throughput: the committed file, loaded as `yuqing classify` loads it, over all the messages.
const classifier = classifierFromFile(OUT);
classifier.classify(rows.slice(0, 50)); // warm-up
// CPU time of this process, best of three: the machine may be busy with other work.
let cpu = Infinity;
let results = classifier.classify(rows);
for (let run = 0; run < 3; run++) {
  const start = process.cpuUsage();
  results = classifier.classify(rows);
  const used = process.cpuUsage(start);
  cpu = Math.min(cpu, (used.user + used.system) / 1e6);
}
const agree = results.filter((r, i) => r.label === rows[i]?.label).length;
const other = results.filter((r) => r.label === '其他').length;
print(
  `throughput (one core, in-process, feature extraction included): ${Math.round(rows.length / cpu)} messages/s ` +
    `(${rows.length} in ${cpu.toFixed(2)} s of CPU); training-set agreement ${(agree / rows.length).toFixed(4)}, 其他 ${other}`,
);
