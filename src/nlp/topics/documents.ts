import { normalise } from '../../ingest/normalise.js';
import type { Segmenter } from '../../ingest/segment.js';
import type { EventMarker } from './events.js';
import type { TopicDoc } from './topic.js';
import { topicIdf, vectorize, type TopicIdf, type VectorOptions } from './vectors.js';

/** Title words count twice: tuned with scripts/train-topics.ts. */
export const DEFAULT_VECTOR: VectorOptions = { titleBoost: 2 };

const EXCERPT = 40;

/** What stands for a post in a topic's label: its title, else the start of its text. */
export function representativeText(title: string | null, body: string): string {
  const t = title?.trim();
  if (t) return t;
  const b = body.trim();
  return b.length > EXCERPT ? `${b.slice(0, EXCERPT)}…` : b;
}

export interface TopicInput {
  postId: number;
  title: string | null;
  body: string;
  postedAt: number;
  likes: number | null;
  replies?: number | null;
  /** The words of title and body when already segmented (the ingest pipeline has them). */
  words?: readonly string[];
}

/** A post as clustering sees it, segmented the way the ingest pipeline segments. */
export function topicDoc(
  input: TopicInput,
  seg: Segmenter,
  idf: TopicIdf = topicIdf(),
  options: VectorOptions = DEFAULT_VECTOR,
  marker?: EventMarker,
): TopicDoc {
  const title = normalise(input.title ?? '') || null;
  const body = normalise(input.body);
  const text = title ? `${title}\n${body}` : body;
  const words = input.words ?? seg.words(text);
  const titleWords = title && options.titleBoost > 1 ? seg.words(title) : [];
  return {
    postId: input.postId,
    vector: vectorize(words, titleWords, idf, options),
    text: representativeText(title, body),
    postedAt: input.postedAt,
    likes: input.likes,
    replies: input.replies ?? null,
    ...(marker ? { event: marker(text) } : {}),
  };
}
