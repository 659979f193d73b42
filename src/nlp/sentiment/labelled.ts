import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/paths.js';
import type { Sentiment, SentimentInput } from './analyse.js';
import { GOV_SAMPLES } from './gov-samples.js';
import { HOT_LABELS } from './hot-labels.js';

/** The labelled messages the three-class analysis is measured on, by set. */
export interface LabelledSet {
  name: 'own dev' | 'own late' | 'real tune' | 'real held-out';
  items: { label: Sentiment; input: SentimentInput }[];
}

export const HOT_MESSAGES = join(
  packageRoot,
  '..',
  'shared',
  'data',
  'tipdm2020c-hot-messages',
  'data.jsonl',
);

/** The hot-messages posts (read at run time, never stored), or [] when the data is not there. */
export function readHotMessages(): { id: number; title: string; body: string }[] {
  if (!existsSync(HOT_MESSAGES)) return [];
  return readFileSync(HOT_MESSAGES, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: number; title: string; body: string });
}

/**
 * The hand-written sets (gov-samples.ts) and, when ../shared/data has them, the hand-labelled real
 * messages (hot-labels.ts).
 */
export function labelledSets(posts = readHotMessages()): LabelledSet[] {
  const own = (set: 'dev' | 'late') =>
    GOV_SAMPLES.filter((s) => s.set === set).map((s) => ({ label: s.label, input: s }));
  const byId = new Map(posts.map((p) => [p.id, p]));
  const real = (set: 'tune' | 'held-out') =>
    HOT_LABELS.filter((h) => h.set === set && byId.has(h.id)).map((h) => {
      const p = byId.get(h.id) as { title: string; body: string };
      return { label: h.label, input: { title: p.title, body: p.body } };
    });
  const sets: LabelledSet[] = [
    { name: 'own dev', items: own('dev') },
    { name: 'own late', items: own('late') },
  ];
  if (byId.size > 0)
    sets.push(
      { name: 'real tune', items: real('tune') },
      { name: 'real held-out', items: real('held-out') },
    );
  return sets;
}
