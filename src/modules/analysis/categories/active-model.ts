import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { CategoryInput } from '../../../nlp/category/features.js';
import {
  classifierOf,
  shippedCategoryModel,
  type CategoryClassifier,
} from '../../../nlp/category/classify.js';
import { applyDelta, type ModelDelta } from '../../../nlp/category/fine-tune.js';
import { OTHER } from '../../../nlp/category/model.js';

export interface CategoryGuess {
  categoryId: number | null;
  confidence: number;
}

/** The category model in use: the newest retrained one, else the shipped file. */
export interface ActiveCategoryModel {
  /** The category_models row, or null for the shipped model. */
  modelId: number | null;
  classify(inputs: readonly CategoryInput[]): CategoryGuess[];
}

// A retrained model is rebuilt from its delta once per process, not per batch.
let cached: { modelId: number; classifier: CategoryClassifier | null } | undefined;

function retrainedClassifier(modelId: number, stored: unknown): CategoryClassifier | null {
  if (cached?.modelId !== modelId) {
    const delta = (typeof stored === 'string' ? JSON.parse(stored) : stored) as ModelDelta;
    try {
      cached = { modelId, classifier: classifierOf(applyDelta(shippedCategoryModel(), delta)) };
    } catch {
      cached = { modelId, classifier: null };
    }
  }
  return cached.classifier;
}

/**
 * Labels map to categories: the shipped model's by `categories.model_label` (so a renamed category
 * keeps its posts coming), a retrained model's labels are category ids. 其他 and inactive
 * categories fall back to the category named by the shipped 其他 label.
 */
export async function activeCategoryModel(db: Kysely<DB>): Promise<ActiveCategoryModel> {
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'model_label', 'active'])
    .execute();
  const other = categories.find((c) => c.model_label === OTHER)?.id ?? null;
  const active = new Set(categories.filter((c) => c.active).map((c) => c.id));
  const latest = await db
    .selectFrom('category_models')
    .select(['id', 'model'])
    .where('status', '=', 'ok')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

  let classifier: CategoryClassifier;
  let toCategory: (label: string) => number | null;
  // A model retrained over an older shipped model no longer fits it: the shipped one is used
  // until an admin retrains.
  const retrained = latest?.model ? retrainedClassifier(latest.id, latest.model) : null;
  if (retrained) {
    classifier = retrained;
    toCategory = (label) => (label === OTHER ? null : Number(label));
  } else {
    classifier = classifierOf(shippedCategoryModel());
    const byLabel = new Map(categories.map((c) => [c.model_label, c.id]));
    toCategory = (label) => byLabel.get(label) ?? null;
  }
  return {
    modelId: retrained && latest ? latest.id : null,
    classify: (inputs) =>
      classifier.classify(inputs).map((r) => {
        const id = toCategory(r.label);
        return { categoryId: id !== null && active.has(id) ? id : other, confidence: r.confidence };
      }),
  };
}
