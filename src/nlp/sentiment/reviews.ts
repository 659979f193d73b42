import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/paths.js';

/**
 * The labelled review sets the sentiment model learns from, read at run time from ../shared/data
 * (they are never copied into the repository): food-delivery and hotel reviews, 1 positive, 0
 * negative.
 */
export const REVIEW_FILES = {
  waimai: join(packageRoot, '..', 'shared', 'data', 'sentiment-waimai-10k', 'data.jsonl'),
  hotel: join(packageRoot, '..', 'shared', 'data', 'sentiment-chnsenticorp-htl', 'data.jsonl'),
} as const;

export type ReviewSource = keyof typeof REVIEW_FILES;

export interface Review {
  source: ReviewSource;
  id: number;
  label: 0 | 1;
  body: string;
}

export const reviewsAvailable = () => Object.values(REVIEW_FILES).every((f) => existsSync(f));

export function readReviews(): Review[] {
  return (Object.keys(REVIEW_FILES) as ReviewSource[]).flatMap((source) =>
    readFileSync(REVIEW_FILES[source], 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l): Review => {
        const v = JSON.parse(l) as { id: number; label: number; body: string };
        return { source, id: v.id, label: v.label === 1 ? 1 : 0, body: v.body };
      }),
  );
}

/**
 * One review in ten (by id) is kept out of the committed model's training, so that its accuracy
 * on reviews it never saw can be checked by a test.
 */
export const isHeldBack = (r: Review) => r.id % 10 === 0;
