import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

type Json<T> = ColumnType<T, string, string>;

/** A topic's sudden event as stored (0031); src/nlp/topics/events.ts TopicEvent, times ISO. */
export interface StoredTopicEvent {
  kinds: string[];
  places: string[];
  /** Since s21: absent in events stored before sites were read (none named, then). */
  sites?: string[];
  grams: string[];
  firstAt: string;
  lastAt: string;
}

// Hot topics (0010): posts on one matter, grouped by src/modules/analysis/topics.

export interface TopicsTable {
  id: Generated<number>;
  label: string;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  representative_post_id: number | null;
  size: Generated<number>;
  likes: ColumnType<number, number | undefined, number>;
  replies: ColumnType<number, number | undefined, number>;
  heat: Generated<number>;
  heat_rank: number;
  first_at: Timestamp;
  last_at: Timestamp;
  /** { term: weight }. */
  centroid: Json<Record<string, number>>;
  representative_vector: ColumnType<Record<string, number>, string | undefined, string>;
  burst_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  burst_ratio: number | null;
  /** The sudden event its posts report (0031, src/nlp/topics/events.ts); null for most topics. */
  event: ColumnType<StoredTopicEvent | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A topic the analyser merged into another (0015): where a link to the absorbed one leads. */
export interface TopicMergesTable {
  absorbed_id: number;
  survivor_id: number;
  merged_at: Timestamp;
}

export interface TopicTables {
  topics: TopicsTable;
  topic_merges: TopicMergesTable;
}
