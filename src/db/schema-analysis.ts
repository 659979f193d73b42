import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

// Analysis (0009): categories and the category models retrained on confirmed labels.

export interface CategoriesTable {
  id: Generated<number>;
  name: string;
  /** The label the shipped model emits for this category; null for categories added here. */
  model_label: string | null;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CategoryModelsTable {
  id: Generated<number>;
  status: 'queued' | 'running' | 'ok' | 'failed';
  trigger: 'manual' | 'schedule';
  requested_by: number | null;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  samples: Generated<number>;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  holdout_accuracy: number | null;
  baseline_accuracy: number | null;
  model: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
}

export interface AnalysisTables {
  categories: CategoriesTable;
  category_models: CategoryModelsTable;
}
