/**
 * npm run train: the category classifier of issue 5. Reads ../shared/data/tipdm2020c-classify,
 * reports stratified 5-fold cross-validation (accuracy, macro-F1, per-class P/R/F1), trains on all
 * of it, writes models/category.json (weights only, never the texts) and measures throughput.
 *
 *   npm run train                 # CV + final model
 *   npm run train -- --grid       # also compare a few settings by CV (slower)
 */
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  fitVocabulary,
  tokens,
  vectorize,
  type CategoryInput,
} from '../src/nlp/category/features.js';
import {
  defaultTrainOptions,
  predict,
  rng,
  shuffle,
  trainSoftmax,
  type TrainOptions,
} from '../src/nlp/category/model.js';
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

const DATA = join(packageRoot, '..', 'shared', 'data', 'tipdm2020c-classify', 'train.jsonl');
const OUT = join(packageRoot, 'models', 'category.json');
const FOLDS = 5;
const SEED = 20200;

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
const docs = rows.map((r) => tokens(r));
print(
  `${rows.length} messages, ${labels.length} categories; features in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
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

function crossValidate(options: Partial<TrainOptions>, minDf: number, verbose: boolean): Scores {
  const fold = stratifiedFolds(FOLDS, SEED);
  const truth: number[] = [];
  const pred: number[] = [];
  confidences.length = 0;
  cvPred.length = 0;
  for (let f = 0; f < FOLDS; f++) {
    const train = rows.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const test = rows.flatMap((_, i) => (fold[i] === f ? [i] : []));
    const vocab = fitVocabulary(
      train.map((i) => docs[i] as string[]),
      minDf,
    );
    const model = trainSoftmax(
      train.map((i) => vectorize(docs[i] as string[], vocab)),
      train.map((i) => ys[i] as number),
      labels,
      vocab.idf.length,
      options,
    );
    const ft: number[] = [];
    const fp: number[] = [];
    for (const i of test) {
      const p = predict(model, vectorize(docs[i] as string[], vocab));
      ft.push(ys[i] as number);
      confidences.push(p.confidence);
      fp.push(labels.indexOf(p.label));
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

if (process.argv.includes('--grid')) {
  print('settings compared by 5-fold CV:');
  for (const balanced of [false, true])
    for (const lambda of [1e-6, 1e-5, 1e-4])
      for (const eta0 of [0.2, 1]) {
        const minDf = DEFAULT_MIN_DF;
        const epochs = 20;
        t0 = performance.now();
        const s = crossValidate({ lambda, eta0, epochs, balanced }, minDf, false);
        print(
          `  balanced ${balanced} lambda ${lambda} eta0 ${eta0}: accuracy ${s.accuracy.toFixed(4)}, macro-F1 ${s.macroF1.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      }
}

const options = defaultTrainOptions;
print(
  `\nstratified ${FOLDS}-fold cross-validation (seed ${SEED}), multinomial logistic regression ` +
    `(epochs ${options.epochs}, lambda ${options.lambda}, eta0 ${options.eta0}), minDf ${DEFAULT_MIN_DF}, no 其他 threshold:`,
);
t0 = performance.now();
const cv = crossValidate(options, DEFAULT_MIN_DF, true);
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
  for (const t of [0.3, DEFAULT_THRESHOLD, 0.5, 0.6]) {
    const kept = confidences.flatMap((c, n) => (c >= t ? [n] : []));
    const right = kept.filter((n) => rightByPos[n]).length;
    print(
      `  threshold ${t}${t === DEFAULT_THRESHOLD ? ' (used)' : ''}: ${((1 - kept.length / rows.length) * 100).toFixed(1)}% → 其他, ` +
        `accuracy on the rest ${(right / kept.length).toFixed(4)}`,
    );
  }
}

// The final model, on all the data.
t0 = performance.now();
const vocab = fitVocabulary(docs, DEFAULT_MIN_DF);
const model = trainSoftmax(
  docs.map((d) => vectorize(d, vocab)),
  ys,
  labels,
  vocab.idf.length,
  options,
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
t0 = performance.now();
const results = classifier.classify(rows);
const seconds = (performance.now() - t0) / 1000;
const agree = results.filter((r, i) => r.label === rows[i]?.label).length;
const other = results.filter((r) => r.label === '其他').length;
print(
  `throughput (one core, in-process, feature extraction included): ${Math.round(rows.length / seconds)} messages/s ` +
    `(${rows.length} in ${seconds.toFixed(2)} s); training-set agreement ${(agree / rows.length).toFixed(4)}, 其他 ${other}`,
);
